/** The hybrid PAC accounts page (issue 18): counsel dedicates its people; others are refused. */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import * as accounts from "~/routes/tables.$coalitionId.firewall.accounts";
import * as firewall from "~/routes/tables.$coalitionId.firewall._index";
import { grantRole } from "~/models/accounts.server";
import { buildCoalition, buildPartner } from "../factories";
import { act, expectInvalid, expectRedirect, expectStatus, load, signInAs } from "./helpers";
import { auditRows, freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

function world() {
  const table = buildCoalition(db, actor);
  const hybrid = buildPartner(db, actor, table.id, { legalType: "hybrid_pac", shortName: "HYB" });
  const c4 = buildPartner(db, actor, table.id, { legalType: "c4", shortName: "CFOUR" });
  let n = 0;
  const person = (grant: Parameters<typeof grantRole>[3]) => {
    const u = db.insert(users).values({ name: `Person ${++n}`, email: `acct${n}@example.org` }).returning().get();
    grantRole(db, actor, u.id, { coalitionId: table.id, ...grant });
    return u;
  };
  const counsel = person({ role: "counsel", partnerId: hybrid.id });
  const rep = person({ role: "partner_rep", partnerId: hybrid.id });
  const c4counsel = person({ role: "counsel", partnerId: c4.id });
  const c = String(table.id);
  return { table, hybrid, c4, counsel, rep, c4counsel, c, path: `/tables/${c}/firewall/accounts`, params: { coalitionId: c } };
}

describe("/tables/:id/firewall/accounts", () => {
  it("counsel of a hybrid PAC sees its people and dedicates one, audited; a bad choice is a field error", async () => {
    const w = world();
    signInAs(db, w.counsel.id);
    const page = await load(accounts.loader, w.path, w.params);
    expect(page.members.map((m) => m.member.id)).toEqual([w.hybrid.id]);
    expect(page.members[0].people.map((p) => [p.name, p.account])).toEqual([
      ["Person 1", null],
      ["Person 2", null],
    ]);
    await expectRedirect(act(accounts.action, w.path, w.params, { intent: "dedicate", partnerId: String(w.hybrid.id), userId: String(w.rep.id), account: "contribution", reason: "Contribution side only" }), /accounts\?saved#member-/);
    const after = await load(accounts.loader, w.path, w.params);
    expect(after.members[0].people.find((p) => p.id === w.rep.id)).toMatchObject({ account: "contribution", reason: "Contribution side only" });
    expect(auditRows(db).at(-1)).toMatchObject({ action: "firewall.account_dedication", decision: "info", partnerId: w.hybrid.id });
    await expectInvalid(act(accounts.action, w.path, w.params, { intent: "dedicate", partnerId: String(w.hybrid.id), userId: String(w.rep.id), account: "main" }), ["account"]);
    await expectInvalid(act(accounts.action, w.path, w.params, { intent: "dedicate", partnerId: String(w.hybrid.id), userId: String(w.c4counsel.id), account: "contribution" }), ["userId"]);
    // the firewall page links it for counsel and says what the audit log records
    const home = await load(firewall.loader, `/tables/${w.c}/firewall`, w.params);
    expect(home.isCounsel).toBe(true);
  });

  it("a representative, or counsel of another member, may not dedicate the hybrid PAC's people", async () => {
    const w = world();
    const fields = { intent: "dedicate", partnerId: String(w.hybrid.id), userId: String(w.rep.id), account: "contribution" };
    signInAs(db, w.rep.id);
    await expectStatus(act(accounts.action, w.path, w.params, fields), 403);
    expect((await load(accounts.loader, w.path, w.params)).isCounsel).toBe(false);
    signInAs(db, w.c4counsel.id);
    await expectStatus(act(accounts.action, w.path, w.params, fields), 403);
    expect((await load(accounts.loader, w.path, w.params)).members).toEqual([]);
    expect(auditRows(db).some((a) => a.action === "firewall.account_dedication")).toBe(false);
  });
});
