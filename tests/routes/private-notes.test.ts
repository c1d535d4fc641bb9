/**
 * A partner's note on a stance can be marked private: then only that partner's people (its
 * representative, its counsel, its affiliates' leads) see it. One partner's people cannot
 * record, change or read another partner's stance or private note: not through the forms,
 * not by posting another partner's id, and not in any loader's data. The facilitator and
 * the admin do not read private notes either, and cannot mark a note private.
 *
 * The world (tests/routes/roles.ts): Papa and Quebec sit at Tango Table; both endorsed Kilo
 * with a private note. Rita is Papa's representative, Cole its counsel, Lena leads Papa's
 * Alpha chapter; Quinn is Quebec's representative; Fran facilitates.
 */
import { describe, expect, it } from "vitest";
import * as home from "~/routes/tables.$coalitionId._index";
import * as profile from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as matrix from "~/routes/tables.$coalitionId.matrix";
import * as partnerPage from "~/routes/tables.$coalitionId.partners.$partnerId";
import type { Db } from "../../db/client";
import { act, expectInvalid, getRequest, load, settle, withCookie } from "./helpers";
import { answer, denials, importRoute, paramNames, PEOPLE, ROUTE_FILES, roleWorld, routeParams, signAs, urlFor, type RoleWorld, type Who } from "./roles";
import { dump } from "./support";

type NoteView = { partnerId: number; affiliateId: number | null; note: string | null; noteWithheld: boolean };

const matrixPath = (w: RoleWorld) => ({ path: `/tables/${w.coalitionId}/matrix`, params: { coalitionId: String(w.coalitionId) } });
const profilePath = (w: RoleWorld) => ({
  path: `/tables/${w.coalitionId}/candidates/${w.candidateId}`,
  params: { coalitionId: String(w.coalitionId), candidateId: String(w.candidateId) },
});

const stanceFields = (w: RoleWorld, over: Record<string, string> = {}) => ({
  intent: "stance",
  candidateId: String(w.candidateId),
  partnerId: String(w.otherPartnerId),
  stance: "withdrawn",
  decidedOn: "2026-11-20",
  decidingBody: "",
  note: "Overwritten by someone else",
  notePrivate: "on",
  ...over,
});

function withoutAudit(d: Record<string, unknown[]>) {
  const { audit_log: _audit, ...rest } = d;
  return rest;
}

function events(db: Db) {
  return db.$client.prepare("select partner_id as partnerId, affiliate_id as affiliateId, stance, note, note_private as notePrivate from endorsement_events order by id").all();
}

/** The note a reader got for a partner's own (not an affiliate's) stance. */
function noteOf(rows: NoteView[], partnerId: number): NoteView {
  const row = rows.find((r) => r.partnerId === partnerId && r.affiliateId === null);
  expect(row, `a stance row for partner ${partnerId}`).toBeDefined();
  return row!;
}

