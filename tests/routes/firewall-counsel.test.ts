import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import { createUserWithPassword, grantRole } from "~/models/accounts.server";
import * as hub from "~/routes/tables.$coalitionId.firewall._index";
import * as policies from "~/routes/tables.$coalitionId.firewall.policies";
import * as sides from "~/routes/tables.$coalitionId.firewall.sides";
import * as overrides from "~/routes/tables.$coalitionId.firewall.overrides";
import * as racePage from "~/routes/tables.$coalitionId.races.$raceId";
import * as candidatePage from "~/routes/tables.$coalitionId.candidates.$candidateId._index";
import * as subTablePage from "~/routes/tables.$coalitionId.sub-tables.$subTableId";
import { buildAffiliate, buildCandidate, buildCoalition, buildPartner, buildPolicy, buildRace, stance } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, settle, signInAs, withCookie } from "./helpers";
import { actWith, auditRows, BAD_IDS, dump, freshDb, NON_FORM_BODIES, ORIGIN, rawPost, rows } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function world() {
  const table = buildCoalition(db, actor, { threshold: 2 });
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", name: "Civic Four", shortName: "CIV4" });
  const pac = buildPartner(db, actor, table.id, { legalType: "pac", name: "People PAC", shortName: "PPAC" });
  const hybrid = buildPartner(db, actor, table.id, { legalType: "hybrid_pac", name: "Hybrid Fund", shortName: "HYB" });
  const race = buildRace(db, actor, table.id, { state: "PA", district: "07" });
  const candidate = buildCandidate(db, actor, table.id, race.id);
  stance(db, actor, table.id, candidate.id, c4.id, "endorsed");
  const formed = stance(db, actor, table.id, candidate.id, pac.id, "endorsed");
  const affiliate = buildAffiliate(db, actor, table.id, c4.id, { state: "PA", districts: ["07"] });
  const person = (email: string, grants: Parameters<typeof grantRole>[3][]) => {
    const u = createUserWithPassword(db, { name: email.split("@")[0], email, password: "a-long-test-password" });
    for (const g of grants) grantRole(db, actor, u.id, g);
    return u;
  };
  return {
    table,
    c4,
    pac,
    hybrid,
    race,
    candidate,
    subTableId: formed.ok && formed.subTable.subCoalitionId ? formed.subTable.subCoalitionId : 0,
    rep: person("rep@c4.example.org", [{ role: "partner_rep", partnerId: c4.id }]),
    lead: person("lead@c4.example.org", [{ role: "affiliate_lead", affiliateId: affiliate.id }]),
    counsel: person("counsel@c4.example.org", [{ role: "counsel", partnerId: c4.id }]),
    counsel2: person("counsel2@c4.example.org", [{ role: "counsel", partnerId: c4.id }]),
    pacCounsel: person("counsel@pac.example.org", [{ role: "counsel", partnerId: pac.id }]),
    hybridCounsel: person("counsel@hybrid.example.org", [{ role: "counsel", partnerId: hybrid.id }]),
    facilitator: person("fac@example.org", [{ role: "facilitator", coalitionId: table.id }]),
  };
}

const p = (w: ReturnType<typeof world>) => ({ coalitionId: String(w.table.id) });

