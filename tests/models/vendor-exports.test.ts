/**
 * Rule F5 on a vendor export (issue 18): the export form's vendor recipient is one of the
 * table's vendors, and an export to it is a use of it in the race, asked like any other: a
 * vendor that served a candidate in the race within 120 days needs its own policy on file.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { exportForm } from "~/domain/shift-forms";
import { parseForm } from "~/domain/forms";
import { loadPrincipal, grantRole } from "~/models/accounts.server";
import { exportCsv } from "~/models/field-exports.server";
import { addVendorClient, createVendor, recordVendorPolicy, vendorChoices } from "~/models/vendors.server";
import { testActor, testDb } from "../db";
import { buildCoalition, buildProgramWorld, buildShift } from "../factories";

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = testDb();
  actor = testActor(db);
});

const NOW = new Date("2027-03-01T12:00:00Z");

function world() {
  const w = buildProgramWorld(db, actor, { program: { startDate: "2026-10-01", endDate: "2027-05-18" } });
  buildShift(db, actor, w.coalition.id, w.program.id, w.affiliates[0].id);
  const fay = testActor(db, "Fay Facilitator");
  grantRole(db, actor, fay.id, { role: "facilitator", coalitionId: w.coalition.id });
  const mk = (name: string) => {
    const r = createVendor(db, actor, w.coalition.id, { name, services: "texting" }, NOW);
    if (!r.ok) throw new Error(r.message);
    return r.vendor;
  };
  const tainted = mk("Textly");
  const served = addVendorClient(db, actor, w.coalition.id, { vendorId: tainted.id, kind: "candidate", raceId: w.race.id, servedFor: "Campaign of a candidate", startDate: "2026-06-01", lastServiceDate: "2027-01-15" }, NOW);
  if (!served.ok) throw new Error(served.message);
  const clean = mk("Clean Print");
  return { ...w, fay: loadPrincipal(db, fay.id)!, tainted, clean, ref: { coalitionId: w.coalition.id, programId: w.program.id } };
}

const f5Rows = () => db.select().from(auditLog).all().filter((a) => a.action === "firewall.vendor_use");

describe("rule F5 on a vendor export", () => {
  it("the form's vendor is required for a vendor recipient and is an id", () => {
    expect(parseForm(exportForm, { kind: "shifts", recipient: "vendor", vendorId: "" })).toMatchObject({ ok: false, errors: { vendorId: "Choose the vendor from the table's vendor list." } });
    expect(parseForm(exportForm, { kind: "shifts", recipient: "vendor", vendorId: "abc" })).toMatchObject({ ok: false, errors: { vendorId: "Choose a vendor from the list." } });
    expect(parseForm(exportForm, { kind: "shifts", recipient: "member", vendorId: "" })).toMatchObject({ ok: true, data: { vendorId: null } });
    expect(parseForm(exportForm, { kind: "shifts", recipient: "vendor", vendorId: "7" })).toMatchObject({ ok: true, data: { vendorId: 7 } });
  });

  it("a vendor that served a candidate in the race within 120 days, with no policy on file: refused and audited for each member", () => {
    const w = world();
    const r = exportCsv(db, w.fay, { ...w.ref, kind: "shifts", recipient: "vendor", vendorId: w.tainted.id }, NOW);
    expect(r).toMatchObject({ ok: false, field: "vendorId" });
    if (!r.ok) expect(r.message).toMatch(/Textly served a candidate in this race or a party within 120 days.*\(firewall rule F5\)/);
    expect(f5Rows()).toEqual([expect.objectContaining({ decision: "deny", action: "firewall.vendor_use", subjectType: "vendor", subjectId: w.tainted.id, raceId: w.race.id })]);
    expect(db.select().from(auditLog).all().some((a) => a.action === "field.export")).toBe(false);
  });

  it("with the vendor's policy on file the export goes, each member's use allowed and audited, the export naming the vendor", () => {
    const w = world();
    const filed = recordVendorPolicy(db, actor, w.coalition.id, { vendorId: w.tainted.id, policyOnFileAt: "2027-02-01", policyNote: "" }, NOW);
    expect(filed.ok).toBe(true);
    const r = exportCsv(db, w.fay, { ...w.ref, kind: "shifts", recipient: "vendor", vendorId: w.tainted.id }, NOW);
    expect(r.ok).toBe(true);
    expect(f5Rows().map((a) => a.decision)).toEqual(w.endorsers.map(() => "allow"));
    expect(f5Rows()[0].detail).toBe("Textly: policy on file");
    expect(db.select().from(auditLog).all().find((a) => a.action === "field.export")?.detail).toBe(`shifts for vendor Textly (#${w.tainted.id})`);
  });

  it("a vendor with no campaign or party service needs no policy; a vendor of another table, or none, is refused", () => {
    const w = world();
    expect(exportCsv(db, w.fay, { ...w.ref, kind: "signups", recipient: "vendor", vendorId: w.clean.id }, NOW).ok).toBe(true);
    const other = buildCoalition(db, actor);
    const theirs = createVendor(db, actor, other.id, { name: "Elsewhere", services: "" }, NOW);
    if (!theirs.ok) throw new Error(theirs.message);
    expect(exportCsv(db, w.fay, { ...w.ref, kind: "shifts", recipient: "vendor", vendorId: theirs.vendor.id }, NOW)).toMatchObject({ ok: false, field: "vendorId" });
    expect(exportCsv(db, w.fay, { ...w.ref, kind: "shifts", recipient: "vendor", vendorId: null }, NOW)).toMatchObject({ ok: false, field: "vendorId" });
  });

  it("the roster the form offers: the table's vendors by name, with whether a policy is on file", () => {
    const w = world();
    recordVendorPolicy(db, actor, w.coalition.id, { vendorId: w.clean.id, policyOnFileAt: "2027-02-01", policyNote: "" }, NOW);
    expect(vendorChoices(db, w.fay, { coalitionId: w.coalition.id })).toEqual([
      { id: w.clean.id, name: "Clean Print", policyOnFile: true },
      { id: w.tainted.id, name: "Textly", policyOnFile: false },
    ]);
  });
});
