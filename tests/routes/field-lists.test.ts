/**
 * Bounded field lists through their loaders (issue 11): the program's shifts keyset-paged
 * with filters in SQL, the shift page's turf picker and capped sign-ups, the calendar feed's
 * window and stream, the exports' stream. Bad input never fails a page: a junk cursor reads as
 * the first page, an unknown filter is dropped and said.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as shiftsIndex from "~/routes/tables.$coalitionId.programs.$programId.shifts._index";
import * as shiftPage from "~/routes/tables.$coalitionId.programs.$programId.shifts.$shiftId";
import * as week from "~/routes/tables.$coalitionId.shifts.week";
import * as calendar from "~/routes/calendar.$feedToken[.]ics";
import * as exportCsv from "~/routes/tables.$coalitionId.programs.$programId.export[.]csv";
import { grantRole } from "~/models/accounts.server";
import { createFeed } from "~/models/calendar-feeds.server";
import { addDays } from "~/domain/dates";
import { encodeCursor } from "~/domain/keyset";
import { unfold } from "~/domain/ical";
import { testActor } from "../db";
import { buildPolicy, buildProgramWorld, buildShift, shiftTurfUnit } from "../factories";
import { getRequest, load, signInAs, withCookie } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const today = () => new Date().toISOString().slice(0, 10);

/** A program around today (the pages read the real clock), Alpha and Bravo taking part, a lead for each. */
function setup() {
  const w = buildProgramWorld(db, actor, { program: { startDate: addDays(today(), -60), endDate: addDays(today(), 250) } });
  const [alpha, bravo] = w.affiliates;
  const lead = (name: string, affiliateId: number) => {
    const u = testActor(db, name);
    grantRole(db, actor, u.id, { role: "affiliate_lead", coalitionId: w.coalition.id, affiliateId });
    return u;
  };
  const alphaLead = lead("Alan Alpha", alpha.id);
  const bravoLead = lead("Bea Bravo", bravo.id);
  for (const partner of w.partners) buildPolicy(db, actor, partner.id, [alphaLead.id, bravoLead.id]);
  const c = String(w.coalition.id);
  const p = String(w.program.id);
  const base = `/tables/${c}/programs/${p}/shifts`;
  /** A shift `days` from today at 09:00–11:00 in the race's zone. */
  const shiftOn = (days: number, host = alpha.id, over: Parameters<typeof buildShift>[5] = {}) =>
    buildShift(db, actor, w.coalition.id, w.program.id, host, { startsAt: `${addDays(today(), days)}T09:00`, endsAt: `${addDays(today(), days)}T11:00`, ...over });
  return { ...w, alpha, bravo, alphaLead, bravoLead, c, p, base, params: { coalitionId: c, programId: p }, shiftOn };
}