describe("F6: a member's people acknowledge its current firewall policy before opening a race workspace", () => {
  it("sends a representative whose member has no policy to the policy page, and says so", async () => {
    const w = world();
    signInAs(db, w.rep.id);
    const raceUrl = `/tables/${w.table.id}/races/${w.race.id}`;
    const to = await expectRedirect(load(racePage.loader, raceUrl, { ...p(w), raceId: String(w.race.id) }), /\/firewall\/policies\?redirectTo=/);
    expect(decodeURIComponent(to.split("redirectTo=")[1])).toBe(raceUrl);
    const page = await load(policies.loader, to, p(w));
    expect(page.gaps).toEqual([expect.objectContaining({ partnerId: w.c4.id, problem: "no_policy" })]);
    expect(page.redirectTo).toBe(raceUrl);
  });

  it("opens every race workspace (race, candidate, sub-table) once the current version is acknowledged, and comes back", async () => {
    const w = world();
    const policy = buildPolicy(db, actor, w.c4.id);
    signInAs(db, w.lead.id);
    type AnyLoader = (args: Parameters<typeof racePage.loader>[0]) => Promise<unknown>;
    const pages: [AnyLoader, string, Record<string, string>][] = [
      [racePage.loader, `/tables/${w.table.id}/races/${w.race.id}`, { ...p(w), raceId: String(w.race.id) }],
      [candidatePage.loader, `/tables/${w.table.id}/candidates/${w.candidate.id}`, { ...p(w), candidateId: String(w.candidate.id) }],
      [subTablePage.loader, `/tables/${w.table.id}/sub-tables/${w.subTableId}`, { ...p(w), subTableId: String(w.subTableId) }],
    ];
    for (const [loader, url, params] of pages) await expectRedirect(load(loader, url, params), /\/firewall\/policies\?redirectTo=/);
    const back = `/tables/${w.table.id}/candidates/${w.candidate.id}`;
    await expectRedirect(
      act(policies.action, `/tables/${w.table.id}/firewall/policies?redirectTo=${encodeURIComponent(back)}`, p(w), { intent: "acknowledge", policyId: String(policy.id), version: "1" }),
      new RegExp(`^${back}$`),
    );
    for (const [loader, url, params] of pages) expect((await settle(load(loader, url, params))).status).toBe(200);
    expect(auditRows(db).filter((r) => r.action === "firewall.policy_acknowledged")).toHaveLength(1);
  });

  it("a new version voids earlier acknowledgments; an acknowledgment of the old version is refused and writes nothing", async () => {
    const w = world();
    const v1 = buildPolicy(db, actor, w.c4.id, [w.rep.id]);
    signInAs(db, w.counsel.id);
    await expectRedirect(
      act(policies.action, `/tables/${w.table.id}/firewall/policies`, p(w), { intent: "publish", partnerId: String(w.c4.id), title: "Policy v2", body: "Version two: staff who met a campaign stay off independent-side work." }),
      /published=2/,
    );
    signInAs(db, w.rep.id);
    await expectRedirect(load(racePage.loader, `/tables/${w.table.id}/races/${w.race.id}`, { ...p(w), raceId: String(w.race.id) }), /firewall\/policies/);
    const before = dump(db);
    const stale = await expectInvalid(act(policies.action, `/tables/${w.table.id}/firewall/policies`, p(w), { intent: "acknowledge", policyId: String(v1.id), version: "1" }), ["version"]);
    expect(stale.errors.version).toMatch(/not the current version.*version 2/);
    expect(dump(db)).toEqual(before);
    const page = await load(policies.loader, `/tables/${w.table.id}/firewall/policies`, p(w));
    const current = page.policies[0].current!;
    expect(current.version).toBe(2);
    expect(page.policies[0].acknowledgedAt).toBeNull();
    await expectRedirect(act(policies.action, `/tables/${w.table.id}/firewall/policies`, p(w), { intent: "acknowledge", policyId: String(current.id), version: "2" }), /acknowledged/);
    expect((await settle(load(racePage.loader, `/tables/${w.table.id}/races/${w.race.id}`, { ...p(w), raceId: String(w.race.id) }))).status).toBe(200);
  });

  it("neutral staff (facilitator, admin) are not members and open race pages without a policy", async () => {
    const w = world();
    for (const id of [w.facilitator.id, actor.id]) {
      signInAs(db, id);
      expect((await settle(load(racePage.loader, `/tables/${w.table.id}/races/${w.race.id}`, { ...p(w), raceId: String(w.race.id) }))).status).toBe(200);
    }
  });

  it("counsel publishes from an uploaded text file; a binary or huge file, or a one-line policy, is a field error and writes nothing", async () => {
    const w = world();
    signInAs(db, w.counsel.id);
    const url = `/tables/${w.table.id}/firewall/policies`;
    const multipart = async (file: File | null, body = "") => {
      const fd = new FormData();
      fd.set("intent", "publish");
      fd.set("partnerId", String(w.c4.id));
      fd.set("title", "Uploaded policy");
      fd.set("body", body);
      if (file) fd.set("file", file);
      return actWith(policies.action, new Request(`${ORIGIN}${url}`, { method: "POST", body: fd, headers: { Origin: ORIGIN } }), p(w));
    };
    const before = dump(db);
    await expectInvalid(multipart(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])], "scan.png", { type: "image/png" })), ["file"]);
    await expectInvalid(multipart(new File(["x".repeat(300_000)], "big.txt", { type: "text/plain" })), ["file"]);
    await expectInvalid(multipart(null, "Too short."), ["body"]);
    expect(dump(db)).toEqual(before);
    await expectRedirect(multipart(new File(["# Firewall\n\nNo one on the independent side hears a campaign's plans or needs."], "policy.md", { type: "text/markdown" })), /published=1/);
    const page = await load(policies.loader, url, p(w));
    expect(page.policies[0].current).toMatchObject({ version: 1, fileName: "policy.md", body: expect.stringContaining("plans or needs") });
  });

  it("only counsel publishes; only the member's own people acknowledge (403 otherwise)", async () => {
    const w = world();
    const policy = buildPolicy(db, actor, w.c4.id);
    signInAs(db, w.rep.id);
    await expectStatus(act(policies.action, `/tables/${w.table.id}/firewall/policies`, p(w), { intent: "publish", partnerId: String(w.c4.id), title: "Rep's policy", body: "A representative may not write the member's firewall policy." }), 403);
    signInAs(db, w.pacCounsel.id);
    await expectStatus(act(policies.action, `/tables/${w.table.id}/firewall/policies`, p(w), { intent: "acknowledge", policyId: String(policy.id), version: "1" }), 403);
    await expectStatus(act(policies.action, `/tables/${w.table.id}/firewall/policies`, p(w), { intent: "acknowledge", policyId: "999", version: "1" }), 404);
  });

  it("ignores a redirectTo that leaves the table", async () => {
    const w = world();
    const policy = buildPolicy(db, actor, w.c4.id);
    signInAs(db, w.rep.id);
    for (const evil of ["https://evil.example", "//evil.example/x", "/tables/999/races/1", "/admin"]) {
      const page = await load(policies.loader, `/tables/${w.table.id}/firewall/policies?redirectTo=${encodeURIComponent(evil)}`, p(w));
      expect(page.redirectTo).toBeNull();
    }
    await expectRedirect(
      act(policies.action, `/tables/${w.table.id}/firewall/policies?redirectTo=${encodeURIComponent("https://evil.example")}`, p(w), { intent: "acknowledge", policyId: String(policy.id), version: "1" }),
      new RegExp(`^/tables/${w.table.id}/firewall/policies\\?acknowledged$`),
    );
  });
});

