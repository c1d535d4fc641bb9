/** The evidence packet's routes (issue 18): counsel downloads, audited; another member's counsel and the admin are refused. */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import * as packetZip from "~/routes/tables.$coalitionId.evidence[.]zip";
import * as packetPage from "~/routes/tables.$coalitionId.firewall.evidence";
import { unzip } from "../support/unzip";
import { evidenceWorld } from "../models/support/evidence-world";
import { getRequest, load, settle, signInAs, withCookie } from "./helpers";
import { freshDb } from "./support";

let db: Db;
let actor: Actor;
beforeEach(() => {
  ({ db, actor } = freshDb());
});

const TODAY = new Date().toISOString().slice(0, 10);
const get = async (path: string, params: Record<string, string>) => settle(packetZip.loader({ request: await withCookie(getRequest(path)), params, context: {} }));

describe("/tables/:id/evidence.zip", () => {
  it("the member's counsel downloads the race's packet, a ZIP; the download is audited", async () => {
    const w = evidenceWorld(db, actor);
    signInAs(db, w.counsel.id);
    const c = String(w.table.id);
    const page = await load(packetPage.loader, `/tables/${c}/firewall/evidence?race=${w.race.id}`, { coalitionId: c });
    expect(page.members).toEqual([{ id: w.papa.id, name: "Papa Alliance" }]);
    expect(page.race).toBe(w.race.id);
    expect(page.races.map((r) => r.value)).toContain(w.race.id);
    const res = (await packetZip.loader({ request: await withCookie(getRequest(`/tables/${c}/evidence.zip?partner=${w.papa.id}&race=${w.race.id}&from=2000-01-01&to=${TODAY}`)), params: { coalitionId: c }, context: {} })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="evidence-\d+-race-\d+-2000-01-01-to-/);
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    expect(files.get("summary.html")!.toString()).toContain("Papa Alliance");
    expect(db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)).toMatchObject({ action: "evidence.packet", actorId: w.counsel.id, partnerId: w.papa.id });
  });

  it("another member's counsel, a representative and the admin are refused, and get no packet", async () => {
    const w = evidenceWorld(db, actor);
    const c = String(w.table.id);
    const path = `/tables/${c}/evidence.zip?partner=${w.papa.id}&race=${w.race.id}`;
    const admin = db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "admin@example.test") }).sync()!;
    for (const who of [w.otherCounsel.id, w.rep.id, admin.id]) {
      signInAs(db, who);
      const before = db.select().from(auditLog).all().filter((a) => a.action === "evidence.packet").length;
      const r = await get(path, { coalitionId: c });
      expect(r.status, `user ${who}`).toBe(403);
      expect(db.select().from(auditLog).all().filter((a) => a.action === "evidence.packet").length).toBe(before);
    }
    // the page says so to anyone who is not counsel
    signInAs(db, w.rep.id);
    expect((await load(packetPage.loader, `/tables/${c}/firewall/evidence`, { coalitionId: c })).members).toEqual([]);
    expect(db.select().from(users).all().length).toBeGreaterThan(0);
  });

  it("a start after the end is a 400; an unknown race a 404", async () => {
    const w = evidenceWorld(db, actor);
    signInAs(db, w.counsel.id);
    const c = String(w.table.id);
    expect((await get(`/tables/${c}/evidence.zip?partner=${w.papa.id}&from=2027-02-01&to=2027-01-01`, { coalitionId: c })).status).toBe(400);
    expect((await get(`/tables/${c}/evidence.zip?partner=${w.papa.id}&race=99999`, { coalitionId: c })).status).toBe(404);
  });
});
