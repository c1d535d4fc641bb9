import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, shiftResults, shifts, vendors } from "../../db/schema";
import { toCsv } from "~/domain/csv";
import type { Principal } from "~/domain/permissions";
import { RESULT_FIELDS } from "~/domain/shift-forms";
import { localDateOf } from "~/domain/zoned-time";
import { refuse, type Result } from "~/domain/errors";
import { appendAudit } from "./audit.server";
import { checkPolicyForAct } from "./policy-gate.server";
import { checkCampaignCounterparty, checkVendorUse } from "./firewall.server";
import { getProgram, programAffiliates, type ProgramRef } from "./programs.server";
import { shiftQuery, shiftViews, type ShiftRow } from "./shift-rows.server";
import { listSignups } from "./signups.server";

/**
 * CSV exports of a program's field work: its shifts, sign-ups or results, for a named kind of
 * recipient. Streamed (DESIGN.md "Scale"): the file is written a batch of shifts at a time,
 * read by keyset on (startsAt, id) along shifts_program_start, so memory stays constant. A
 * program's shifts lie within its own dates, so the file is bounded by the program.
 */

export type ExportKind = "shifts" | "signups" | "results";
export type ExportRecipient = "member" | "vendor" | "campaign";

/** Shifts read per statement while an export is written. */
export const EXPORT_BATCH = 200;

const SHIFT_HEAD = ["shift_id", "work_type", "title", "starts_local", "ends_local", "time_zone", "starts_utc", "ends_utc", "host", "co_hosts", "host_kind", "campaign_host", "side", "capacity", "signed_up", "location", "call_link", "turf_unit_ids", "notes", "cancelled_at"];
const SIGNUP_HEAD = ["shift_id", "starts_local", "time_zone", "volunteer", "email", "phone", "recruited_by", "attended", "cancelled_at"];
const RESULT_HEAD = ["shift_id", "local_date", "work_type", "affiliate", ...RESULT_FIELDS];

/**
 * A program's shifts, sign-ups or results as CSV, for a named kind of recipient. A campaign
 * recipient is rule F7's business: every member on the sub-table is asked (its field work
 * is in the file), each decision audited, and one refusal refuses the export, before a row
 * is read. Contact details in the sign-ups file follow signup.contacts for the person
 * exporting, decided row by row as each batch is written; that person is the actor of the
 * audit rows. `chunks` is lazy: the rows are read as it is iterated (the route streams it).
 */
