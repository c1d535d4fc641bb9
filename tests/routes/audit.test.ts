import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as auditPage from "~/routes/tables.$coalitionId.audit";
import * as auditCsvRoute from "~/routes/tables.$coalitionId.audit[.]csv";
import * as profile from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import { appendAudit, auditCsvStream, verifyAuditChain } from "~/models/audit.server";
import { logWithheld, openWithheldRecord } from "~/models/firewall.server";
import { loadPrincipal } from "~/models/accounts.server";
import { buildCandidate, buildPolicy, buildCoalition, buildPartner, buildProfileItem, buildRace } from "../factories";
import { getRequest, load, settle, signInAs, withCookie } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function world() {
  const table = buildCoalition(db, actor);
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "CFOUR" });
  const other = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "OTHER" });
  const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
  const candidate = buildCandidate(db, actor, table.id, race.id, { name: "Jordan Vale" });
  buildProfileItem(db, actor, table.id, candidate.id, { body: "Campaign plans: a bus tour.", sourceKind: "campaign" });
  const mk = (email: string) => createUserWithPassword(db, { name: email.split("@")[0], email, password: "a-long-test-password" });
  const rep = mk("rep@c4.example.org");
  grantRole(db, actor, rep.id, { role: "partner_rep", partnerId: c4.id });
  const counsel = mk("counsel@c4.example.org");
  grantRole(db, actor, counsel.id, { role: "counsel", partnerId: c4.id });
  const otherRep = mk("rep@other.example.org");
  grantRole(db, actor, otherRep.id, { role: "partner_rep", partnerId: other.id });
  buildPolicy(db, actor, c4.id, [rep.id, counsel.id]);
  buildPolicy(db, actor, other.id, [otherRep.id]);
  return { table, c4, other, race, candidate, rep, counsel, otherRep };
}

async function csvOf(path: string, coalitionId: number): Promise<Response> {
  const request = await withCookie(getRequest(path));
  return (await auditCsvRoute.loader({ request, params: { coalitionId: String(coalitionId) }, context: {} })) as Response;
}

async function viewProfile(w: ReturnType<typeof world>, userId: number) {
  signInAs(db, userId);
  await load(profile.loader, `/tables/${w.table.id}/candidates/${w.candidate.id}`, { coalitionId: String(w.table.id), candidateId: String(w.candidate.id) });
}

