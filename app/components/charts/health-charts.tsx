import { useMounted } from "./use-mounted";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * The health page's charts. They draw in the browser only (recharts measures the page); the
 * same figures are in the page's list view and in a table under each chart.
 */
const PALETTE = ["#1f5fa8", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207", "#be185d", "#4d7c0f", "#334155", "#9333ea", "#0369a1"];

/** Meetings attended per partner per month: a line per partner. */
export function AttendanceChart({ rows, partners }: { rows: Record<string, string | number>[]; partners: string[] }) {
  const mounted = useMounted();
  if (rows.length === 0) return <p className="empty">No meetings held yet.</p>;
  return (
    <figure className="chart">
      <figcaption>Meetings attended per partner, by month</figcaption>
      <div className="chart-area" aria-hidden="true" data-testid="attendance-chart">
        {mounted ? (
          <ResponsiveContainer width="100%" height={240}>
            <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d9dde3" />
              <XAxis dataKey="month" fontSize={12} />
              <YAxis allowDecimals={false} width={32} fontSize={12} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {partners.map((p, i) => (
                <Line key={p} type="monotone" dataKey={p} stroke={PALETTE[i % PALETTE.length]} strokeWidth={2} dot isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <details>
        <summary>Show the figures</summary>
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {partners.map((p) => (
                  <th key={p} scope="col">
                    {p}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={String(r.month)}>
                  <td>{r.month}</td>
                  {partners.map((p) => (
                    <td key={p}>{r[p]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** A bar chart with one or two series, for overdue items per owner and pledged against delivered hours. */
export function HealthBarChart({
  title,
  data,
  series,
  testId,
}: {
  title: string;
  data: Record<string, string | number>[];
  series: { key: string; label: string; color: string }[];
  testId: string;
}) {
  const mounted = useMounted();
  if (data.length === 0) return null;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-area" aria-hidden="true" data-testid={testId}>
        {mounted ? (
          <ResponsiveContainer width="100%" height={Math.max(160, 48 * data.length)}>
            <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d9dde3" />
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis type="category" dataKey="label" width={140} fontSize={12} />
              <Tooltip />
              {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
              {series.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
    </figure>
  );
}
