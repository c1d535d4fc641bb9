import { count } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { canvassPrograms, pledges, turfAssignments, turfUnits } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { listUnits } from "~/models/split.server";
import * as programsIndex from "~/routes/tables.$coalitionId.programs._index";
import * as programPage from "~/routes/tables.$coalitionId.programs.$programId._index";
import * as turfPage from "~/routes/tables.$coalitionId.programs.$programId.turf";
import * as pledgesPage from "~/routes/tables.$coalitionId.programs.$programId.pledges";
import * as subTablePage from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import { buildAffiliate, buildCandidate, buildProgram, buildProgramWorld, buildRace, stance } from "../factories";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle, signInAs, withCookie, ORIGIN } from "./helpers";
import { actWith, BAD_IDS, dump, freshDb, NON_FORM_BODIES, rawPost } from "./support";

let db: Db;
let actor: Actor;
let w: ReturnType<typeof buildProgramWorld>;
let base: string;
let params: Record<string, string>;
beforeEach(() => {
  ({ db, actor } = freshDb());
  w = buildProgramWorld(db, actor);
  base = `/tables/${w.coalition.id}/programs/${w.program.id}`;
  params = { coalitionId: String(w.coalition.id), programId: String(w.program.id) };
});

const n = (t: typeof turfUnits | typeof pledges | typeof canvassPrograms | typeof turfAssignments) => db.select({ n: count() }).from(t).get()!.n;
const programFields = { name: "Second program", startDate: "2027-03-01", endDate: "2027-05-18", side: "independent", goal_doorknock: "1,000", goal_phonebank: "" };
const unitFields = { code: "H-1", kind: "walk_packet", name: "Ward 1", size: "120", state: "PA", district: "7", county: "Lehigh", precinct: "" };
const CSV = "unit_id,kind,name,size,state,district,county\nA1,walk_packet,Ward 1,120,PA,07,Lehigh\nA2,call_list,List 1,500,PA,07,Northampton";

/** A multipart upload of a CSV file, as the browser sends it. */
async function upload(intent: string, content: string) {
  const fd = new FormData();
  fd.set("intent", intent);
  fd.set("file", new File([content], "turf.csv", { type: "text/csv" }));
  const request = new Request(`${ORIGIN}${base}/turf`, { method: "POST", body: fd, headers: { Origin: ORIGIN } });
  return turfPage.action({ request: await withCookie(request), params, context: {} });
}

