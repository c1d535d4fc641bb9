import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as auditPage from "~/routes/tables.$coalitionId.audit";
import * as auditCsvRoute from "~/routes/tables.$coalitionId.audit[.]csv";
import * as profile from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import { verifyAuditChain } from "~/models/audit.server";
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

  it("the chain stays intact through all of it", async () => {
    const w = world();
    await viewProfile(w, w.rep.id);
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