describe("the program's shifts list", () => {
  it("pages upcoming shifts 50 at a time by keyset, soonest first, with the total; back and forth; a junk cursor reads as the first page", async () => {
    const w = setup();
    const made = Array.from({ length: 57 }, (_, i) => w.shiftOn(2 + i, i % 2 ? w.alpha.id : w.bravo.id));
    signInAs(db, w.alphaLead.id);
    const first = await load(shiftsIndex.loader, w.base, w.params);
    expect(first.shifts.map((s) => s.id)).toEqual(made.slice(0, 50).map((s) => s.id));
    expect(first.pages.total).toBe(57);
    expect(first.pages.prev).toBeNull();
    const second = await load(shiftsIndex.loader, `${w.base}?page=${first.pages.next}`, w.params);
    expect(second.shifts.map((s) => s.id)).toEqual(made.slice(50).map((s) => s.id));
    expect(second.pages.next).toBeNull();
    const back = await load(shiftsIndex.loader, `${w.base}?page=${second.pages.prev}`, w.params);
    expect(back.shifts.map((s) => s.id)).toEqual(first.shifts.map((s) => s.id));
    expect(back.pages.prev).toBeNull();
    const foreign = encodeCursor({ dir: "after", key: ["not a time", "x"] });
    for (const junk of ["junk!", "%00", "a".repeat(600), foreign, encodeCursor({ dir: "after", key: [1, 2, 3] })]) {
      const page = await load(shiftsIndex.loader, `${w.base}?page=${encodeURIComponent(junk)}`, w.params);
      expect(page.shifts.map((s) => s.id)).toEqual(first.shifts.map((s) => s.id));
    }
    const small = await load(shiftsIndex.loader, `${w.base}?size=5`, w.params);
    expect(small.shifts).toHaveLength(5);
  });

  it("filters in SQL: past (latest first), work type, a host (co-hosting counts), my affiliate's; totals follow the filters", async () => {
    const w = setup();
    const past1 = w.shiftOn(-20);
    const past2 = w.shiftOn(-10, w.bravo.id);
    const doors = w.shiftOn(3);
    const phones = w.shiftOn(4, w.bravo.id, { workType: "phonebank", location: null, callLink: "https://meet.example.test/p" });
    const joint = w.shiftOn(5, w.alpha.id, { coHostIds: [w.bravo.id] });
    signInAs(db, w.bravoLead.id);
    const q = async (query: string) => load(shiftsIndex.loader, `${w.base}?${query}`, w.params);
    const past = await q("when=past");
    expect(past.shifts.map((s) => s.id)).toEqual([past2.id, past1.id]);
    expect(past.filters.when).toBe("past");
    expect((await q("")).shifts.map((s) => s.id)).toEqual([doors.id, phones.id, joint.id]);
    expect((await q("type=phonebank")).shifts.map((s) => s.id)).toEqual([phones.id]);
    const byBravo = await q(`host=${w.bravo.id}`);
    expect(byBravo.shifts.map((s) => s.id)).toEqual([phones.id, joint.id]);
    expect(byBravo.pages.total).toBe(2);
    expect((await q("mine=1")).shifts.map((s) => s.id)).toEqual([phones.id, joint.id]);
    expect((await q("mine=1&when=past")).shifts.map((s) => s.id)).toEqual([past2.id]);
    const junk = await q("when=later&type=juggling&host=99999&mine=maybe");
    expect(junk.filters.ignored.sort()).toEqual(["host", "mine", "type", "when"]);
    expect(junk.shifts.map((s) => s.id)).toEqual([doors.id, phones.id, joint.id]);
  });

  it("the schedule form's turf picker is a page found by kind, area and code, never every unit", async () => {
    const w = setup();
    for (let i = 1; i <= 60; i++) shiftTurfUnit(db, w.program.id, { code: `W-${String(i).padStart(3, "0")}`, county: i <= 10 ? "Northampton" : "Lehigh" });
    const call = shiftTurfUnit(db, w.program.id, { code: "C-001", kind: "call_list", name: "Call list 1" });
    signInAs(db, w.alphaLead.id);
    const q = async (query: string) => load(shiftsIndex.loader, `${w.base}?${query}`, w.params);
    const first = await q("");
    expect(first.units).toHaveLength(50);
    expect(first.turf).toMatchObject({ total: 61, shown: 50 });
    expect(first.units[0].code).toBe("C-001");
    expect((await q("turfKind=call_list")).units.map((u) => u.id)).toEqual([call.id]);
    expect((await q("turfArea=Northampton")).turf?.total).toBe(10);
    expect((await q("turfCode=W-05")).units.map((u) => u.code)).toEqual(["W-050", "W-051", "W-052", "W-053", "W-054", "W-055", "W-056", "W-057", "W-058", "W-059"]);
    const next = await q(`turfPage=${first.turf!.next}`);
    expect(next.units.map((u) => u.code)).toEqual(["W-050", "W-051", "W-052", "W-053", "W-054", "W-055", "W-056", "W-057", "W-058", "W-059", "W-060"]);
    expect((await q("turfPage=junk")).units[0].code).toBe("C-001");
    expect((await q("turfKind=lawn_signs")).turf?.ignored).toEqual(["turfKind"]);
  });
});

describe("the shift page", () => {
  it("shows the shift's own units and finds more by search; lists at most 200 sign-ups with the count", async () => {
    const w = setup();
    const own = shiftTurfUnit(db, w.program.id, { code: "W-900" });
    for (let i = 1; i <= 70; i++) shiftTurfUnit(db, w.program.id, { code: `W-${String(i).padStart(3, "0")}` });
    const s = w.shiftOn(3, w.alpha.id, { turfUnitIds: [own.id], capacity: 300 });
    const insert = db.$client.prepare("insert into signups (shift_id, volunteer_name, email, recruited_by_affiliate_id, created_by, created_at) values (?, ?, ?, ?, ?, ?)");
    for (let i = 0; i < 205; i++) insert.run(s.id, `Volunteer ${i}`, `v${i}@example.test`, w.alpha.id, actor.id, "2026-11-01T00:00:00.000Z");
    signInAs(db, w.alphaLead.id);
    const path = `${w.base}/${s.id}`;
    const params = { ...w.params, shiftId: String(s.id) };
    const d = await load(shiftPage.loader, path, params);
    expect(d.turf.map((u) => u.id)).toEqual([own.id]);
    expect(d.choices).toHaveLength(51); // its own unit and a page found
    expect(d.choices.filter((u) => u.id === own.id)).toHaveLength(1);
    expect(d.finder).toMatchObject({ total: 71, shown: 50 });
    expect(d.signups).toHaveLength(200);
    expect(d.signupTotal).toBe(205);
    const found = await load(shiftPage.loader, `${path}?turfCode=W-07`, params);
    expect(found.choices.map((u) => u.code)).toEqual(["W-900", "W-070"]);
    // a co-host-less other affiliate's lead may not edit: no picker, and the page reads no units but the shift's
    signInAs(db, w.bravoLead.id);
    const bravo = await load(shiftPage.loader, path, params);
    expect(bravo.finder).toBeNull();
    expect(bravo.choices.map((u) => u.id)).toEqual([own.id]);
  });
});