export function exportCsv(db: Db, actor: Principal, input: ProgramRef & { kind: ExportKind; recipient: ExportRecipient; vendorId?: number | null }, now: Date = new Date()): Result<{ chunks: Iterable<string>; filename: string }> {
  const { coalitionId, programId, kind, recipient } = input;
  // a vendor recipient is one of the table's vendors, picked from its roster (rule F5 asks about it below)
  const vendor = recipient === "vendor" && input.vendorId ? (db.select({ id: vendors.id, name: vendors.name }).from(vendors).where(and(eq(vendors.id, input.vendorId), eq(vendors.coalitionId, coalitionId))).get() ?? null) : null;
  if (recipient === "vendor" && !vendor) return refuse("vendorId", "Choose the vendor from the table's vendor list.");
  const program = getProgram(db, actor, input);
  const partnerIds = [...new Set(programAffiliates(db, actor, program).map((a) => a.partnerId))];
  const gate = db.transaction(
    (tx): Result<object> => {
    // rule F6 on the act: the person exporting has acknowledged the policy of each member they act for here
    for (const partnerId of partnerIds) {
      const f6 = checkPolicyForAct(tx, actor, { coalitionId, partnerId, raceId: program.race.id, act: "export", subjectType: "canvassProgram", subjectId: programId, now });
      if (!f6.ok) return f6;
    }
    for (const partnerId of partnerIds) {
      const d = checkCampaignCounterparty(tx, actor, { partnerId, raceId: program.race.id, counterpartyIsCampaign: recipient === "campaign", what: "export", onDate: now.toISOString().slice(0, 10), subjectType: "canvassProgram", subjectId: programId, field: "recipient" });
      if (!d.ok) return refuse("recipient", d.message);
      // rule F5: an export to a vendor is a use of it in this race, by each member whose work is in the file
      if (vendor) {
        const v = checkVendorUse(tx, actor, { vendorId: vendor.id, partnerId, raceId: program.race.id, useDate: now.toISOString().slice(0, 10), field: "vendorId" });
        if (!v.ok) return refuse("vendorId", v.message);
      }
    }
    appendAudit(tx, actor, { action: "field.export", decision: "info", raceId: program.race.id, subjectType: "canvassProgram", subjectId: programId, detail: vendor ? `${kind} for vendor ${vendor.name} (#${vendor.id})` : `${kind} for a ${recipient}` }, now);
    return { ok: true };
    },
    { behavior: "immediate" },
  );
  if (!gate.ok) return gate;
  const filename = `program-${programId}-${kind}.csv`;
  const ofProgram = eq(shifts.programId, programId);

  function* shiftsFile() {
    let head: string[] | null = SHIFT_HEAD;
    for (const batch of shiftBatches(db, ofProgram)) {
      const rows = shiftViews(db, batch, actor).map((s) => [s.id, s.workType, s.title, s.startsLocal, s.endsLocal, s.timeZone, s.startsAt, s.endsAt, s.host?.name, s.coHosts.map((c) => c.name).join("; "), s.hostKind, s.campaignHost, s.side, s.capacity, s.signedUp, s.location, s.callLink, s.turfUnitIds.join(" "), s.notes, s.cancelledAt]);
      yield toCsv(head, rows);
      head = null;
    }
    if (head) yield toCsv(head, []);
  }

  function* signupsFile() {
    let head: string[] | null = SIGNUP_HEAD;
    const hidden = (value: string | null, contactsHidden: boolean) => value ?? (contactsHidden ? "(hidden)" : "");
    for (const batch of shiftBatches(db, ofProgram)) {
      const list = shiftViews(db, batch, actor);
      const signups = listSignups(db, actor, { coalitionId, shifts: list });
      const rows = list.flatMap((s) =>
        (signups.get(s.id) ?? []).map((u) => [s.id, s.startsLocal, s.timeZone, u.volunteerName, hidden(u.email, u.contactsHidden), hidden(u.phone, u.contactsHidden), u.recruitedBy.name, u.attended === null ? "" : u.attended ? "yes" : "no", u.cancelledAt]),
      );
      yield toCsv(head, rows);
      head = null;
    }
    if (head) yield toCsv(head, []);
  }

  function* resultsFile() {
    let head: string[] | null = RESULT_HEAD;
    for (const batch of shiftBatches(db, and(ofProgram, isNull(shifts.cancelledAt))!)) {
      const byId = new Map(batch.map((r) => [r.shift.id, r]));
      const results = db
        .select({ res: shiftResults, name: affiliates.name })
        .from(shiftResults)
        .innerJoin(affiliates, eq(affiliates.id, shiftResults.affiliateId))
        .where(inArray(shiftResults.shiftId, [...byId.keys()]))
        .all();
      const order = new Map(batch.map((r, i) => [r.shift.id, i]));
      results.sort((a, b) => order.get(a.res.shiftId)! - order.get(b.res.shiftId)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const rows = results.map((p) => {
        const s = byId.get(p.res.shiftId)!;
        return [p.res.shiftId, localDateOf(s.shift.startsAt, s.timeZone), s.shift.workType, p.name, ...RESULT_FIELDS.map((f) => p.res[f])];
      });
      yield toCsv(head, rows);
      head = null;
    }
    if (head) yield toCsv(head, []);
  }

  const file = kind === "shifts" ? shiftsFile : kind === "signups" ? signupsFile : resultsFile;
  return { ok: true, filename, chunks: { [Symbol.iterator]: file } };
}

/** A program's shifts (under a condition), EXPORT_BATCH at a time, by keyset on (startsAt, id): never OFFSET, never the whole list at once. */
function* shiftBatches(db: Db, where: SQL): Generator<ShiftRow[]> {
  let after: [string, number] | null = null;
  for (;;) {
    const rows: ShiftRow[] = shiftQuery(db)
      .where(and(where, after ? sql`(${shifts.startsAt}, ${shifts.id}) > (${after[0]}, ${after[1]})` : undefined))
      .orderBy(asc(shifts.startsAt), asc(shifts.id))
      .limit(EXPORT_BATCH)
      .all();
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_BATCH) return;
    const last: ShiftRow["shift"] = rows[rows.length - 1].shift;
    after = [last.startsAt, last.id];
  }
}
