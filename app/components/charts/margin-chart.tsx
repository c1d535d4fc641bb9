import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { MARGIN_AXES, MARGIN_AXIS_TITLES, type MarginAxis, type MarginPoint } from "~/domain/review";
import { useMounted } from "./use-mounted";

const pts = (m: number | null) => (m === null ? "—" : `${m > 0 ? "+" : ""}${m} pts`);

/**
 * The review's charts of margin against timing and strength (issue 16): for each band of a
 * figure (days from critical mass to the election, endorsing partners, hours delivered) the
 * mean margin of the races in it, with how many races that is. Drawn in the browser; the
 * same figures are always in the table beneath each chart (for screen readers and print).
 */
export function MarginCharts({ margins }: { margins: Record<MarginAxis, MarginPoint[]> }) {
  return (
    <div className="results-charts">
      {MARGIN_AXES.map((axis) => (
        <MarginChart key={axis} axis={axis} points={margins[axis]} />
      ))}
    </div>
  );
}

function MarginChart({ axis, points }: { axis: MarginAxis; points: MarginPoint[] }) {
  const mounted = useMounted();
  const data = points.map((p) => ({ band: p.label, margin: p.meanMargin ?? 0, races: p.races }));
  return (
    <figure className="chart">
      <figcaption>Mean margin by {MARGIN_AXIS_TITLES[axis].toLowerCase()}</figcaption>
      <div className="chart-area" aria-hidden="true" data-testid={`margin-chart-${axis}`}>
        {mounted ? (
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d9dde3" />
              <XAxis dataKey="band" fontSize={11} interval={0} angle={-30} textAnchor="end" height={56} />
              <YAxis width={36} fontSize={11} unit="" />
              <Tooltip />
              <Bar dataKey="margin" name="Mean margin (points)" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.band} fill={d.margin >= 0 ? "#1f5fa8" : "#b35c1e"} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <table aria-label={`Margin by ${MARGIN_AXIS_TITLES[axis].toLowerCase()}`}>
        <thead>
          <tr>
            <th scope="col">{MARGIN_AXIS_TITLES[axis]}</th>
            <th scope="col">Races</th>
            <th scope="col">Won or advanced</th>
            <th scope="col">Mean margin</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.band}>
              <th scope="row">{p.label}</th>
              <td>{p.races}</td>
              <td>{p.succeeded}</td>
              <td>{pts(p.meanMargin)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