describe("sides by race", () => {
  it("shows each member's side per account, from its legal type, with a hybrid PAC's two accounts as two sides", async () => {
    const w = world();
    signInAs(db, w.rep.id);
    const page = await load(sides.loader, `/tables/${w.table.id}/firewall/sides`, p(w));
    const race = page.races.find((r) => r.id === w.race.id)!;
    const of = (partnerId: number) => race.sides.filter((s) => s.partnerId === partnerId).map((s) => [s.account, s.side, s.allowed]);
    expect(of(w.c4.id)).toEqual([["main", "independent", ["independent"]]]);
    expect(of(w.pac.id)).toEqual([["main", "independent", ["independent", "coordinated"]]]);
    expect(of(w.hybrid.id)).toEqual([
      ["contribution", "independent", ["independent", "coordinated"]],
      ["non_contribution", "independent", ["independent"]],
    ]);
    expect(page.members.every((m) => !m.editable)).toBe(true);
  });

  it("a PAC's counsel sets the PAC coordinated in one race (audited); a 501(c)(4) cannot be set coordinated", async () => {
    const w = world();
    signInAs(db, w.pacCounsel.id);
    const url = `/tables/${w.table.id}/firewall/sides`;
    await expectRedirect(act(sides.action, url, p(w), { partnerId: String(w.pac.id), raceId: String(w.race.id), account: "main", side: "coordinated", reason: "Contributing to the campaign" }), /saved/);
    const page = await load(sides.loader, `${url}?race=${w.race.id}`, p(w));
    expect(page.races[0].sides.find((s) => s.partnerId === w.pac.id)).toMatchObject({ side: "coordinated", reason: "Contributing to the campaign" });
    expect(auditRows(db).at(-1)).toMatchObject({ action: "firewall.side_set", partnerId: w.pac.id, detail: expect.stringContaining("independent → coordinated") });

    signInAs(db, w.counsel.id);
    const before = dump(db);
    const bad = await expectInvalid(act(sides.action, url, p(w), { partnerId: String(w.c4.id), raceId: String(w.race.id), account: "main", side: "coordinated", reason: "" }), ["side"]);
    expect(bad.errors.side).toMatch(/only be independent/);
    expect(bad.values.side).toBe("coordinated");
    expect(dump(db)).toEqual(before);
    // another member's side: 403
    await expectStatus(act(sides.action, url, p(w), { partnerId: String(w.pac.id), raceId: String(w.race.id), account: "main", side: "independent", reason: "" }), 403);
  });

  it("a hybrid PAC's counsel may set its contribution account coordinated but never its non-contribution account", async () => {
    const w = world();
    signInAs(db, w.hybridCounsel.id);
    const url = `/tables/${w.table.id}/firewall/sides`;
    await expectRedirect(act(sides.action, url, p(w), { partnerId: String(w.hybrid.id), raceId: String(w.race.id), account: "contribution", side: "coordinated", reason: "" }), /saved/);
    await expectInvalid(act(sides.action, url, p(w), { partnerId: String(w.hybrid.id), raceId: String(w.race.id), account: "non_contribution", side: "coordinated", reason: "" }), ["side"]);
    await expectInvalid(act(sides.action, url, p(w), { partnerId: String(w.hybrid.id), raceId: String(w.race.id), account: "main", side: "coordinated", reason: "" }), ["side"]);
  });

  it("pages the races (keyset, by primary date) with the total, and filters by state, member, side and race in SQL; a junk cursor reads as the first page", async () => {
    const w = world();
    const more = Array.from({ length: 4 }, (_, i) => buildRace(db, actor, w.table.id, { state: i % 2 ? "OH" : "PA", district: String(10 + i), primaryDate: `2028-0${i + 2}-01`, generalDate: "2028-11-07" }));
    signInAs(db, w.pacCounsel.id);
    const url = `/tables/${w.table.id}/firewall/sides`;
    await expectRedirect(act(sides.action, url, p(w), { partnerId: String(w.pac.id), raceId: String(more[2].id), account: "main", side: "coordinated", reason: "" }), new RegExp(`race=${more[2].id}&saved`));
    const all = await load(sides.loader, `${url}?size=50`, p(w));
    expect(all.total).toBe(5);
    const first = await load(sides.loader, `${url}?size=2`, p(w));
    expect(first.races.map((r) => r.id)).toEqual(all.races.slice(0, 2).map((r) => r.id));
    expect(first.total).toBe(5);
    expect(first.prev).toBeNull();
    const second = await load(sides.loader, `${url}?size=2&page=${first.next}`, p(w));
    expect(second.races.map((r) => r.id)).toEqual(all.races.slice(2, 4).map((r) => r.id));
    const back = await load(sides.loader, `${url}?size=2&page=${second.prev}`, p(w));
    expect(back.races.map((r) => r.id)).toEqual(first.races.map((r) => r.id));
    expect((await load(sides.loader, `${url}?size=2&page=junk`, p(w))).races.map((r) => r.id)).toEqual(first.races.map((r) => r.id));
    // state
    const oh = await load(sides.loader, `${url}?state=oh`, p(w));
    expect(oh.total).toBe(2);
    expect(oh.races.map((r) => r.id).sort()).toEqual([more[1].id, more[3].id].sort());
    // issue 15: the race search, "PA-12" (one race) or a district alone
    const one = await load(sides.loader, `${url}?q=${encodeURIComponent("pa-12")}`, p(w));
    expect(one.races.map((r) => r.id)).toEqual([more[2].id]);
    expect(one.filter.q).toBe("pa-12");
    expect((await load(sides.loader, `${url}?q=13`, p(w))).races.map((r) => r.id)).toEqual([more[3].id]);
    expect((await load(sides.loader, `${url}?q=ZZ-99`, p(w))).total).toBe(0);
    // member: only its rows
    const pacOnly = await load(sides.loader, `${url}?partner=${w.pac.id}`, p(w));
    expect(pacOnly.races.every((r) => r.sides.every((s) => s.partnerId === w.pac.id))).toBe(true);
    // side: only races where someone is coordinated, and only those rows
    const coordinated = await load(sides.loader, `${url}?side=coordinated`, p(w));
    expect(coordinated.total).toBe(1);
    expect(coordinated.races.map((r) => r.id)).toEqual([more[2].id]);
    expect(coordinated.races[0].sides).toEqual([expect.objectContaining({ partnerId: w.pac.id, side: "coordinated" })]);
    // the PAC stands independent everywhere but there
    expect((await load(sides.loader, `${url}?partner=${w.pac.id}&side=independent`, p(w))).total).toBe(4);
    expect((await load(sides.loader, `${url}?partner=${w.c4.id}&side=coordinated`, p(w))).total).toBe(0);
    expect((await load(sides.loader, `${url}?race=${more[0].id}`, p(w))).races.map((r) => r.id)).toEqual([more[0].id]);
    // unknown filter values are ignored
    expect((await load(sides.loader, `${url}?side=sideways&partner=abc`, p(w))).total).toBe(5);
  });

  it("bad and unknown input: field errors or 404s, never a 500", async () => {
    const w = world();
    signInAs(db, w.pacCounsel.id);
    const url = `/tables/${w.table.id}/firewall/sides`;
    await expectInvalid(act(sides.action, url, p(w), { partnerId: String(w.pac.id), raceId: "abc", account: "nope", side: "sideways" }), ["raceId", "account", "side"]);
    await expectStatus(act(sides.action, url, p(w), { partnerId: String(w.pac.id), raceId: "999", account: "main", side: "independent" }), 404);
    for (const [, body, type] of NON_FORM_BODIES) expect((await settle(actWith(sides.action, rawPost(url, body, type), p(w)))).status).toBe(400);
    // unknown tables: 404 for the admin (who may view any table), 403 for everyone else
    expect((await settle(load(sides.loader, `/tables/999/firewall/sides`, { coalitionId: "999" }))).status).toBe(403);
    signInAs(db, actor.id);
    for (const bad of BAD_IDS) expect((await settle(load(sides.loader, `/tables/${bad}/firewall/sides`, { coalitionId: bad }))).status).toBe(404);
  });
});