describe("/tables/:id/programs", () => {
  it("lists the table's programs and the sub-tables a program can start on", async () => {
    const data = await load(programsIndex.loader, `/tables/${w.coalition.id}/programs`, { coalitionId: String(w.coalition.id) });
    expect(data.programs.map((p) => p.id)).toEqual([w.program.id]);
    expect(data.startable).toEqual([]); // the world's only sub-table already has its program
  });

  it("pages the programs (by start date) with a total and a state filter; a junk cursor reads as the first page; offers only the sub-tables this person may start", async () => {
    const table = w.coalition.id;
    const more = ["08", "09", "10", "11"].map((district, i) => {
      const race = buildRace(db, actor, table, { state: i === 3 ? "OH" : "PA", district });
      const candidate = buildCandidate(db, actor, table, race.id);
      let sub = 0;
      for (const p of w.partners.slice(1, 5)) {
        const r = stance(db, actor, table, candidate.id, p.id, "endorsed");
        if (r.ok && r.subTable.kind === "form") sub = r.subTable.subCoalitionId!;
      }
      return { race, candidate, sub };
    });
    // three more programs; the fourth sub-table (OH) has none
    more.slice(0, 3).forEach((m, i) => buildProgram(db, actor, table, m.sub, { name: `More ${i}`, startDate: `2027-0${i + 4}-01`, endDate: "2027-10-01" }));
    const url = `/tables/${table}/programs`;
    const p = { coalitionId: String(table) };
    const all = await load(programsIndex.loader, `${url}?size=100`, p);
    expect(all.total).toBe(4);
    expect(all.programs.map((x) => x.name)).toEqual([w.program.name, "More 0", "More 1", "More 2"]);
    const first = await load(programsIndex.loader, `${url}?size=3`, p);
    expect(first.programs.map((x) => x.id)).toEqual(all.programs.slice(0, 3).map((x) => x.id));
    const second = await load(programsIndex.loader, `${url}?size=3&page=${first.next}`, p);
    expect(second.programs.map((x) => x.id)).toEqual([all.programs[3].id]);
    expect(second.next).toBeNull();
    const back = await load(programsIndex.loader, `${url}?size=3&page=${second.prev}`, p);
    expect(back.programs.map((x) => x.id)).toEqual(first.programs.map((x) => x.id));
    expect((await load(programsIndex.loader, `${url}?size=3&page=x`, p)).programs.map((x) => x.id)).toEqual(first.programs.map((x) => x.id));
    expect((await load(programsIndex.loader, `${url}?state=oh`, p)).total).toBe(0);
    expect((await load(programsIndex.loader, `${url}?state=pa`, p)).total).toBe(4);
    // the OH sub-table is startable for the admin, and for a representative of a member partner, not of another
    expect(all.startable.map((x) => x.id)).toEqual([more[3].sub]);
    const rep = (partnerId: number, email: string) => {
      const u = createUserWithPassword(db, { name: email, email, password: "a-long-test-password" });
      grantRole(db, actor, u.id, { role: "partner_rep", partnerId });
      return u.id;
    };
    signInAs(db, rep(w.partners[1].id, "member-rep@example.org"));
    expect((await load(programsIndex.loader, url, p)).startable.map((x) => x.id)).toEqual([more[3].sub]);
    signInAs(db, rep(w.partners[0].id, "other-rep@example.org"));
    expect((await load(programsIndex.loader, url, p)).startable).toEqual([]);
  });

  it("starts a program, refuses bad input with field errors and a second program for the sub-table", async () => {
    db.delete(canvassPrograms).run();
    // a browser posts the intent twice: the form's hidden field and the pressed button
    const to = await expectRedirect(
      act(programsIndex.action, `/tables/${w.coalition.id}/programs`, { coalitionId: String(w.coalition.id) }, { intent: ["create", "create"], subTableId: String(w.subTable.id), ...programFields, side: "" }),
      /\/programs\/\d+$/,
    );
    expect(to).toMatch(new RegExp(`^/tables/${w.coalition.id}/programs/`));
    const again = await expectInvalid(act(programsIndex.action, `/tables/${w.coalition.id}/programs`, { coalitionId: String(w.coalition.id) }, { intent: "create", subTableId: String(w.subTable.id), ...programFields }), ["name"]);
    expect(again.values.name).toBe("Second program");
    await expectInvalid(act(programsIndex.action, `/tables/${w.coalition.id}/programs`, { coalitionId: String(w.coalition.id) }, { intent: "create", subTableId: "nope", ...programFields }), ["subTableId"]);
    // the side may be left out (independent); an unknown one is a field error
    await expectInvalid(act(programsIndex.action, `/tables/${w.coalition.id}/programs`, { coalitionId: String(w.coalition.id) }, { intent: "create", subTableId: String(w.subTable.id), ...programFields, side: "campaign" }), ["side"]);
    await expectInvalid(
      act(programsIndex.action, `/tables/${w.coalition.id}/programs`, { coalitionId: String(w.coalition.id) }, { intent: "create", subTableId: String(w.subTable.id), ...programFields, endDate: "2020-01-01", goal_textbank: "-4" }),
      ["endDate", "goal_textbank"],
    );
    expect(n(canvassPrograms)).toBe(1);
  });

  it("the sub-table's page links its program", async () => {
    const data = await load(subTablePage.loader, `/tables/${w.coalition.id}/sub-tables/${w.subTable.id}`, { coalitionId: String(w.coalition.id), subTableId: String(w.subTable.id) });
    expect(data.program).toEqual({ id: w.program.id, name: w.program.name });
  });

  it("does not fail on bodies that are not forms", async () => {
    for (const [, body, type] of NON_FORM_BODIES) {
      const r = await settle(actWith(programsIndex.action, rawPost(`/tables/${w.coalition.id}/programs`, body, type), { coalitionId: String(w.coalition.id) }));
      expect(r.status).toBe(400);
    }
  });
});

