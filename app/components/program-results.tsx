import { GOAL_UNITS, WORK_TYPE_LABELS } from "~/domain/field-forms";
import type { ProgramResults as Results } from "~/domain/field-views";
import { ResultsChart } from "./charts/results-chart";

/** "Goals against results" for a program page: each goal with a progress bar, then the charts. */
export function ProgramResults({ results, headingLevel = 2 }: { results: Pick<Results, "goals" | "byDay" | "byAffiliate" | "timeZone">; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2";
  const Sub = `h${headingLevel + 1}` as "h3";
  return (
    <section aria-labelledby="program-results-title" className="program-results">
      <H id="program-results-title">Goals against results</H>
      {results.goals.length === 0 ? (
        <p className="empty">This program has no goals yet.</p>
      ) : (
        <ul className="goal-list">
          {results.goals.map((g) => {
            const pct = g.target > 0 ? Math.min(100, Math.round((g.done / g.target) * 100)) : 0;
            return (
              <li key={g.workType}>
                <span className="goal-label">
                  <strong>{WORK_TYPE_LABELS[g.workType]}</strong>: {g.done.toLocaleString("en-US")} of {g.target.toLocaleString("en-US")} {GOAL_UNITS[g.workType]}
                </span>
                <progress max={g.target || 1} value={Math.min(g.done, g.target || 1)} aria-label={`${WORK_TYPE_LABELS[g.workType]}: ${pct}% of goal`}>
                  {pct}%
                </progress>
              </li>
            );
          })}
        </ul>
      )}
      <Sub>Results</Sub>
      <p className="hint">Days are in the race's time zone ({results.timeZone}).</p>
      <ResultsChart byDay={results.byDay} byAffiliate={results.byAffiliate} />
    </section>
  );
}
