/**
 * Nothing a person can type makes an action fail with a 500. Every action in app/routes gets
 * a form that is valid except for one field, which holds something hostile, for every field
 * any form of the app reads; the answer must be a redirect or a 400/403/404 Response (or,
 * for sign-in, a 429 once the failures pile up). Requests come from the signed-in instance
 * admin, who may perform every action, so the hostile value reaches the form parsing.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { buildActionItem, buildAffiliate, buildMeeting, buildProfileItem, buildTableWithRace, stance } from "../factories";
import { addAgendaItem, publishAgenda } from "~/models/agendas.server";
import { saveAgreementVersion } from "~/models/agreements.server";
import { createInvitation } from "~/models/accounts.server";
import { postRequest, settle, withCookie } from "./helpers";
import { freshDb } from "./support";

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

/** The intents of pages with more than one form; the other actions do not read the intent. */
const INTENTS: Record<string, string[]> = {
  "tables.$coalitionId.partners._index.tsx": ["create", "seat"],
  "tables.$coalitionId.races.$raceId.tsx": ["update", "candidate"],
  "tables.$coalitionId.candidates.$candidateId._index.tsx": ["item", "remove-item", "stance"],
  "tables.$coalitionId.people.tsx": ["invite", "revoke-role", "revoke-invitation"],
  "admin.tsx": ["invite", "reset"],
  "tables.$coalitionId.meetings.$meetingId._index.tsx": ["update", "invite", "attendance", "prefill", "item", "move", "remove-item", "note", "publish", "decision", "action", "status"],
  "tables.$coalitionId.agreements.$subTableId.tsx": ["version", "signoff"],
};

/** Statuses an action may answer besides a redirect, 400, 403 and 404. */
const ALSO: Record<string, number[]> = {
  "login.tsx": [429], // too many failed sign-ins: try again later
  "invitations.$token.tsx": [410], // the link was used by an earlier valid post
  "admin.tsx": [200], // an invitation or reset made: the page shows its one-time link
  "tables.$coalitionId.people.tsx": [200], // an invitation made: the page shows its one-time link
};

const FIELDS = [
  "intent", "name", "level", "cycle", "threshold", "shortName", "legalType", "website", "contactName", "contactEmail",
  "partnerId", "state", "districts", "counties", "leadName", "leadContact", "office", "district", "seats", "primaryDate",
  "generalDate", "incumbent", "timeZone", "party", "incumbency", "bio", "bioSourceKind", "bioSourceUrl", "bioCapturedAt", "socialLinks", "kind", "topic", "body", "raised",
  "cashOnHand", "asOf", "pollster", "pollShare", "sourceKind", "sourceUrl", "capturedAt", "candidateId", "affiliateId",
  "stance", "decidedOn", "decidingBody", "note", "notePrivate", "itemId",
  "email", "password", "confirm", "redirectTo", "role", "coalitionId", "userId", "grantId", "invitationId",
  // the facilitator's desk
  "title", "date", "time", "location", "subCoalitionId", "invitee", "about", "direction", "text", "agendaItemId", "owner",
  "dueDate", "actionItemId", "status", "decidesTogether", "eachKeeps", "workAndCredit", "actingAlone", "versionId",
  "attended", "partners", "attendees",
];

const HOSTILE = ["", "\u0000", "9".repeat(400), "99999999999999999999", "1e308", "-0", "٣", "__proto__", "'; drop table partners; --", "2026-02-29", "x".repeat(6_000)];

const files = fs.readdirSync(ROUTES_DIR).filter((f) => /\.[jt]sx?$/.test(f)).sort();