describe("the program page", () => {
  it("shows goals, the split and units nobody covers", async () => {
    await act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields });
    await act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields, code: "OUT", county: "Erie", district: "07" });
    const data = await load(programPage.loader, base, params);
    expect(data.goals.map((g) => g.workType)).toEqual(["doorknock", "phonebank", "textbank", "public_event"]);
    expect(data.split.summary.totalUnits).toBe(2);
    expect(data.split.uncovered).toEqual([]); // district affiliates cover Erie-in-07 too
    expect(data.split.shares.reduce((s, x) => s + x.units, 0)).toBe(2);
    expect(data.canManage).toBe(true);
  });

  it("re-splits and edits the program; refuses a bad edit", async () => {
    await expectRedirect(act(programPage.action, base, params, { intent: "split" }), new RegExp(`${base}$`));
    await expectRedirect(act(programPage.action, base, params, { intent: "update", ...programFields, name: "Renamed" }), new RegExp(`${base}$`));
    expect((await load(programPage.loader, base, params)).program.name).toBe("Renamed");
    await expectInvalid(act(programPage.action, base, params, { intent: "update", ...programFields, name: "" }), ["name"]);
    await expectInvalid(act(programPage.action, base, params, { intent: "nonsense" }), ["_form"]);
  });

  it.each(BAD_IDS)("is a 404 for program id %j", async (id) => {
    await expectStatus(load(programPage.loader, `/tables/${w.coalition.id}/programs/${id}`, { ...params, programId: id }), 404);
  });

  it("is a 404 for another table's program", async () => {
    const other = buildProgramWorld(db, actor);
    await expectStatus(load(programPage.loader, base, { ...params, programId: String(other.program.id) }), 404);
    await expectStatus(act(turfPage.action, base, { ...params, programId: String(other.program.id) }, { intent: "add", ...unitFields }), 404);
  });
});

