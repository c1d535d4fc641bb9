import { Link } from "@remix-run/react";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { formatDate } from "~/domain/dates";
import { stepProgress } from "~/domain/processes";
import type { Stance } from "~/domain/vocabulary";

export type RaceProcess = {
  candidateId: number;
  candidateName: string;
  partnerId: number;
  partnerShortName: string;
  partnerName: string;
  stance: Stance | null;
  stepLabel: string | null;
  position: number | null;
  steps: number;
  expectedOn: string | null;
};

/** Per race, the partners still deciding (issue 17): where each stands in its own process and when it expects to decide. */
export function RaceProcesses({ base, rows }: { base: string; rows: readonly RaceProcess[] }) {
  return (
    <section aria-labelledby="race-processes">
      <h2 id="race-processes">Partners still deciding</h2>
      {rows.length === 0 ? (
        <p className="empty">No partner has recorded a step or an expected decision on this race's candidates, or all have decided.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Candidate</th>
                <th scope="col">Where it stands</th>
                <th scope="col">Expects to decide</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.candidateId}-${r.partnerId}`}>
                  <td>
                    <Link to={`${base}/processes/${r.partnerId}`}>
                      <abbr title={r.partnerName}>{r.partnerShortName}</abbr>
                    </Link>
                  </td>
                  <td>
                    <Link to={`${base}/candidates/${r.candidateId}`}>{r.candidateName}</Link>
                  </td>
                  <td>
                    {r.stance ? `${STANCE_LABELS[r.stance]} · ` : ""}
                    {r.stepLabel ? `${r.stepLabel} (${stepProgress(r.position ?? 0, r.steps)})` : "not started"}
                  </td>
                  <td>{r.expectedOn ? formatDate(r.expectedOn) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