describe.each(files)("app/routes/%s", (file) => {
  const intents = INTENTS[file] ?? ["any"];
  it.each(intents)("action (intent=%s) answers every hostile field with a Response, never a 500", async (intent) => {
    const mod = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as { action?: (a: ActionFunctionArgs) => Promise<unknown> };
    if (!mod.action) return;
    const { db, actor } = freshDb();
    const t = buildTableWithRace(db, actor, { partners: 3, threshold: 2 });
    const [k] = t.candidates;
    const aff = buildAffiliate(db, actor, t.coalition.id, t.partners[0].id);
    const item = buildProfileItem(db, actor, t.coalition.id, k.id);
    stance(db, actor, t.coalition.id, k.id, t.partners[0].id, "endorsed");
    const formed = stance(db, actor, t.coalition.id, k.id, t.partners[1].id, "endorsed");
    const invited = createInvitation(
      db,
      actor,
      { email: "invitee@example.test", name: "Ina Invitee", role: "partner_rep", coalitionId: t.coalition.id, partnerId: t.partners[0].id, affiliateId: null },
      "test",
    );
    if (!invited.ok) throw new Error("expected an invitation");
    const meeting = buildMeeting(db, actor, t.coalition.id);
    publishAgenda(db, actor, { coalitionId: t.coalition.id, meetingId: meeting.id });
    const agendaItem = addAgendaItem(db, actor, { coalitionId: t.coalition.id, meetingId: meeting.id, title: "Item", raceId: null, candidateId: null });
    const actionItem = buildActionItem(db, actor, t.coalition.id, meeting.id, { partnerId: t.partners[0].id, affiliateId: null });
    const subId = formed.ok ? formed.subTable.subCoalitionId! : 0;
    const agreed = saveAgreementVersion(db, actor, t.coalition.id, subId, { decidesTogether: "a", eachKeeps: "b", workAndCredit: "c", actingAlone: "d" });
    const params = {
      meetingId: String(meeting.id),
      token: invited.token,
      coalitionId: String(t.coalition.id),
      partnerId: String(t.partners[0].id),
      affiliateId: String(aff.id),
      raceId: String(t.race.id),
      candidateId: String(k.id),
      subTableId: String(formed.ok ? formed.subTable.subCoalitionId : 0),
    };
    const valid: Record<string, string> = {
      intent, name: "Hostile Test", level: "federal", cycle: "2026", threshold: "4", shortName: "HT", legalType: "c4",
      partnerId: String(t.partners[2].id), state: "PA", districts: "7", office: "U.S. Senate", seats: "1", primaryDate: "2027-05-18",
      generalDate: "2027-11-02", party: "Democratic", incumbency: "challenger", kind: "note", body: "A note.", sourceKind: "research",
      candidateId: String(k.id), stance: "considering", decidedOn: "2026-11-20", itemId: String(item.id),
      email: "someone@example.org", password: "a long enough password", confirm: "a long enough password", redirectTo: "/",
      role: "partner_rep", coalitionId: String(t.coalition.id), userId: String(actor.id), grantId: "1", invitationId: String(invited.invitation.id),
      title: "Hostile meeting", date: "2026-12-01", time: "19:00", timeZone: "America/New_York", invitee: `affiliate:${aff.id}`, direction: "up",
      text: "Do a thing", owner: `partner:${t.partners[0].id}`, dueDate: "2026-12-01", actionItemId: String(actionItem.id), status: "done",
      agendaItemId: agendaItem.ok ? String(agendaItem.item.id) : "", decidesTogether: "a", eachKeeps: "b", workAndCredit: "c", actingAlone: "d",
      versionId: agreed.ok ? String(agreed.version.id) : "", attended: "1", partners: String(t.partners[0].id), attendees: String(actor.id),
    };
    const problems: string[] = [];
    for (const field of FIELDS) {
      for (const value of HOSTILE) {
        const what = `${field}=${JSON.stringify(value).slice(0, 30)}`;
        try {
          const r = await settle(mod.action({ request: await withCookie(postRequest("/hostile", { ...valid, [field]: value })), params, context: {} }));
          if (![302, 400, 403, 404, ...(ALSO[file] ?? [])].includes(r.status)) problems.push(`${what} → ${r.status}`);
        } catch (err) {
          problems.push(`${what} → threw ${(err as Error).message.slice(0, 160)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