describe("the turf page", () => {
  it("previews an uploaded file without saving, then saves it on confirm", async () => {
    const before = dump(db);
    const r = await settle(upload("preview", CSV));
    expect(r.status).toBe(200);
    const data = r.data as { preview: { total: number; errorRows: unknown[] }; content: string };
    expect(data.preview.total).toBe(2);
    expect(data.preview.errorRows).toEqual([]);
    expect(data.content).toBe(CSV);
    expect(dump(db)).toEqual(before);
    await expectRedirect(act(turfPage.action, `${base}/turf`, params, { intent: "import", csv: data.content }), /imported=2$/);
    expect(n(turfUnits)).toBe(2);
    expect(n(turfAssignments)).toBe(2);
    const page = await load(turfPage.loader, `${base}/turf?imported=2`, params);
    expect(page.units.map((u) => u.code)).toEqual(["A1", "A2"]);
    expect(page.imported).toBe(2);
  });

  it("issue 15: the turf page's Held by filter offers only the program's participating affiliates (its members' affiliates in the race's state)", async () => {
    const outsider = w.partners.find((p) => !w.endorsers.includes(p))!;
    const ny = buildAffiliate(db, actor, w.coalition.id, w.endorsers[0].id, { name: "Member chapter in New York", state: "NY" });
    const notMember = buildAffiliate(db, actor, w.coalition.id, outsider.id, { name: "Non-member chapter in Pennsylvania", state: "PA" });
    const page = await load(turfPage.loader, `${base}/turf`, params);
    const offered = page.affiliates.map((a) => a.id);
    expect(offered).toEqual(expect.arrayContaining(w.affiliates.map((a) => a.id)));
    expect(offered).not.toContain(ny.id);
    expect(offered).not.toContain(notMember.id);
  });

  it("shows per-row errors and saves nothing; refuses a file over the row limit with the limit", async () => {
    const bad = `${CSV}\nA1,walk_packet,Dup,1,PA,07,Lehigh\nA4,walk_packet,Far,1,PA,19,Lehigh\nA5,walk_packet,Num,many,PA,07,Lehigh`;
    const r = await settle(upload("preview", bad));
    expect(r.status).toBe(400);
    const data = r.data as { preview: { errorRows: { line: number; errors: Record<string, string> }[] }; content: string };
    expect(data.preview.errorRows.map((e) => [e.line, Object.keys(e.errors)])).toEqual([
      [4, ["code"]],
      [5, ["district"]],
      [6, ["size"]],
    ]);
    expect(data.content).toBe(""); // nothing to confirm
    // confirming the bad content anyway is refused, nothing saved
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "import", csv: bad }), ["csv"]);
    const big = ["unit_id,kind,name,size,state,district,county", ...Array.from({ length: 50_000 }, (_, i) => `U${i},walk_packet,W,1,PA,07,Lehigh`)].join("\n");
    const refused = await expectInvalid(upload("preview", big), ["csv"]);
    expect((refused as unknown as { errors: Record<string, string> }).errors.csv).toMatch(/50,000 rows; the limit is 20,000/);
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "preview", csv: "unit_id,name\nA,B" }), ["csv"]);
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "preview", csv: "" }), ["csv"]);
    expect(n(turfUnits)).toBe(0);
  });

  it("adds, edits, moves, locks and removes a unit by hand", async () => {
    await expectRedirect(act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields }), /\/turf$/);
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields }), ["code"]);
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields, code: "H-2", size: "-1", district: "99" }), ["size"]);
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields, code: "H-2", district: "99" }), ["district"]);
    const [unit] = listUnits(db, "system", { programId: w.program.id });
    const target = unit.holderId === w.affiliates[0].id ? w.affiliates[1] : w.affiliates[0];
    await expectRedirect(act(turfPage.action, `${base}/turf`, params, { intent: "move", unitId: String(unit.id), affiliateId: String(target.id) }), /\/turf/);
    expect(listUnits(db, "system", { programId: w.program.id })[0]).toMatchObject({ holderId: target.id, locked: true });
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "move", unitId: String(unit.id), affiliateId: "abc" }), ["affiliateId"]);
    await expectRedirect(act(turfPage.action, `${base}/turf`, params, { intent: "unlock", unitId: String(unit.id) }), /\/turf/);
    expect(listUnits(db, "system", { programId: w.program.id })[0].locked).toBe(false);
    await expectRedirect(act(turfPage.action, `${base}/turf`, params, { intent: "edit", unitId: String(unit.id), ...unitFields, size: "99" }), /\/turf$/);
    expect(listUnits(db, "system", { programId: w.program.id })[0].size).toBe(99);
    const page = await load(turfPage.loader, `${base}/turf?edit=${unit.id}&affiliate=${target.id}&page=7`, params);
    expect(page.editing?.id).toBe(unit.id);
    expect(page.prev).toBeNull(); // the old "?page=7" is not a cursor: the first page
    await expectRedirect(act(turfPage.action, `${base}/turf`, params, { intent: "delete", unitId: String(unit.id) }), /\/turf$/);
    expect(n(turfUnits)).toBe(0);
    await expectStatus(act(turfPage.action, `${base}/turf`, params, { intent: "delete", unitId: "999" }), 404);
    await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "lock", unitId: "x" }), ["_form"]);
  });

  it("a junk hidden unit id refuses the whole form with its own message; a bad field is still said next to it", async () => {
    await act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields });
    const before = dump(db);
    const said = async (fields: Record<string, string>) => ((await expectInvalid(act(turfPage.action, `${base}/turf`, params, fields), ["_form"])).errors._form);
    expect(await said({ intent: "edit", unitId: "01", ...unitFields })).toBe("Choose a unit to edit.");
    expect(await said({ intent: "delete", unitId: "" })).toBe("Choose a unit to remove.");
    expect(await said({ intent: "unlock" })).toBe("Choose a unit.");
    const both = await expectInvalid(act(turfPage.action, `${base}/turf`, params, { intent: "edit", unitId: "x", ...unitFields, size: "lots" }), ["_form", "size"]);
    expect(both.values.size).toBe("lots");
    expect(dump(db)).toEqual(before);
  });

  it.each(NON_FORM_BODIES)("does not fail on a %s body", async (_what, body, type) => {
    const r = await settle(actWith(turfPage.action, rawPost(`${base}/turf`, body, type), params));
    expect(r.status).toBe(400);
    expect(n(turfUnits)).toBe(0);
  });
});

