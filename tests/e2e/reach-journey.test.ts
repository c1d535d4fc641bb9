import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { useBrowser } from "./use-browser";

/**
 * Issue 13, part B in the browser. Counsel of the Statehouse demo table (Carlos, counsel of
 * Northstar there) sets the table's content window and lookback; the firewall page says state
 * law governs and shows what counsel set. A partner's national staff (Lee Lead, who works for
 * Prairie Climate Action's national office) schedules a virtual textbank on Okafor's program
 * co-hosted by the New Jersey chapter. At 1280 and 390 px, no page-wide horizontal scroll and
 * no serious or critical axe violation.
 */

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function seriousAxe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function openTable(page: Page, baseURL: string, name: string, section: string) {
  await page.goto(`${baseURL}/`);
  await page.getByRole("link", { name }).first().click();
  await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: section, exact: true }).click();
}

const VIEWPORTS = [
  { name: "1280 px", opts: { viewport: { width: 1280, height: 900 } } },
  { name: "390 px", opts: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
];

describe("the firewall by level and national hosts", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  for (const [i, vp] of VIEWPORTS.entries()) {
    it(`at ${vp.name}: counsel of the state table sets its window and lookback; the firewall page shows them under state law`, async () => {
      const { page, problems } = await session.page(vp.opts);
      await signIn(page, baseURL, "counsel@demo.coalition.test");
      await openTable(page, baseURL, "Statehouse Table 2028", "Firewall");
      await page.getByRole("heading", { level: 1, name: "Firewall" }).waitFor();
      const summary = page.getByRole("region", { name: "Window and lookback at this table" });
      expect(await summary.textContent()).toContain("State law governs");
      await page.getByRole("link", { name: "Window and lookback" }).click();
      await page.getByRole("heading", { level: 1, name: "Window and lookback" }).waitFor();
      const form = page.getByRole("form", { name: "Set the lengths" });
      // a bad length: the message next to the field, what was typed kept
      await form.getByLabel(/^Content window/).fill("0");
      await form.getByLabel(/^Lookback/).fill(String(150 + i));
      await form.getByRole("button", { name: "Save the lengths" }).click();
      await form.getByText("Content window (days) must be from 1 to 365.").waitFor();
      expect(await form.getByLabel(/^Lookback/).inputValue()).toBe(String(150 + i));
      await form.getByLabel(/^Content window/).fill(String(75 + i));
      await form.getByLabel(/^What they rest on/).fill("Counsel's reading for the demo, not legal advice.");
      await form.getByRole("button", { name: "Save the lengths" }).click();
      await page.getByText("Saved. The change is in the audit log.").waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      expect(await seriousAxe(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/reach-lengths-${vp.name.replace(" ", "")}.png`, fullPage: true });

      await page.getByRole("link", { name: "Back to the firewall" }).click();
      await page.getByRole("heading", { level: 1, name: "Firewall" }).waitFor();
      const shown = (await page.getByRole("region", { name: "Window and lookback at this table" }).textContent()) ?? "";
      expect(shown).toContain("State law governs");
      expect(shown).toContain(`${75 + i} days before each election`);
      expect(shown).toContain(`${150 + i} days after the last service`);
      expect(shown).toContain("Set by counsel (Carlos Counsel)");
      expect(await page.locator("dl.rule-list").first().textContent()).toContain(`within ${150 + i} days (the table's lookback)`);
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      expect(await seriousAxe(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/reach-firewall-${vp.name.replace(" ", "")}.png`, fullPage: true });
      expect(problems).toEqual([]);
    });

    it(`at ${vp.name}: a partner's national staff schedule a virtual textbank co-hosted by an out-of-state chapter`, async () => {
      const { page, problems } = await session.page(vp.opts);
      await signIn(page, baseURL, "lead@demo.coalition.test");
      await openTable(page, baseURL, "Statehouse Table 2028", "Field");
      await page.getByRole("heading", { level: 1, name: "Field programs" }).waitFor();
      await page.getByRole("link", { name: "Okafor field program" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Okafor field program" }).waitFor();
      const programUrl = page.url().split("?")[0].replace(/\/$/, "");
      await page.goto(`${programUrl}/shifts`);
      const form = page.getByRole("region", { name: "Schedule a shift" });
      const title = `National texts for 48B (${vp.name})`;
      await form.getByLabel(/^Work type/).selectOption("textbank");
      await form.getByLabel(/^Title/).fill(title);
      await form.getByLabel(/^Starts/).fill(`2028-06-2${7 + i}T18:00`);
      await form.getByLabel(/^Ends/).fill(`2028-06-2${7 + i}T20:00`);
      await form.getByLabel(/^Call link/).fill(`https://meet.example.org/national-48b-${i}`);
      expect(await form.getByLabel(/^Host affiliate/).locator("option:checked").textContent()).toContain("Prairie Climate Action national staff");
      await form.getByRole("checkbox", { name: /^Prairie Climate New Jersey/ }).check();
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      expect(await seriousAxe(page)).toEqual([]);
      await form.getByRole("button", { name: "Schedule", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body).toContain("Prairie Climate Action national staff");
      expect(body).toContain("Prairie Climate New Jersey");
      expect(await page.getByRole("link", { name: "Meeting link" }).getAttribute("href")).toBe(`https://meet.example.org/national-48b-${i}`);
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      expect(await seriousAxe(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/reach-national-shift-${vp.name.replace(" ", "")}.png`, fullPage: true });
      expect(problems).toEqual([]);
    });

    it(`at ${vp.name}: the facilitator invites a regional ally into the Ward 5 program; the demo ally's lead opens only its program`, async () => {
      const { page, problems } = await session.page(vp.opts);
      await signIn(page, baseURL, "facilitator@demo.coalition.test");
      await openTable(page, baseURL, "Chicagoland Municipal Table 2027", "Field");
      await page.getByRole("link", { name: "Ward 5 field program" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Ward 5 field program" }).waitFor();
      const programUrl = page.url().split("?")[0].replace(/\/$/, "");
      await page.goto(`${programUrl}/pledges`);
      const allies = page.getByRole("region", { name: "Regional allies" });
      expect(await allies.textContent()).toContain("South Side Tenants Alliance");
      const name = `Uptown Renters Union ${vp.name}`;
      await allies.getByLabel(/^Organization/).fill(name);
      await allies.getByLabel(/^Legal type/).selectOption("c4");
      await allies.getByLabel(/^State/).fill("ZZ");
      await allies.getByLabel(/^Lead's name/).fill("Uma Organizer");
      await allies.getByLabel(/^Lead's email/).fill(`uma${i}@uptown.example`);
      await allies.getByRole("button", { name: "Invite ally" }).click();
      // a bad state: the message next to the field, what was typed kept
      await allies.getByText("State must be a two-letter US state code, like IL.").waitFor();
      expect(await allies.getByLabel(/^Organization/).inputValue()).toBe(name);
      await allies.getByLabel(/^State/).fill("IL");
      await allies.getByRole("button", { name: "Invite ally" }).click();
      await allies.getByText("Ally invited.").waitFor();
      await allies.getByRole("list", { name: "Regional allies in this program" }).getByText(name).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(1);
      expect(await seriousAxe(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/reach-ally-invite-${vp.name.replace(" ", "")}.png`, fullPage: true });

      // the demo ally's lead: straight to the one program, no table navigation, the table itself refused
      const lead = await session.page(vp.opts);
      await signIn(lead.page, baseURL, "ally@demo.coalition.test");
      await lead.page.getByRole("heading", { level: 1, name: "Ward 5 field program" }).waitFor();
      expect(await lead.page.getByRole("navigation", { name: "Table sections" }).count()).toBe(0);
      // its own organization: the written policy it acknowledged, and where it works (its lead sets the coverage)
      const own = lead.page.getByRole("region", { name: "Your organization: firewall policy and coverage" });
      await own.getByText(/You acknowledged version \d+/).waitFor();
      await own.getByText("Edit coverage").click();
      const county = vp.name === "1280 px" ? "Cook" : "DuPage";
      await own.getByLabel(/^Counties/).fill(county);
      await own.getByRole("button", { name: "Save coverage" }).click();
      await lead.page.getByRole("region", { name: "Your organization: firewall policy and coverage" }).getByText(new RegExp(county)).first().waitFor();
      expect(await overflow(lead.page)).toBeLessThanOrEqual(1);
      expect(await seriousAxe(lead.page)).toEqual([]);
      await lead.page.screenshot({ path: `/tmp/reach-ally-own-${vp.name.replace(" ", "")}.png`, fullPage: true });
      await lead.page.goto(`${programUrl}/pledges`);
      await lead.page.getByRole("heading", { level: 1, name: "Pledges: Ward 5 field program" }).waitFor();
      expect(await lead.page.getByRole("region", { name: "Pledge hours" }).textContent()).toContain("South Side Tenants Alliance");
      expect(await overflow(lead.page)).toBeLessThanOrEqual(1);
      expect(await seriousAxe(lead.page)).toEqual([]);
      await lead.page.screenshot({ path: `/tmp/reach-ally-lead-${vp.name.replace(" ", "")}.png`, fullPage: true });
      const table = await lead.page.goto(programUrl.replace(/\/programs\/\d+$/, ""));
      expect(table?.status()).toBe(403);
      expect(problems).toEqual([]);
    });
  }
});
