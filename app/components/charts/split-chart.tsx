import { useMounted } from "./use-mounted";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TURF_KIND_LABELS } from "~/domain/field-forms";
import type { AffiliateShare } from "~/domain/field-views";

/**
 * Each affiliate's units against its ideal share, per kind of unit. Drawn in the browser;
 * the split table beside it carries the same figures for screen readers and without JavaScript.
 */
export function SplitChart({ shares }: { shares: AffiliateShare[] }) {
  const mounted = useMounted();
  if (shares.length === 0) return null;
  const data = shares.map((s) => ({ label: `${s.partnerShortName} · ${TURF_KIND_LABELS[s.kind]}`, units: s.units, ideal: Number(s.ideal.toFixed(1)) }));
  return (
    <figure className="chart">
      <figcaption>Units held against the ideal share</figcaption>
      <div className="chart-area" aria-hidden="true" data-testid="split-chart">
        {mounted ? (
          <ResponsiveContainer width="100%" height={Math.max(180, 28 * data.length + 60)}>
            <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d9dde3" />
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis type="category" dataKey="label" width={120} fontSize={11} />
              <Tooltip />
              <Legend />
              <Bar dataKey="units" name="Units held" fill="#1f5fa8" isAnimationActive={false} />
              <Bar dataKey="ideal" name="Ideal" fill="#f0b400" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
    </figure>
  );
}