describe("F9: counsel overrides a refusal with a reason, scope and expiry; a joint canvass needs two approvers", () => {
  const fields = (w: ReturnType<typeof world>, over: Record<string, string> = {}) => ({
    intent: "create",
    partnerId: String(w.c4.id),
    raceId: String(w.race.id),
    scope: "joint_canvass",
    subjectId: "",
    reason: "Public event co-hosted with the campaign's field office; counsel reviewed.",
    expiresOn: "2099-12-31",
    ...over,
  });

  it("an override without a reason or expiry, or already expired, is a field error and writes nothing", async () => {
    const w = world();
    signInAs(db, w.counsel.id);
    const url = `/tables/${w.table.id}/firewall/overrides`;
    const before = dump(db);
    const bad = await expectInvalid(act(overrides.action, url, p(w), fields(w, { reason: "", expiresOn: "" })), ["reason", "expiresOn"]);
    expect(bad.values.scope).toBe("joint_canvass");
    await expectInvalid(act(overrides.action, url, p(w), fields(w, { expiresOn: "2020-01-01" })), ["expiresOn"]);
    await expectInvalid(act(overrides.action, url, p(w), fields(w, { scope: "anything", subjectId: "x" })), ["scope", "subjectId"]);
    expect(dump(db)).toEqual(before);
  });

  it("a joint canvass override waits for a second counsel of the member; the same counsel cannot approve twice", async () => {
    const w = world();
    const url = `/tables/${w.table.id}/firewall/overrides`;
    signInAs(db, w.counsel.id);
    await expectRedirect(act(overrides.action, url, p(w), fields(w)), /saved/);
    let page = await load(overrides.loader, url, p(w));
    const o = page.overrides[0];
    expect(o).toMatchObject({ scope: "joint_canvass", rule: "F7", requiredApprovals: 2, inForce: false });
    const twice = await expectInvalid(act(overrides.action, url, p(w), { intent: "approve", overrideId: String(o.id) }), [`override-${o.id}`]);
    expect(twice.errors[`override-${o.id}`]).toMatch(/already approved/);
    // another member's counsel cannot see or approve it
    signInAs(db, w.pacCounsel.id);
    expect((await load(overrides.loader, url, p(w))).overrides).toEqual([]);
    await expectStatus(act(overrides.action, url, p(w), { intent: "approve", overrideId: String(o.id) }), 404);
    signInAs(db, w.counsel2.id);
    await expectRedirect(act(overrides.action, url, p(w), { intent: "approve", overrideId: String(o.id) }), /saved/);
    page = await load(overrides.loader, url, p(w));
    expect(page.overrides[0]).toMatchObject({ inForce: true, approvals: [expect.objectContaining({ userId: w.counsel.id }), expect.objectContaining({ userId: w.counsel2.id })] });
    await expectRedirect(act(overrides.action, url, p(w), { intent: "revoke", overrideId: String(o.id) }), /saved/);
    page = await load(overrides.loader, url, p(w));
    expect(page.overrides[0]).toMatchObject({ inForce: false, revokedAt: expect.any(String) });
    expect(auditRows(db).filter((r) => r.rule === "F9").map((r) => r.action)).toEqual(["firewall.override", "firewall.override_approved", "firewall.override_revoked"]);
  });

  it("other overrides are in force with one approval; only counsel opens the page", async () => {
    const w = world();
    const url = `/tables/${w.table.id}/firewall/overrides`;
    signInAs(db, w.counsel.id);
    await expectRedirect(act(overrides.action, url, p(w), fields(w, { scope: "wall", subjectId: "12" })), /saved/);
    expect((await load(overrides.loader, url, p(w))).overrides[0]).toMatchObject({ requiredApprovals: 1, inForce: true, subjectType: "wall", subjectId: 12, rule: "F4" });
    for (const id of [w.rep.id, w.facilitator.id, w.lead.id]) {
      signInAs(db, id);
      await expectStatus(load(overrides.loader, url, p(w)), 403);
    }
  });
});

describe("the firewall hub", () => {
  it("shows a member's person their standing and the rules; counsel also sees overrides and the audit trail", async () => {
    const w = world();
    signInAs(db, w.rep.id);
    let page = await load(hub.loader, `/tables/${w.table.id}/firewall`, p(w));
    expect(page.members.map((m) => m.id)).toEqual([w.c4.id]);
    expect(page.gaps).toEqual([expect.objectContaining({ problem: "no_policy" })]);
    expect(page.isCounsel).toBe(false);
    signInAs(db, w.counsel.id);
    page = await load(hub.loader, `/tables/${w.table.id}/firewall`, p(w));
    expect(page.isCounsel).toBe(true);
    expect(rows(db, "audit_log")).toBeGreaterThan(0);
    const req = await withCookie(new Request(`${ORIGIN}/tables/${w.table.id}/firewall`));
    expect(req.headers.get("Cookie")).toBeTruthy();
  });
});