describe("the week page", () => {
  it("filters by state and program; unknown ones are dropped and said", async () => {
    const w = setup();
    const s = w.shiftOn(1);
    const path = (q: string) => `/tables/${w.c}/shifts/week?week=${addDays(today(), 1)}${q}`;
    const d = await load(week.loader, path(`&program=${w.p}&state=PA`), { coalitionId: w.c });
    expect(d.days.flatMap((x) => x.shifts).map((x) => x.id)).toEqual([s.id]);
    expect(d.filters).toEqual({ state: "PA", programId: w.program.id });
    expect([d.total, d.shown]).toEqual([1, 1]);
    const none = await load(week.loader, path("&state=AZ"), { coalitionId: w.c });
    expect(none.ignored).toBe(true);
    expect(none.days.flatMap((x) => x.shifts).map((x) => x.id)).toEqual([s.id]);
    expect((await load(week.loader, path("&program=999999"), { coalitionId: w.c })).ignored).toBe(true);
  });
});

describe("the calendar feed", () => {
  it("streams the shifts from 30 days ago to 180 days ahead, says so, and nothing outside the window", async () => {
    const w = setup();
    const old = w.shiftOn(-45);
    const recent = w.shiftOn(-20);
    const soon = w.shiftOn(5, w.bravo.id, { coHostIds: [w.alpha.id] });
    const far = w.shiftOn(200);
    const other = w.shiftOn(6, w.bravo.id);
    const { token } = createFeed(db, actor, { affiliateId: w.alpha.id });
    signInAs(db, null);
    const res = (await calendar.loader({ request: getRequest(`/calendar/${token}.ics`), params: { feedToken: token }, context: {} })) as Response;
    expect(res.status).toBe(200);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const reader = res.body!.getReader();
    const parts: string[] = [];
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(decoder.decode(value));
    }
    expect(parts.length).toBeGreaterThanOrEqual(3); // the head, a batch of events, the end
    const lines = unfold(parts.join(""));
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines[lines.length - 1]).toBe("END:VCALENDAR");
    expect(lines.find((l) => l.startsWith("X-WR-CALDESC:"))).toMatch(/30 days ago to 180 days ahead/);
    expect(lines.filter((l) => l.startsWith("UID:"))).toEqual([`UID:shift-${recent.id}@coalition-table`, `UID:shift-${soon.id}@coalition-table`]);
    for (const out of [old, far, other]) expect(lines).not.toContain(`UID:shift-${out.id}@coalition-table`);
  });

  it("a program's feed streams its window too", async () => {
    const w = setup();
    const inside = [w.shiftOn(-1), w.shiftOn(1), w.shiftOn(179)];
    const outside = [w.shiftOn(-31), w.shiftOn(182)];
    const { token } = createFeed(db, actor, { programId: w.program.id });
    const res = (await calendar.loader({ request: getRequest(`/calendar/${token}.ics`), params: { feedToken: token }, context: {} })) as Response;
    expect(res.body).toBeInstanceOf(ReadableStream);
    const uids = unfold(await res.text()).filter((l) => l.startsWith("UID:"));
    expect(uids).toEqual(inside.map((s) => `UID:shift-${s.id}@coalition-table`));
    expect(outside.every((s) => !uids.includes(`UID:shift-${s.id}@coalition-table`))).toBe(true);
  });
});

describe("the CSV export", () => {
  it("is a stream; a refusal is a plain 403 before any row", async () => {
    const w = setup();
    w.shiftOn(3);
    signInAs(db, w.alphaLead.id);
    const get = async (q: string) => (await exportCsv.loader({ request: await withCookie(getRequest(`/tables/${w.c}/programs/${w.p}/export.csv?${q}`)), params: w.params, context: {} })) as Response;
    const ok = await get("kind=shifts&recipient=member");
    expect(ok.body).toBeInstanceOf(ReadableStream);
    expect((await ok.text()).split("\r\n").filter(Boolean)).toHaveLength(2);
    const refused = await get("kind=shifts&recipient=campaign");
    expect(refused.status).toBe(403);
  });
});
