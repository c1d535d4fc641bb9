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
import { openDb } from "../../db/client";
import { localDateOf } from "~/domain/zoned-time";
import { buildCandidate, buildRace, buildSignup, stance } from "../factories";

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

async function check(page: Page, shot: string) {
  expect(await overflow(page), `${shot}: no horizontal scroll`).toBeLessThanOrEqual(1);
  expect(await axe(page), `${shot}: axe`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/notify-${shot}.png`, fullPage: true });
}

/**
 * Issue 14, round 4: an affiliate lead schedules a series of three slots in one form (yesterday,
 * so the first has happened), takes attendance for the whole first shift on one screen (one
 * no-show, a walk-in); a partner representative finds "a stance changed on a candidate your
 * partner is considering" in the inbox. At 1280 and 390 px, axe and no horizontal scroll.
 */
describe("a series of shifts, attendance on one screen, a stance-changed notification", () => {
  const session = useBrowser();
  let served: Served;
  let dir: string;
  let file: string;
  let program: { id: number; coalitionId: number };
  const day = localDateOf(new Date(Date.now() - 86_400_000), "America/New_York");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "notify-e2e-"));
    file = path.join(dir, "notify.db");
    const env: NodeJS.ProcessEnv = { ...clean, DATABASE_PATH: file, NODE_ENV: "production" };
    execFileSync("npx", ["tsx", "scripts/migrate.ts"], { env, stdio: "ignore" });
    execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "ignore" });
    const db = new Database(file, { readonly: true });
    program = db.prepare("select id, coalition_id as coalitionId from canvass_programs where name = 'Lehigh Valley doors and phones for Oyelaran'").get() as typeof program;
    db.close();
    // the representative's member considers a new candidate; another member endorses it
    const app = openDb(file);
    const people = app.$client.prepare("select u.id, u.name, g.partner_id as partnerId, g.coalition_id as coalitionId from users u join role_grants g on g.user_id = u.id where u.email = ? and g.role = ?");
    const rep = people.get("rep@demo.coalition.test", "partner_rep") as { id: number; name: string; partnerId: number; coalitionId: number };
    const fac = people.get("facilitator@demo.coalition.test", "facilitator") as { id: number; name: string };
    const other = app.$client
      .prepare("select id from partners where id != ? and legal_type != 'c3' and id in (select partner_id from coalition_partners where coalition_id = ?) order by id limit 1")
      .pluck()
      .get(rep.partnerId, rep.coalitionId) as number;
    const race = buildRace(app, fac, rep.coalitionId, { state: "OR", district: "05", primaryDate: "2028-05-16", generalDate: "2028-11-07" });
    const candidate = buildCandidate(app, fac, rep.coalitionId, race.id, { name: "Marisol Tenney" });
    for (const [who, partnerId, value] of [
      [rep, rep.partnerId, "considering"],
      [fac, other, "endorsed"],
    ] as const) {
      const r = stance(app, who, rep.coalitionId, candidate.id, partnerId, value, { now: new Date() });
      if (!r.ok) throw new Error(`expected a stance: ${JSON.stringify(r)}`);
    }
    app.$client.close();
    served = await serve(file, { MAIL_QUEUE_INTERVAL_MS: "500" });
  }, 240_000);

  afterAll(() => {
    killServers();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs the whole journey", async () => {
    const { page, problems } = await session.page({ viewport: { width: 1280, height: 900 } });
    await signIn(page, served.base, "lead@demo.coalition.test");
    const shiftsPath = `/tables/${program.coalitionId}/programs/${program.id}/shifts`;
    await page.goto(`${served.base}${shiftsPath}`);
    await page.getByRole("heading", { level: 2, name: "Schedule a shift" }).waitFor();
    const form = page.locator('section[aria-labelledby="new-shift"]');

    // a slot that overlaps first: the message sits next to the field, what was typed stays
    await form.getByLabel("Title", { exact: true }).fill("Saturday doors, three slots");
    await form.getByRole("textbox", { name: "Starts", exact: true }).fill(`${day}T10:00`);
    await form.getByRole("textbox", { name: "Ends", exact: true }).fill(`${day}T12:00`);
    await form.getByLabel("Place", { exact: true }).fill("Kestrel hall, 12 Main St, Allentown");
    await form.getByLabel("Repeat", { exact: true }).selectOption("slots");
    await form.getByLabel("Other start times the same day").fill("11:00, 16:00");
    await form.getByRole("button", { name: "Schedule" }).click();
    await form.getByText(/The slot at 11:00 starts before the one at 10:00 ends/).waitFor();
    expect(await form.getByLabel("Title", { exact: true }).inputValue()).toBe("Saturday doors, three slots");
    await form.getByLabel("Other start times the same day").fill("13:00, 16:00");
    await form.getByRole("button", { name: "Schedule" }).click();
    await page.waitForURL(/\/shifts\/\d+\?created=3$/);
    const firstId = Number(new URL(page.url()).pathname.split("/").pop());
    await check(page, "series-created");

    // two volunteers signed up for the first slot
    const app = openDb(file);
    const lead = app.$client.prepare("select id, name from users where email = 'lead@demo.coalition.test'").get() as { id: number; name: string };
    const host = app.$client.prepare("select host_affiliate_id from shifts where id = ?").pluck().get(firstId) as number;
    const made = app.$client.prepare("select count(*) from shifts where series_id = ?").pluck().get(firstId) as number;
    expect(made).toBe(3);
    for (const name of ["Ada Ngata", "Bo Reyes"]) buildSignup(app, lead, program.coalitionId, program.id, firstId, host, { volunteerName: name, email: `${name.split(" ")[0].toLowerCase()}@example.org` }, new Date(Date.now() - 3 * 86_400_000));
    app.$client.close();

    // the whole shift's attendance on one screen: Bo did not come, Wren walked in
    await page.goto(`${served.base}${shiftsPath}/${firstId}`);
    await page.getByRole("link", { name: "Take attendance for the whole shift" }).click();
    await page.getByRole("heading", { level: 1, name: /^Attendance: Saturday doors, three slots/ }).waitFor();
    await check(page, "attendance-1280");
    await page.getByLabel("Bo Reyes").selectOption("no_show");
    await page.getByLabel("Walk-in 1: name").fill("Wren Walker");
    await page.getByLabel("Walk-in 1: email (optional)").fill("wren@");
    await page.getByRole("button", { name: "Save attendance" }).click();
    await page.getByText("Email must be an address like name@example.org, or left empty.").waitFor();
    expect(await page.getByLabel("Walk-in 1: name").inputValue()).toBe("Wren Walker");
    await page.getByLabel("Bo Reyes").selectOption("no_show");
    await page.getByLabel("Walk-in 1: email (optional)").fill("");
    await page.getByRole("button", { name: "Save attendance" }).click();
    await page.getByText("Saved: 2 attended (1 walk-in), 1 no-show, 0 cancelled.").waitFor();
    expect(await page.getByLabel("Bo Reyes").inputValue()).toBe("no_show");
    expect(await page.getByLabel("Wren Walker (walk-in)").inputValue()).toBe("attended");

    // the same screen on a phone
    const { page: phone } = await session.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, served.base, "lead@demo.coalition.test");
    await phone.goto(`${served.base}${shiftsPath}/${firstId}/attendance`);
    await phone.getByRole("heading", { level: 1, name: /^Attendance/ }).waitFor();
    await check(phone, "attendance-390");

    // the representative's inbox: the stance changed on a candidate its member is considering
    const { page: repPhone } = await session.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(repPhone, served.base, "rep@demo.coalition.test");
    await repPhone.goto(`${served.base}/inbox`);
    await repPhone.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await repPhone.getByRole("link", { name: /: endorsed on Marisol Tenney/ }).waitFor();
    expect(await repPhone.getByText("No stance → Endorsed.").first().isVisible()).toBe(true);
    await repPhone.getByLabel("Hour").selectOption("18");
    await repPhone.getByLabel("Time zone").selectOption("America/Chicago");
    await repPhone.getByRole("button", { name: "Save the hour" }).click();
    await repPhone.getByText(/The next is due .*6:00\s?PM/).waitFor();
    await check(repPhone, "inbox-390");
    expect(problems).toEqual([]);
  });
});
