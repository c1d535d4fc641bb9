import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "./browser";
import { clean, killServers, serve, type Served } from "./server-process";
import { SHOTS, useBrowser } from "./use-browser";
import { header, parts, startSmtp } from "../support/smtp";
import { openDb } from "../../db/client";
import { buildCandidate, buildRace, stance } from "../factories";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical WCAG 2 A/AA violations on the page as it stands. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * Issue 14: a volunteer on a phone opens an affiliate's share link for a demo shift, signs up,
 * gets the confirmation (read from a real SMTP server this test runs: the app's server is
 * started with SMTP_URL pointing at it, two server processes, the queue in the primary), and
 * cancels with the link in it; the hosting lead sees the credit and the freed place.
 */
describe("a volunteer signs up through an affiliate's link, gets the mail, and cancels", () => {
  const session = useBrowser();
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let served: Served;
  let dir: string;
  let shift: { id: number; programId: number; coalitionId: number; capacity: number };
  let link: { token: string; affiliate: string };
  let eventToken: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "volunteer-e2e-"));
    const file = path.join(dir, "volunteer.db");
    const env: NodeJS.ProcessEnv = { ...clean, DATABASE_PATH: file, NODE_ENV: "production" };
    execFileSync("npx", ["tsx", "scripts/migrate.ts"], { env, stdio: "ignore" });
    execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "ignore" });
    const db = new Database(file);
    // The demo's shift sits on a fixed date (2026-12-05); keep the journey on an upcoming shift
    // whatever day the suite runs: move it, same hours, to a day two weeks from now.
    const ahead = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    db.prepare("update shifts set starts_at = ? || substr(starts_at, 11), ends_at = ? || substr(ends_at, 11) where title = 'Saturday doors, Easton'").run(ahead, ahead);
    shift = db
      .prepare("select s.id, s.program_id as programId, p.coalition_id as coalitionId, s.capacity from shifts s join canvass_programs p on p.id = s.program_id where s.title = 'Saturday doors, Easton'")
      .get() as typeof shift;
    link = db
      .prepare("select l.token, a.name as affiliate from shift_links l join affiliates a on a.id = l.affiliate_id where l.shift_id = ? and a.name = 'Porchlight Neighbors Pennsylvania'")
      .get(shift.id) as typeof link;
    // the program's event page, through the same affiliate's event link
    eventToken = db
      .prepare("select l.token from program_links l join affiliates a on a.id = l.affiliate_id where l.program_id = ? and a.name = 'Porchlight Neighbors Pennsylvania'")
      .pluck()
      .get(shift.programId) as string;
    db.close();
    // the representative's member is the fourth to endorse a new candidate: its endorsement forms the sub-table
    const app = openDb(file);
    const people = app.$client.prepare("select u.id, u.name, g.partner_id as partnerId, g.coalition_id as coalitionId from users u join role_grants g on g.user_id = u.id where u.email = ? and g.role = ?");
    const rep = people.get("rep@demo.coalition.test", "partner_rep") as { id: number; name: string; partnerId: number; coalitionId: number };
    const fac = people.get("facilitator@demo.coalition.test", "facilitator") as { id: number; name: string };
    const others = app.$client
      .prepare("select id from partners where id != ? and legal_type != 'c3' and id in (select partner_id from coalition_partners where coalition_id = ?) order by id limit 3")
      .pluck()
      .all(rep.partnerId, rep.coalitionId) as number[];
    const race = buildRace(app, fac, rep.coalitionId, { state: "OR", district: "04", primaryDate: "2028-05-16", generalDate: "2028-11-07" });
    const candidate = buildCandidate(app, fac, rep.coalitionId, race.id, { name: "Dana Whitcomb" });
    for (const partnerId of others) stance(app, fac, rep.coalitionId, candidate.id, partnerId, "endorsed");
    const formed = stance(app, rep, rep.coalitionId, candidate.id, rep.partnerId, "endorsed");
    if (!formed.ok || formed.subTable.kind !== "form") throw new Error(`expected the representative's endorsement to form the sub-table: ${JSON.stringify(formed)}`);
    app.$client.close();
    served = await serve(file, { SMTP_URL: smtp.url, MAIL_FROM: "Demo Table <table@example.test>", MAIL_QUEUE_INTERVAL_MS: "300", WEB_CONCURRENCY: "2" });
  }, 240_000);

  afterAll(async () => {
    killServers();
    await smtp?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function mailTo(address: string, kind: string, subject?: string) {
    const until = Date.now() + 20_000;
    for (;;) {
      const m = smtp.received.find((r) => r.to.includes(address) && header(r.raw, "X-Coalition-Table-Kind") === kind && (subject === undefined || header(r.raw, "Subject") === subject));
      if (m) return m;
      if (Date.now() > until) throw new Error(`no ${kind} mail to ${address}; got ${smtp.received.map((r) => r.to.join()).join(" ")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("runs the whole journey", async () => {
    const { page: phone, problems } = await session.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // the program's event page first: the shift as a timeslot, through the affiliate's event link
    await phone.goto(`${served.base}/e/${eventToken}`);
    await phone.getByRole("heading", { level: 1, name: "Volunteer shifts" }).waitFor();
    expect(await phone.getByText(`Invited by ${link.affiliate}.`).isVisible()).toBe(true);
    const slot = phone.locator(`a[href="/s/${link.token}"]`);
    expect(await slot.count()).toBe(1);
    expect(await overflow(phone)).toBeLessThanOrEqual(1);
    expect(await axe(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/volunteer-event-page.png`, fullPage: true });
    // its Sign up leads to the shift's page through the same affiliate's share link
    await slot.click();
    await phone.waitForURL(`**/s/${link.token}`);
    await phone.getByRole("heading", { level: 1, name: "Saturday doors, Easton" }).waitFor();
    const facts = (await phone.locator("dl.facts").textContent())!;
    expect(facts).toContain("Porchlight Neighbors hall, 40 Northampton St, Easton");
    expect(facts).toMatch(/E[SD]T/);
    expect(await phone.getByText(`Invited by ${link.affiliate}.`).isVisible()).toBe(true);
    expect(await overflow(phone)).toBeLessThanOrEqual(1);
    expect(await axe(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/volunteer-public-page.png`, fullPage: true });

    // a mistake first: the message is next to the field and what was typed stays
    await phone.getByLabel(/^Your name/).fill("Nia Okafor");
    await phone.getByLabel(/^Email/).fill("nia.okafor@");
    await phone.getByRole("button", { name: "Sign up" }).click();
    await phone.getByText("Email must look like name@example.org.").waitFor();
    expect(await phone.getByLabel(/^Your name/).inputValue()).toBe("Nia Okafor");
    await phone.getByLabel(/^Email/).fill("nia.okafor@example.org");
    await phone.getByLabel(/^Phone/).fill("610-555-0142");
    await phone.getByRole("button", { name: "Sign up" }).click();
    await phone.getByRole("heading", { level: 1, name: "You're signed up" }).waitFor();
    expect(await axe(phone)).toEqual([]);
    expect(await overflow(phone)).toBeLessThanOrEqual(1);
    await phone.screenshot({ path: `${SHOTS}/volunteer-confirmation.png`, fullPage: true });

    // the confirmation, from the queue over SMTP, with the calendar invitation and the cancel link
    const confirmation = await mailTo("nia.okafor@example.org", "signup_confirmation");
    expect(header(confirmation.raw, "Subject")).toMatch(/^You're signed up: Saturday doors, Easton/);
    expect(confirmation.from).toBe("table@example.test");
    const body = parts(confirmation.raw);
    const text = body.find((p) => p.type === "text/plain")!.body;
    expect(text).toContain("Hosted by: Kestrel Action Pennsylvania, Porchlight Neighbors Pennsylvania");
    expect(body.find((p) => p.filename === "invite.ics")!.body).toContain(`UID:shift-${shift.id}@coalition-table`);
    const cancel = text.match(/Cancel here \(the link works once\): (\S+)/)![1];
    expect(cancel.startsWith(served.base)).toBe(true);

    // the volunteer cancels with the link
    await phone.goto(cancel);
    await phone.getByRole("heading", { level: 1, name: "Your sign-up" }).waitFor();
    await phone.getByRole("button", { name: "Cancel my sign-up" }).click();
    await phone.getByRole("heading", { level: 1, name: "Your sign-up is cancelled" }).waitFor();
    expect(await phone.getByRole("button", { name: "Cancel my sign-up" }).count()).toBe(0);
    expect(await axe(phone)).toEqual([]);
    await mailTo("nia.okafor@example.org", "signup_cancelled");
    // the queue runs in one process only: each message arrived once
    expect(smtp.received.filter((r) => r.to.includes("nia.okafor@example.org"))).toHaveLength(2);
    expect(problems).toEqual([]);

    // the hosting lead, on a laptop: the credit to Porchlight's link and the freed place
    const { page: laptop } = await session.page({ viewport: { width: 1280, height: 900 } });
    await signIn(laptop, served.base, "lead@demo.coalition.test");
    await laptop.goto(`${served.base}/tables/${shift.coalitionId}/programs/${shift.programId}/shifts/${shift.id}`);
    await laptop.getByRole("heading", { level: 1, name: "Saturday doors, Easton" }).waitFor();
    const row = laptop.locator(".signup-list li", { hasText: "Nia Okafor" });
    expect(await row.textContent()).toContain(`recruited by ${link.affiliate}`);
    expect(await row.textContent()).toContain("signed up on the public page");
    expect(await row.textContent()).toContain("cancelled");
    // the two demo volunteers remain; Nia's place is free again
    expect(await laptop.locator("dl.facts").textContent()).toContain(`2 of ${shift.capacity}`);
    const panel = laptop.getByRole("region", { name: "Public sign-up page" });
    expect(await panel.locator(".copy-link").count()).toBeGreaterThanOrEqual(3);
    expect(await overflow(laptop)).toBeLessThanOrEqual(1);
    expect(await axe(laptop)).toEqual([]);
    await laptop.screenshot({ path: `${SHOTS}/volunteer-lead-shift.png`, fullPage: true });
    // the lead's inbox has the sign-up too
    await laptop.goto(`${served.base}/inbox`);
    await laptop.getByText("Nia Okafor signed up for Saturday doors, Easton (Doorknocking)").waitFor();

    // the representative, on a phone: the inbox link with its unread count, the sub-table their endorsement formed, and its email
    const { page: repPage } = await session.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(repPage, served.base, "rep@demo.coalition.test");
    await repPage.goto(`${served.base}/tables/${shift.coalitionId}`);
    await repPage.getByRole("link", { name: /^Inbox \(\d+ unread\)$/ }).click();
    await repPage.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await repPage.getByRole("link", { name: "A sub-table formed for Dana Whitcomb (OR-04)" }).waitFor();
    expect(await overflow(repPage)).toBeLessThanOrEqual(1);
    expect(await axe(repPage)).toEqual([]);
    await repPage.screenshot({ path: `${SHOTS}/volunteer-rep-inbox.png`, fullPage: true });
    // (the demo also tells the representative of its policy versions: the sub-table's is the one looked for)
    const note = await mailTo("rep@demo.coalition.test", "notification", "A sub-table formed for Dana Whitcomb (OR-04)");
    expect(header(note.raw, "Subject")).toBe("A sub-table formed for Dana Whitcomb (OR-04)");
    // made outside a request, its links use PUBLIC_URL, else localhost on the server's port
    const port = new URL(served.base).port;
    expect(header(note.raw, "List-Unsubscribe")).toMatch(new RegExp(`^<http://localhost:${port}/unsubscribe/[A-Za-z0-9_-]+\\?kind=sub_table_formed>$`));
    await repPage.getByRole("link", { name: "A sub-table formed for Dana Whitcomb (OR-04)" }).click();
    await repPage.getByRole("heading", { level: 1, name: /Dana Whitcomb/ }).waitFor();
  });
});