describe("another partner's stance cannot be recorded or changed through the forms", () => {
  // Each asks to change Quebec's endorsement of Kilo (or record a new stance for Quebec).
  const attempts: [string, Who, (w: RoleWorld) => Record<string, string>][] = [
    ["Papa's representative changes Quebec's stance and its private note", "rep", (w) => stanceFields(w)],
    ["Papa's representative records a new stance for Quebec on another candidate", "rep", (w) => stanceFields(w, { candidateId: String(w.otherCandidateId), stance: "considering", notePrivate: "" })],
    ["Papa's representative records for Quebec's chapter", "rep", (w) => stanceFields(w, { affiliateId: String(w.otherAffiliateId), stance: "endorsed" })],
    ["Papa's counsel changes Quebec's stance", "counsel", (w) => stanceFields(w)],
    ["the lead of Papa's chapter posts Quebec with its own chapter's id", "lead", (w) => stanceFields(w, { affiliateId: String(w.affiliateId), stance: "endorsed" })],
    ["Quebec's representative changes Papa's stance and private note", "otherRep", (w) => stanceFields(w, { partnerId: String(w.partnerId) })],
  ];

  describe.each([
    ["the matrix cell form", matrix.action, matrixPath],
    ["the candidate page form", profile.action, profilePath],
  ] as const)("%s", (_form, action, where) => {
    it.each(attempts)("%s: 403, and nothing but the denial written", async (_what, who, fields) => {
      const { db, w } = roleWorld(who);
      const { path, params } = where(w);
      const before = dump(db);
      const denied = denials(db).length;
      const a = await answer(act(action, path, params, fields(w)));
      expect(a.status).toBe(403);
      expect(a.body).toMatch(/only this partner's representative/i);
      expect(a.body).not.toContain(w.quebecNote);
      expect(a.body).not.toContain(w.papaNote);
      expect(denials(db)).toHaveLength(denied + 1);
      expect(withoutAudit(dump(db))).toEqual(withoutAudit(before));
    });
  });

  it("offers Papa's representative no form for Quebec's stance, on the matrix or the candidate page", async () => {
    const { w } = roleWorld("rep");
    const m = matrixPath(w);
    const theirs = await load(matrix.loader, `${m.path}?cell=${w.candidateId}-${w.otherPartnerId}`, m.params);
    expect(theirs.recordable).toEqual([w.partnerId]);
    expect(theirs.cell).toBeNull();
    const mine = await load(matrix.loader, `${m.path}?cell=${w.candidateId}-${w.partnerId}`, m.params);
    expect(mine.cell).toMatchObject({ partner: { id: w.partnerId }, current: "endorsed", canPrivate: true });
    const p = profilePath(w);
    const page = await load(profile.loader, p.path, p.params);
    expect(page.recordablePartners.map((x) => x.id)).toEqual([w.partnerId]);
    expect(page.affiliates.map((a) => a.id)).toEqual([w.affiliateId]);
  });

  it("still lets Papa's representative record Papa's own stance with a private note (the control)", async () => {
    const { db, w } = roleWorld("rep");
    const { path, params } = matrixPath(w);
    const r = await settle(act(matrix.action, path, params, stanceFields(w, { partnerId: String(w.partnerId), candidateId: String(w.otherCandidateId), stance: "considering", note: "Papa is still talking." })));
    expect(r.status).toBe(302);
    expect(events(db).at(-1)).toEqual({ partnerId: w.partnerId, affiliateId: null, stance: "considering", note: "Papa is still talking.", notePrivate: 1 });
  });

  it("does not let a rep slip another partner's chapter under its own partner's id", async () => {
    // Papa's id (Rita may record for Papa) with Quebec's chapter: refused, nothing written.
    const { db, w } = roleWorld("rep");
    const { path, params } = profilePath(w);
    const before = withoutAudit(dump(db));
    const r = await settle(act(profile.action, path, params, stanceFields(w, { partnerId: String(w.partnerId), affiliateId: String(w.otherAffiliateId), stance: "endorsed" })));
    expect([400, 403]).toContain(r.status);
    expect(withoutAudit(dump(db))).toEqual(before);
  });
});

describe("a facilitator cannot mark a note private", () => {
  it.each([
    ["the matrix cell form", matrix.action, matrixPath],
    ["the candidate page form", profile.action, profilePath],
  ] as const)("%s: a field error on notePrivate, nothing written", async (_form, action, where) => {
    for (const who of ["facilitator", "admin"] as const) {
      const { db, w } = roleWorld(who);
      const { path, params } = where(w);
      const before = dump(db);
      const fields = stanceFields(w, { partnerId: String(w.partnerId), candidateId: String(w.otherCandidateId), stance: "considering", note: "Facilitator's aside" });
      const data = await expectInvalid(act(action, path, params, fields), ["notePrivate"]);
      expect(data.errors.notePrivate).toMatch(/partner's own people/);
      expect(data.values.note).toBe("Facilitator's aside");
      expect(dump(db), who).toEqual(before);
    }
  });

  it("the same note without the box ticked is recorded, public", async () => {
    const { db, w } = roleWorld("facilitator");
    const { path, params } = matrixPath(w);
    const fields = stanceFields(w, { partnerId: String(w.partnerId), candidateId: String(w.otherCandidateId), stance: "considering", note: "Facilitator's aside", notePrivate: "" });
    expect((await settle(act(matrix.action, path, params, fields))).status).toBe(302);
    expect(events(db).at(-1)).toMatchObject({ note: "Facilitator's aside", notePrivate: 0 });
  });
});

describe("reading private notes", () => {
  /** Which private notes each person may read: their own partner's, nobody else's. */
  const reads: Record<Exclude<Who, "out">, { papa: boolean; quebec: boolean }> = {
    admin: { papa: false, quebec: false },
    facilitator: { papa: false, quebec: false },
    otherFacilitator: { papa: false, quebec: false }, // cannot open the table at all
    rep: { papa: true, quebec: false },
    counsel: { papa: true, quebec: false },
    lead: { papa: true, quebec: false },
    otherRep: { papa: false, quebec: true },
    noRole: { papa: false, quebec: false },
    allyLead: { papa: false, quebec: false }, // a regional ally's lead: its program only
  };
  const readers = ["admin", "facilitator", "rep", "counsel", "lead", "otherRep"] as const;

  function expectNote(row: NoteView, note: string, visible: boolean) {
    if (visible) expect(row).toMatchObject({ note, noteWithheld: false });
    else expect(row).toMatchObject({ note: null, noteWithheld: true });
  }

  it.each(readers)("the candidate page gives %s only the private notes of their own partner", async (who) => {
    const { w } = roleWorld(who);
    const { path, params } = profilePath(w);
    const data = await load(profile.loader, path, params);
    for (const rows of [data.current, data.history] as NoteView[][]) {
      expectNote(noteOf(rows, w.partnerId), w.papaNote, reads[who].papa);
      expectNote(noteOf(rows, w.otherPartnerId), w.quebecNote, reads[who].quebec);
    }
    const json = JSON.stringify(data);
    expect(json.includes(w.papaNote), "Papa's note anywhere in the data").toBe(reads[who].papa);
    expect(json.includes(w.quebecNote), "Quebec's note anywhere in the data").toBe(reads[who].quebec);
  });

  // The partner page lists current stances from the projection (issue 11), which carries no
  // notes: it never showed them, and now never sends them to anyone.
  it.each(readers)("the partner pages give %s no stance note at all", async (who) => {
    const { w } = roleWorld(who);
    for (const [partnerId, note] of [
      [w.partnerId, w.papaNote],
      [w.otherPartnerId, w.quebecNote],
    ] as const) {
      const data = await load(partnerPage.loader, `/tables/${w.coalitionId}/partners/${partnerId}`, { coalitionId: String(w.coalitionId), partnerId: String(partnerId) });
      expect(data.current.rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(data).includes(note)).toBe(false);
    }
  });

  it.each(readers)("the table home gives %s only the private notes of their own partner", async (who) => {
    const { w } = roleWorld(who);
    const data = await load(home.loader, `/tables/${w.coalitionId}`, { coalitionId: String(w.coalitionId) });
    const json = JSON.stringify(data);
    // issue 15: a representative's, counsel's and a lead's home lead with their own work and carry
    // no stance notes at all; the facilitator's (and the admin's) is the table's picture with its newest stances
    if (!data.table) {
      expect(["rep", "counsel", "lead", "otherRep"]).toContain(who);
      expect(json.includes(w.papaNote)).toBe(false);
      expect(json.includes(w.quebecNote)).toBe(false);
      return;
    }
    const newest = data.table.newest as NoteView[];
    expectNote(noteOf(newest, w.partnerId), w.papaNote, reads[who].papa);
    expectNote(noteOf(newest, w.otherPartnerId), w.quebecNote, reads[who].quebec);
    expect(json.includes(w.papaNote)).toBe(reads[who].papa);
    expect(json.includes(w.quebecNote)).toBe(reads[who].quebec);
  });

  it("a note Papa's representative marks private is withheld from Quebec's representative and the facilitator", async () => {
    const { db, w } = roleWorld("rep");
    const note = "Papa's fresh private note on Lima";
    const { path, params } = profilePath(w);
    const lima = { path: path.replace(String(w.candidateId), String(w.otherCandidateId)), params: { ...params, candidateId: String(w.otherCandidateId) } };
    const r = await settle(act(profile.action, lima.path, lima.params, stanceFields(w, { partnerId: String(w.partnerId), stance: "considering", note })));
    expect(r.status).toBe(302);
    for (const [who, visible] of [["rep", true], ["counsel", true], ["otherRep", false], ["facilitator", false]] as const) {
      signAs(db, w, who);
      const data = await load(profile.loader, lima.path, lima.params);
      expectNote(noteOf(data.current as NoteView[], w.partnerId), note, visible);
      expect(JSON.stringify(data).includes(note), who).toBe(visible);
    }
  });

  // Every loader of every route (from the route list), for every person: a private note
  // they may not read appears nowhere in what the loader answers.
  const cases = ROUTE_FILES.flatMap((file) => PEOPLE.map((who) => [file, who] as const));
  it.each(cases)("%s, for %s: no private note of another partner in the answer", async (file, who) => {
    const mod = await importRoute(file);
    if (!mod.loader) return;
    const { w } = roleWorld(who);
    const all = routeParams(w, file);
    const params = Object.fromEntries(paramNames(file).map((p) => [p, all[p]]));
    const a = await answer(mod.loader({ request: await withCookie(getRequest(urlFor(file, params))), params, context: {} }));
    const may = who === "out" ? { papa: false, quebec: false } : reads[who];
    if (!may.papa) expect(a.body).not.toContain(w.papaNote);
    if (!may.quebec) expect(a.body).not.toContain(w.quebecNote);
    expect(a.status).toBeLessThan(500);
  });
});