describe("F10: counsel reads and exports its member's audit trail", () => {
  it("shows the representative's withheld attempt (F2) to its counsel, not another member's", async () => {
    const w = world();
    await viewProfile(w, w.rep.id);
    await viewProfile(w, w.otherRep.id);
    signInAs(db, w.counsel.id);
    const data = await load(auditPage.loader, `/tables/${w.table.id}/audit`, { coalitionId: String(w.table.id) });
    const f2 = data.rows.filter((r) => r.rule === "F2");
    expect(f2).toHaveLength(1);
    expect(f2[0]).toMatchObject({ actorName: "rep", decision: "deny", raceId: w.race.id, partnerId: w.c4.id });
  });

  it("filters by person, race and date range", async () => {
    const w = world();
    await viewProfile(w, w.rep.id);
    signInAs(db, w.counsel.id);
    const path = (q: string) => `/tables/${w.table.id}/audit?${q}`;
    const params = { coalitionId: String(w.table.id) };
    expect((await load(auditPage.loader, path(`person=${w.counsel.id}`), params)).rows.some((r) => r.rule === "F2")).toBe(false);
    expect((await load(auditPage.loader, path(`person=${w.rep.id}`), params)).rows.some((r) => r.rule === "F2")).toBe(true);
    expect((await load(auditPage.loader, path(`race=${w.race.id}`), params)).rows.every((r) => r.raceId === w.race.id)).toBe(true);
    expect((await load(auditPage.loader, path("from=2000-01-01&to=2000-01-02"), params)).rows).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await load(auditPage.loader, path(`from=${today}&to=${today}`), params)).rows.length).toBeGreaterThan(0);
    // junk filters are ignored, not a 500
    expect((await load(auditPage.loader, path("from=yesterday&person=abc"), params)).filter).toMatchObject({ from: null, personId: null });
  });

  it("exports CSV with the same filters, as a download", async () => {
    const w = world();
    await viewProfile(w, w.rep.id);
    signInAs(db, w.counsel.id);
    const request = await withCookie(getRequest(`/tables/${w.table.id}/audit.csv?person=${w.rep.id}`));
    const res = (await auditCsvRoute.loader({ request, params: { coalitionId: String(w.table.id) }, context: {} })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="audit-member-\d+\.csv"$/);
    const text = await res.text();
    const [head, ...lines] = text.trim().split("\r\n");
    expect(head).toBe("id,at,person,email,action,decision,rule,partner_id,race_id,subject,detail,hash");
    expect(lines.some((l) => l.includes("firewall.campaign_info") && l.includes(",deny,F2,"))).toBe(true);
    expect(lines.every((l) => l.includes("rep@c4.example.org"))).toBe(true);
  });

  it("refuses everyone but the member's counsel: the representative, another member's people, the admin", async () => {
    const w = world();
    for (const id of [w.rep.id, w.otherRep.id, actor.id]) {
      signInAs(db, id);
      const r = await settle(load(auditPage.loader, `/tables/${w.table.id}/audit`, { coalitionId: String(w.table.id) }));
      expect(r.status).toBe(403);
      const csv = await settle(load(auditCsvRoute.loader, `/tables/${w.table.id}/audit.csv`, { coalitionId: String(w.table.id) }));
      expect(csv.status).toBe(403);
    }
    signInAs(db, w.counsel.id);
    const otherMember = await settle(load(auditPage.loader, `/tables/${w.table.id}/audit?partner=${w.other.id}`, { coalitionId: String(w.table.id) }));
    expect(otherMember.status).toBe(403);
  });

  it("pages the trail newest first with keyset cursors; a junk cursor reads as the first page", async () => {
    const w = world();
    for (let i = 0; i < 5; i++) await viewProfile(w, w.rep.id);
    signInAs(db, w.counsel.id);
    const params = { coalitionId: String(w.table.id) };
    const all = (await load(auditPage.loader, `/tables/${w.table.id}/audit?size=200`, params)).rows;
    expect(all.length).toBeGreaterThan(6);
    const first = await load(auditPage.loader, `/tables/${w.table.id}/audit?size=3`, params);
    expect(first.rows.map((r) => r.id)).toEqual(all.slice(0, 3).map((r) => r.id));
    expect(first.prev).toBeNull();
    expect(first.next).toBeTruthy();
    const second = await load(auditPage.loader, `/tables/${w.table.id}/audit?size=3&page=${first.next}`, params);
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(3, 6).map((r) => r.id));
    expect(second.prev).toBeTruthy();
    const back = await load(auditPage.loader, `/tables/${w.table.id}/audit?size=3&page=${second.prev}`, params);
    expect(back.rows.map((r) => r.id)).toEqual(all.slice(0, 3).map((r) => r.id));
    for (const junk of ["zzz", "%00", "eyJhIjoxfQ", "WyJhIiwxXQ"]) {
      const page = await load(auditPage.loader, `/tables/${w.table.id}/audit?size=3&page=${junk}`, params);
      expect(page.rows.map((r) => r.id), junk).toEqual(all.slice(0, 3).map((r) => r.id));
    }
  });

  it("filters by decision, and reads the last 90 days unless a start is given (the page says so)", async () => {
    const w = world();
    await viewProfile(w, w.rep.id);
    // an old row by the representative, outside the default window
    appendAudit(db, w.rep, { action: "auth.sign_in", decision: "allow", detail: "long ago" }, new Date("2020-03-01T12:00:00Z"));
    signInAs(db, w.counsel.id);
    const params = { coalitionId: String(w.table.id) };
    const deny = await load(auditPage.loader, `/tables/${w.table.id}/audit?decision=deny`, params);
    expect(deny.rows.length).toBeGreaterThan(0);
    expect(deny.rows.every((r) => r.decision === "deny")).toBe(true);
    expect((await load(auditPage.loader, `/tables/${w.table.id}/audit?decision=maybe`, params)).filter.decision).toBeNull();
    const recent = await load(auditPage.loader, `/tables/${w.table.id}/audit`, params);
    expect(recent.window.defaulted).toBe(true);
    expect(recent.rows.some((r) => r.detail === "long ago")).toBe(false);
    expect(recent.window.from).toBe(new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10));
    const since = await load(auditPage.loader, `/tables/${w.table.id}/audit?from=2020-01-01`, params);
    expect(since.rows.some((r) => r.detail === "long ago")).toBe(true);
    // the CSV has the same window
    const csv = await (await csvOf(`/tables/${w.table.id}/audit.csv`, w.table.id)).text();
    expect(csv).not.toContain("long ago");
    expect(await (await csvOf(`/tables/${w.table.id}/audit.csv?from=2020-01-01`, w.table.id)).text()).toContain("long ago");
  });

  it("a grouped F2 row about several races is found under each race it names", async () => {
    const w = world();
    const race2 = buildRace(db, actor, w.table.id, { state: "PA", district: "08" });
    const rep = loadPrincipal(db, w.rep.id)!;
    logWithheld(db, rep, null, "x", 0); // nothing withheld: nothing written
    const flush = openWithheldRecord(rep);
    logWithheld(db, rep, w.race.id, "stance notes from the campaign", 2);
    logWithheld(db, rep, race2.id, "a stance note from the campaign", 1);
    flush(db);
    signInAs(db, w.counsel.id);
    const params = { coalitionId: String(w.table.id) };
    for (const r of [w.race.id, race2.id]) {
      const rows = (await load(auditPage.loader, `/tables/${w.table.id}/audit?race=${r}`, params)).rows.filter((x) => x.rule === "F2");
      expect(rows, String(r)).toHaveLength(1);
      expect(rows[0].detail).toContain("3 withheld in 2 races");
    }
  });

  it("streams the CSV in batches: every matching row once, in order, whatever the batch", async () => {
    const w = world();
    for (let i = 0; i < 7; i++) await viewProfile(w, w.rep.id);
    const counsel = loadPrincipal(db, w.counsel.id)!;
    const filter = { partnerId: w.c4.id, from: "2000-01-01" };
    const whole = await new Response(auditCsvStream(db, counsel, { ...filter, batch: 10_000 })).text();
    for (const batch of [1, 2, 3, 5]) expect(await new Response(auditCsvStream(db, counsel, { ...filter, batch })).text(), String(batch)).toBe(whole);
    const lines = whole.trim().split("\r\n");
    expect(lines[0]).toBe("id,at,person,email,action,decision,rule,partner_id,race_id,subject,detail,hash");
    const ids = lines.slice(1).map((l) => Number(l.split(",")[0]));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it("the chain stays intact through all of it", async () => {
    const w = world();
    await viewProfile(w, w.rep.id);
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
