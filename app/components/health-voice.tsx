import { Link } from "@remix-run/react";
import { formatDate } from "~/domain/dates";
import { NOTICE_WINDOW_DAYS } from "~/domain/notices";

export type WithoutNoticeView = { kind: "withdrew" | "endorsed_rival"; at: string; partnerId: number; partnerShortName: string; subCoalitionId: number; subTableCandidate: string; rivalName: string | null };

/** Health (issue 17): members that acted outside a sub-table without telling it first. A sign of decay, not a rule. */
export function ActingWithoutNotice({ base, rows }: { base: string; rows: readonly WithoutNoticeView[] }) {
  return (
    <section aria-labelledby="without-notice">
      <h2 id="without-notice">Acting without notice</h2>
      <p className="hint">
        In the last {NOTICE_WINDOW_DAYS} days: a member that left a sub-table, or endorsed a rival candidate in its race, without giving it notice first. Nothing was refused; it is a sign
        to talk about.
      </p>
      {rows.length === 0 ? (
        <p className="empty">Every member gave notice before acting on its own.</p>
      ) : (
        <ul className="history card">
          {rows.map((r) => (
            <li key={`${r.kind}-${r.partnerId}-${r.subCoalitionId}-${r.at}`}>
              <strong>{r.partnerShortName}</strong>{" "}
              {r.kind === "withdrew" ? "left" : `endorsed ${r.rivalName ?? "a rival"} while in`} the{" "}
              <Link to={`${base}/sub-tables/${r.subCoalitionId}`}>sub-table for {r.subTableCandidate}</Link> without notice{" "}
              <span className="muted">· {formatDate(r.at.slice(0, 10))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
