import { Link } from "@remix-run/react";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import type { ShiftCard } from "~/domain/field-views";

type Item = Omit<ShiftCard, "programName">;

/** A shift's place: its address, or its meeting link for a virtual shift (kept for its hosts and recruiters, issue 13). */
export function ShiftPlace({ shift }: { shift: Pick<Item, "location" | "callLink" | "linkHidden"> }) {
  if (shift.location) return <>{shift.location}</>;
  if (shift.callLink) return <a href={shift.callLink}>Meeting link</a>;
  if (shift.linkHidden) return <span className="muted">Virtual: the link is for its hosts and recruiters</span>;
  return null;
}

/** A list of shifts as cards (phone-friendly): title, time in the race's zone, hosts, places left. */
export function UpcomingShifts({ shifts, coalitionId, empty = "No upcoming shifts.", showProgram = false }: { shifts: (Item & { programName?: string })[]; coalitionId: number; empty?: string; showProgram?: boolean }) {
  if (shifts.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="shift-list">
      {shifts.map((s) => (
        <li key={s.id} className={`shift-card${s.cancelledAt ? " cancelled" : ""}`}>
          <Link to={`/tables/${coalitionId}/programs/${s.programId}/shifts/${s.id}`} className="shift-title">
            {s.title || WORK_TYPE_LABELS[s.workType]}
          </Link>
          {s.cancelledAt ? <span className="badge status-closed"> cancelled</span> : null}
          <div className="shift-when">{s.when}</div>
          <div className="muted">
            {WORK_TYPE_LABELS[s.workType]}
            {showProgram && s.programName ? ` · ${s.programName}` : ""} · <ShiftPlace shift={s} />
          </div>
          <div className="muted">
            Host: {s.host?.name ?? "—"}
            {s.hostKind === "campaign" && s.campaignHost ? ` with ${s.campaignHost} (campaign)` : ""}
            {s.coHosts.length ? ` · co-hosts: ${s.coHosts.map((c) => c.name).join(", ")}` : ""}
          </div>
          <div>
            {s.signedUp} of {s.capacity} signed up{s.seatsLeft === 0 && !s.cancelledAt ? " · full" : ""}
          </div>
        </li>
      ))}
    </ul>
  );
}
