import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, shiftResults, shifts } from "../../db/schema";
import { toCsv } from "~/domain/csv";
import type { Principal } from "~/domain/permissions";
import { RESULT_FIELDS } from "~/domain/shift-forms";
import { refuse, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import { checkCampaignCounterparty } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramRef } from "./programs.server";
import { programResults } from "./shift-results.server";
import { listShifts } from "./shifts.server";
import { listSignups } from "./signups.server";

/** CSV exports of a program's field work: its shifts, sign-ups or results, for a named kind of recipient. */

export type ExportKind = "shifts" | "signups" | "results";
export type ExportRecipient = "member" | "vendor" | "campaign";

/**
 * A program's shifts, sign-ups or results as CSV, for a named kind of recipient. A campaign
 * recipient is rule F7's business: every member on the sub-table is asked (its field work
 * is in the file), each decision audited, and one refusal refuses the export. Contact
 * details in the sign-ups file follow signup.contacts for the person exporting, who is
 * the actor of the audit rows.
 */
export function exportCsv(db: Db, actor: Principal, input: ProgramRef & { kind: ExportKind; recipient: ExportRecipient }, now: Date = new Date()): Result<{ csv: string; filename: string }> {
  const { coalitionId, programId, kind, recipient } = input;
  const program = getProgram(db, actor, input);
  const partnerIds = [...new Set(programAffiliates(db, actor, program).map((a) => a.partnerId))];
  const gate = db.transaction((tx): Result<object> => {
    for (const partnerId of partnerIds) {
      const d = checkCampaignCounterparty(tx, actor, { partnerId, raceId: program.race.id, counterpartyIsCampaign: recipient === "campaign", what: "export", onDate: now.toISOString().slice(0, 10), subjectType: "canvassProgram", subjectId: programId, field: "recipient" });
      if (!d.ok) return refuse("recipient", d.message);
    }
    appendAudit(tx, actor, { action: "field.export", decision: "info", raceId: program.race.id, subjectType: "canvassProgram", subjectId: programId, detail: `${kind} for a ${recipient}` }, now);
    return { ok: true };
  });
  if (!gate.ok) return gate;
  const list = listShifts(db, actor, input);
  const filename = `program-${programId}-${kind}.csv`;
  if (kind === "shifts") {
    return {
      ok: true,
      filename,
      csv: toCsv(
        ["shift_id", "work_type", "title", "starts_local", "ends_local", "time_zone", "starts_utc", "ends_utc", "host", "co_hosts", "host_kind", "campaign_host", "side", "capacity", "signed_up", "location", "call_link", "turf_unit_ids", "notes", "cancelled_at"],
        list.map((s) => [s.id, s.workType, s.title, s.startsLocal, s.endsLocal, s.timeZone, s.startsAt, s.endsAt, s.host?.name, s.coHosts.map((c) => c.name).join("; "), s.hostKind, s.campaignHost, s.side, s.capacity, s.signedUp, s.location, s.callLink, s.turfUnitIds.join(" "), s.notes, s.cancelledAt]),
      ),
    };
  }
  if (kind === "signups") {
    const signups = listSignups(db, actor, { coalitionId, shifts: list });
    const hidden = (value: string | null, contactsHidden: boolean) => value ?? (contactsHidden ? "(hidden)" : "");
    const rows = list.flatMap((s) =>
      (signups.get(s.id) ?? []).map((u) => [s.id, s.startsLocal, s.timeZone, u.volunteerName, hidden(u.email, u.contactsHidden), hidden(u.phone, u.contactsHidden), u.recruitedBy.name, u.attended === null ? "" : u.attended ? "yes" : "no", u.cancelledAt]),
    );
    return { ok: true, filename, csv: toCsv(["shift_id", "starts_local", "time_zone", "volunteer", "email", "phone", "recruited_by", "attended", "cancelled_at"], rows) };
  }
  const r = programResults(db, actor, input);
  const perAffiliate = db
    .select({ res: shiftResults, name: affiliates.name })
    .from(shiftResults)
    .innerJoin(shifts, eq(shifts.id, shiftResults.shiftId))
    .innerJoin(affiliates, eq(affiliates.id, shiftResults.affiliateId))
    .where(and(eq(shifts.programId, programId), isNull(shifts.cancelledAt)))
    .orderBy(asc(shifts.startsAt), asc(affiliates.name))
    .all();
  const when = new Map(r.byShift.map((s) => [s.shiftId, s]));
  return {
    ok: true,
    filename,
    csv: toCsv(
      ["shift_id", "local_date", "work_type", "affiliate", ...RESULT_FIELDS],
      perAffiliate.map((p) => [p.res.shiftId, when.get(p.res.shiftId)?.localDate, when.get(p.res.shiftId)?.workType, p.name, ...RESULT_FIELDS.map((f) => p.res[f])]),
    ),
  };
}