describe("the pledges page", () => {
  it("records a pledge and re-splits; negative hours are a field error", async () => {
    const [a1] = w.affiliates;
    await act(turfPage.action, `${base}/turf`, params, { intent: "add", ...unitFields });
    const fields = { intent: "pledge", affiliateId: String(a1.id), workType: "doorknock", weekStart: "2027-03-01", hours: "12" };
    await expectRedirect(act(pledgesPage.action, `${base}/pledges`, params, { ...fields, intent: ["pledge", "pledge"] }), /\/pledges$/);
    expect(listUnits(db, "system", { programId: w.program.id })[0].holderId).toBe(a1.id);
    const bad = await expectInvalid(act(pledgesPage.action, `${base}/pledges`, params, { ...fields, hours: "-3" }), ["hours"]);
    expect(bad.errors.hours).toBe("Hours cannot be negative.");
    expect(bad.values.hours).toBe("-3");
    await expectInvalid(act(pledgesPage.action, `${base}/pledges`, params, { ...fields, weekStart: "2030-01-07" }), ["weekStart"]);
    await expectInvalid(act(pledgesPage.action, `${base}/pledges`, params, { ...fields, affiliateId: "999" }), ["affiliateId"]);
    await expectInvalid(act(pledgesPage.action, `${base}/pledges`, params, { intent: "x" }), ["_form"]);
    expect(n(pledges)).toBe(1);
    const data = await load(pledgesPage.loader, `${base}/pledges`, params);
    expect(data.pledges.rows.map((p) => p.hours)).toEqual([12]);
    expect(data.totals.rows.map((t) => [t.affiliateId, t.hours])).toEqual([[a1.id, 12]]);
    expect(data.mayPledgeFor.map((a) => a.id).sort()).toEqual(w.affiliates.map((a) => a.id).sort());
    expect(data.weeks[0]).toBe("2027-03-01");
  });

  it.each(NON_FORM_BODIES)("does not fail on a %s body", async (_what, body, type) => {
    const r = await settle(actWith(pledgesPage.action, rawPost(`${base}/pledges`, body, type), params));
    expect(r.status).toBe(400);
  });
});

