import { useMounted } from "./use-mounted";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "~/domain/dates";
import { RESULT_FIELDS, RESULT_LABELS, type ResultCounts } from "~/domain/shift-forms";

const COLORS: Record<(typeof RESULT_FIELDS)[number], string> = {
  doorsKnocked: "#1f5fa8",
  conversations: "#4c9a2a",
  callsDialed: "#b5651d",
  contactsMade: "#8e44ad",
  textsSent: "#c0392b",
};

/** The result counts that have anything in them (an all-zero series is left off the chart). */
function series(rows: ResultCounts[]) {
  return RESULT_FIELDS.filter((f) => rows.some((r) => r[f] > 0));
}

/** Result counts as a table, one row per label (a day, an affiliate). */
export function ResultsTable({ rows, first, caption }: { rows: (ResultCounts & { label: string })[]; first: string; caption: string }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {RESULT_FIELDS.map((f) => (
              <th key={f} scope="col">
                {RESULT_LABELS[f]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {RESULT_FIELDS.map((f) => (
                <td key={f}>{r[f].toLocaleString("en-US")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Field results as recharts bar charts, per day (in the race's zone) and per affiliate.
 * The chart draws in the browser; the same figures are always in a table beneath it, for
 * screen readers, phones and anyone without JavaScript.
 */
export function ResultsChart({ byDay, byAffiliate }: { byDay: (ResultCounts & { date: string })[]; byAffiliate: (ResultCounts & { name: string })[] }) {
  const mounted = useMounted();
  if (byDay.length === 0) return <p className="empty">No results recorded yet.</p>;
  const days = byDay.map((d) => ({ ...d, label: formatDate(d.date) }));
  const affs = byAffiliate.map((a) => ({ ...a, label: a.name }));
  return (
    <div className="results-charts">
      <ResultsFigure rows={days} mounted={mounted} title="Results per day" first="Day" testId="results-by-day-chart" />
      <ResultsFigure rows={affs} mounted={mounted} title="Results per affiliate" first="Affiliate" testId="results-by-affiliate-chart" />
    </div>
  );
}

/** One bar chart (drawn once mounted in the browser) with its figures beneath. */
function ResultsFigure({ rows, mounted, title, first, testId }: { rows: (ResultCounts & { label: string })[]; mounted: boolean; title: string; first: string; testId: string }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-area" aria-hidden="true" data-testid={testId}>
        {mounted ? (
          <ResponsiveContainer width="100%" height={240}>
            <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d9dde3" />
              <XAxis dataKey="label" fontSize={12} minTickGap={8} />
              <YAxis allowDecimals={false} width={44} fontSize={12} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {series(rows).map((f) => (
                <Bar key={f} dataKey={f} name={RESULT_LABELS[f]} fill={COLORS[f]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <ResultsTable rows={rows} first={first} caption={title} />
    </figure>
  );
}
