import { useMounted } from "./use-mounted";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "~/domain/dates";

/**
 * Endorsements over time. The chart draws in the browser; the same figures are always in
 * a table beneath it, for screen readers and for anyone without JavaScript.
 */
export function EndorsementsChart({ data, title }: { data: { date: string; endorsed: number }[]; title: string }) {
  const mounted = useMounted();
  if (data.length === 0) return <p className="empty">No endorsements recorded yet.</p>;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-area" aria-hidden="true" data-testid="endorsements-chart">
        {mounted ? (
          <ResponsiveContainer width="100%" height={220}>
            <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d9dde3" />
              <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d)} minTickGap={24} fontSize={12} />
              <YAxis allowDecimals={false} width={32} fontSize={12} />
              <Tooltip labelFormatter={(d) => formatDate(String(d))} formatter={(v) => [v, "Endorsements"]} />
              <Line type="stepAfter" dataKey="endorsed" stroke="#1f5fa8" strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <details>
        <summary>Show the figures</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Endorsements standing</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.date}>
                <td>{formatDate(d.date)}</td>
                <td>{d.endorsed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