describe("program scripts and materials (rule F2)", () => {
  const material = (over: Record<string, string> = {}) => ({ intent: "material", kind: "script", title: "Phone script", body: "Hi, I'm calling from ...", sourceKind: "research", sourceUrl: "", capturedAt: "", ...over });

  it("adds a script, shown on the program page with its source", async () => {
    await expectRedirect(act(programPage.action, base, params, material()), /#materials$/);
    const page = await load(programPage.loader, base, params);
    expect(page.materials.materials.map((m) => [m.title, m.sourceKind])).toEqual([["Phone script", "research"]]);
    expect(page.materials.withheldNotice).toBeNull();
  });

  it("refuses campaign-provided talking points on this independent-side (c4) program: a field error, the typed values kept, only the audit row written", async () => {
    const before = dump(db);
    const bad = await expectInvalid(act(programPage.action, base, params, material({ kind: "talking_points", title: "From the campaign", sourceKind: "campaign" })), ["sourceKind"]);
    expect(bad.errors.sourceKind).toMatch(/independent side/);
    expect(bad.values.title).toBe("From the campaign");
    const after = dump(db);
    expect(after.program_materials).toEqual(before.program_materials);
    expect((after.audit_log as unknown[]).length).toBe((before.audit_log as unknown[]).length + 1);
  });

  it("a public source needs its URL and capture date; no title or an unknown kind is a field error", async () => {
    const before = dump(db);
    await expectInvalid(act(programPage.action, base, params, material({ sourceKind: "public" })), ["sourceUrl", "capturedAt"]);
    await expectInvalid(act(programPage.action, base, params, material({ title: "", kind: "poster" })), ["title", "kind"]);
    expect(dump(db)).toEqual(before);
  });
});

describe("bounded pages at national scale (issue 11): keyset paging and filters in SQL", () => {
  const CODES = ["A1", "A2", "A3", "A4", "A5", "A6"];
  const importSix = () =>
    act(turfPage.action, `${base}/turf`, params, {
      intent: "import",
      csv: [
        "unit_id,kind,name,size,state,district,county",
        "A1,walk_packet,Ward 1,120,PA,07,Lehigh",
        "A2,call_list,List 2,500,PA,07,Lehigh",
        "A3,walk_packet,Ward 3,90,PA,07,Northampton",
        "A4,text_list,Texts 4,900,PA,07,Lehigh",
        "A5,walk_packet,Ward 5,80,PA,07,Lehigh",
        "A6,call_list,List 6,300,PA,07,Northampton",
      ].join("\n"),
    });
  const next = (cursor: string | null) => {
    if (!cursor) throw new Error("no next page");
    return cursor;
  };

  it("the program page pages the stored shares by kind and affiliate, filters by kind, and reads a junk cursor as the first page", async () => {
    await importSix();
    const all = await load(programPage.loader, base, params);
    expect(all.split.total).toBeGreaterThan(4);
    const first = await load(programPage.loader, `${base}?size=3`, params);
    expect(first.split.shares).toHaveLength(3);
    expect(first.split.prev).toBeNull();
    const second = await load(programPage.loader, `${base}?size=3&page=${next(first.split.next)}`, params);
    const key = (s: { kind: string; affiliateId: number }) => `${s.kind}:${s.affiliateId}`;
    expect([...first.split.shares, ...second.split.shares].map(key)).toEqual(all.split.shares.slice(0, 6).map(key));
    expect(second.split.prev).not.toBeNull();
    const back = await load(programPage.loader, `${base}?size=3&page=${second.split.prev}`, params);
    expect(back.split.shares.map(key)).toEqual(first.split.shares.map(key));
    const calls = await load(programPage.loader, `${base}?kind=call_list`, params);
    expect(new Set(calls.split.shares.map((s) => s.kind))).toEqual(new Set(["call_list"]));
    expect(calls.split.total).toBe(calls.split.shares.length);
    for (const junk of ["zzz", "e30", "%00", "a".repeat(600)]) {
      const page = await load(programPage.loader, `${base}?page=${junk}&kind=poster`, params);
      expect(page.split.shares.map(key)).toEqual(all.split.shares.map(key));
      expect(page.kind).toBeNull();
    }
  });

  it("the program page says the stored split is out of date after an outside change, until a re-split", async () => {
    await importSix();
    const { updateAffiliateCoverage } = await import("~/models/partners.server");
    updateAffiliateCoverage(db, actor, w.coalition.id, w.affiliates[0].id, { districts: [], counties: ["Berks"] });
    expect((await load(programPage.loader, base, params)).split.stale).toBe(true);
    await expectRedirect(act(programPage.action, base, params, { intent: "split" }), new RegExp(`${base}$`));
    expect((await load(programPage.loader, base, params)).split.stale).toBe(false);
  });

  it("the turf page pages units by code and filters by kind, holder and units nobody covers", async () => {
    await importSix();
    const first = await load(turfPage.loader, `${base}/turf?size=4`, params);
    expect(first.units.map((u) => u.code)).toEqual(CODES.slice(0, 4));
    expect(first.total).toBe(6);
    const second = await load(turfPage.loader, `${base}/turf?size=4&page=${next(first.next)}`, params);
    expect(second.units.map((u) => u.code)).toEqual(CODES.slice(4));
    expect(second.next).toBeNull();
    const back = await load(turfPage.loader, `${base}/turf?size=4&page=${second.prev}`, params);
    expect(back.units.map((u) => u.code)).toEqual(CODES.slice(0, 4));
    const walks = await load(turfPage.loader, `${base}/turf?kind=walk_packet`, params);
    expect(walks.units.map((u) => u.code)).toEqual(["A1", "A3", "A5"]);
    expect(walks.total).toBe(3);
    const holder = first.units[0].holderId!;
    const held = await load(turfPage.loader, `${base}/turf?holder=${holder}`, params);
    expect(held.units.length).toBeGreaterThan(0);
    expect(held.units.every((u) => u.holderId === holder)).toBe(true);
    expect((await load(turfPage.loader, `${base}/turf?holder=none`, params)).units).toEqual([]);
    expect((await load(turfPage.loader, `${base}/turf?uncovered=1`, params)).units).toEqual([]);
    const junk = await load(turfPage.loader, `${base}/turf?size=4&page=!!!&kind=poster&holder=abc`, params);
    expect(junk.units.map((u) => u.code)).toEqual(CODES.slice(0, 4));
    expect(junk.filter).toEqual({ kind: null, holder: null, uncovered: false });
  });

  it("the turf page lists units nobody covers (as of the stored split)", async () => {
    const nobody = buildProgramWorld(db, actor, { affiliates: [{ partner: 0, districts: [], counties: ["Lehigh"] }] });
    const p2 = { coalitionId: String(nobody.coalition.id), programId: String(nobody.program.id) };
    const b2 = `/tables/${nobody.coalition.id}/programs/${nobody.program.id}`;
    await act(turfPage.action, `${b2}/turf`, p2, { intent: "import", csv: "unit_id,kind,name,size,state,district,county\nB1,walk_packet,In,1,PA,07,Lehigh\nB2,walk_packet,Out,1,PA,07,Berks" });
    expect((await load(turfPage.loader, `${b2}/turf?uncovered=1`, p2)).units.map((u) => u.code)).toEqual(["B2"]);
    const page = await load(programPage.loader, b2, p2);
    expect(page.split.uncovered.map((u) => u.code)).toEqual(["B2"]);
    expect(page.split.summary.uncovered).toBe(1);
  });

  it("the pledges page pages pledges and totals, and filters by partner", async () => {
    const [a1, a2, a3] = w.affiliates;
    for (const [a, week] of [[a1, "2027-03-01"], [a1, "2027-03-08"], [a2, "2027-03-01"], [a3, "2027-03-01"]] as const) {
      await expectRedirect(act(pledgesPage.action, `${base}/pledges`, params, { intent: "pledge", affiliateId: String(a.id), workType: "doorknock", weekStart: week, hours: "5" }), /\/pledges$/);
    }
    const first = await load(pledgesPage.loader, `${base}/pledges?size=2`, params);
    expect(first.pledges.rows.map((p) => [p.affiliateId, p.weekStart])).toEqual([
      [a1.id, "2027-03-01"],
      [a1.id, "2027-03-08"],
    ]);
    const second = await load(pledgesPage.loader, `${base}/pledges?size=2&page=${next(first.pledges.next)}`, params);
    expect(second.pledges.rows.map((p) => p.affiliateId)).toEqual([a2.id, a3.id]);
    expect(second.pledges.next).toBeNull();
    expect(first.totals.rows.map((t) => [t.affiliateId, t.hours])).toEqual([
      [a1.id, 10],
      [a2.id, 5],
    ]);
    const totals2 = await load(pledgesPage.loader, `${base}/pledges?size=2&totals=${next(first.totals.next)}`, params);
    expect(totals2.totals.rows.map((t) => t.affiliateId)).toEqual([a3.id]);
    const one = await load(pledgesPage.loader, `${base}/pledges?partner=${a2.partnerId}`, params);
    expect(one.partnerId).toBe(a2.partnerId);
    expect(one.pledges.rows.map((p) => p.affiliateId)).toEqual([a2.id]);
    expect(one.mayPledgeFor.map((a) => a.id)).toEqual([a2.id]);
    const junk = await load(pledgesPage.loader, `${base}/pledges?partner=99999&page=junk&totals=%5B`, params);
    expect(junk.partnerId).toBeNull();
    expect(junk.pledges.rows).toHaveLength(4);
  });
});
