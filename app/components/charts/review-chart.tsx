import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReviewGroup } from "~/domain/review";
import { useMounted } from "./use-mounted";

/**
 * The cycle review's chart: races that succeeded, and the mean margin, with and without a
 * sub-table. Drawn in the browser; the same counts are always in the table beneath it.
 */
export function ReviewChart({ groups }: { groups: ReviewGroup[] }) {
  const mounted = useMounted();
  const data = groups.map((g) => ({ group: g.group, succeeded: g.succeeded, lost: g.races - g.succeeded }));
  return (
    <figure className="chart">
      <figcaption>Races won or advanced, and lost, with and without a sub-table</figcaption>
      <div className="chart-area" aria-hidden="true" data-testid="review-chart">
        {mounted ? (
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d9dde3" />
              <XAxis dataKey="group" fontSize={12} />
              <YAxis allowDecimals={false} width={32} fontSize={12} />
              <Tooltip />
              <Bar dataKey="succeeded" name="Won or advanced" stackId="a" fill="#1f5fa8" isAnimationActive={false} />
              <Bar dataKey="lost" name="Lost or withdrew" stackId="a" fill="#b7c4d6" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <table aria-label="Outcomes with and without a sub-table">
        <thead>
          <tr>
            <th scope="col">Races</th>
            <th scope="col">Count</th>
            <th scope="col">Won or advanced</th>
            <th scope="col">Mean margin</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">{g.group}</th>
              <td>{g.races}</td>
              <td>{g.succeeded}</td>
              <td>{g.meanMargin === null ? "—" : `${g.meanMargin > 0 ? "+" : ""}${g.meanMargin} pts`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
