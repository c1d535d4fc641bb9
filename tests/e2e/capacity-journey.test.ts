import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA rules: the serious and critical violations, by rule and target. */
async function seriousAxe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("outside support, capacity and red lines (issue 17)", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  for (const width of [1280, 390]) {
    it(`at ${width} px: the representative records a facilitator-only capacity item and an outside endorsement with its source; the facilitator sees the combined capacity per state`, async () => {
      // each width its own state, so the two runs on one database do not add up
      const state = width === 1280 ? "WI" : "WY";
      const organizers = width === 1280 ? "4" : "7";
      const { page, problems } = await session.page({ viewport: { width, height: 900 } });
      await signIn(page, baseURL, "rep@demo.coalition.test");

      // KA's capacity and red lines, from its partner page
      await page.goto(`${baseURL}/tables/1/partners`);
      await page.getByRole("link", { name: /Kestrel Action/ }).first().click();
      await page.getByRole("link", { name: "capacity and red lines" }).click();
      await page.getByRole("heading", { level: 1, name: "KA's capacity and red lines" }).waitFor();
      expect(await page.getByRole("list", { name: "KA's red lines" }).innerText()).toContain("fossil-fuel");
      const form = page.getByRole("region", { name: "Add to the profile" });
      await form.getByLabel(/^What it is/).selectOption({ label: "Staff organizers" });
      await form.getByLabel(/^State/).selectOption(state);
      await form.getByLabel(/^Who may read it/).selectOption({ label: "The facilitator only" });
      // no count: refused beside the field, keeping the choices
      await form.getByRole("button", { name: "Add" }).click();
      await form.getByText("Give how many.").waitFor();
      expect(await form.getByLabel(/^State/).inputValue()).toBe(state);
      await form.getByLabel(/^How many/).fill(organizers);
      await form.getByRole("button", { name: "Add" }).click();
      const mine = page.getByRole("list", { name: "What KA brings" }).locator("li", { hasText: `${organizers} staff organizers in ${state}` });
      await mine.waitFor();
      expect(await mine.innerText()).toContain("Facilitator only");
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/capacity-profile-${width}.png`, fullPage: true });
      expect(await seriousAxe(page)).toEqual([]);

      // an outside endorsement of Renata Oyelaran, from the table-wide view
      await page.goto(`${baseURL}/tables/1/outside-support?state=PA`);
      await page.getByRole("heading", { level: 1, name: "Support from outside the table" }).waitFor();
      await page.getByRole("link", { name: "Renata Oyelaran" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Renata Oyelaran" }).waitFor();
      const add = page.locator("#outside-form");
      const supporter = `Allentown Education Association (${width})`;
      await add.getByLabel(/^Who endorsed/).selectOption({ label: "Union" });
      await add.getByLabel(/^Name/).fill(supporter);
      await add.getByLabel(/^Public source/).fill("aea.example.org/endorsements");
      await add.getByRole("button", { name: "Add endorsement" }).click();
      await add.getByText(/must be a web address/).waitFor();
      expect(await add.getByLabel(/^Name/).inputValue()).toBe(supporter);
      await add.getByLabel(/^Public source/).fill("https://aea.example.org/endorsements");
      await add.getByRole("button", { name: "Add endorsement" }).click();
      const listed = page.locator("#outside-support li", { hasText: supporter });
      await listed.waitFor();
      expect(await listed.innerText()).toMatch(/Union/);
      expect(await listed.getByRole("link", { name: /source/ }).getAttribute("href")).toBe("https://aea.example.org/endorsements");
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/capacity-outside-${width}.png`, fullPage: true });
      expect(await seriousAxe(page)).toEqual([]);

      // the facilitator: the table's combined capacity per state counts KA's facilitator-only organizers
      const fac = await session.page({ viewport: { width, height: 900 } });
      await signIn(fac.page, baseURL, "facilitator@demo.coalition.test");
      await fac.page.goto(`${baseURL}/tables/1/capacity`);
      await fac.page.getByRole("heading", { level: 1, name: "The table's capacity" }).waitFor();
      const row = fac.page.locator("tbody tr", { has: fac.page.locator("th", { hasText: new RegExp(`^${state}$`) }) });
      expect(await row.locator("td").nth(2).innerText()).toBe(organizers);
      const pa = fac.page.locator("tbody tr", { has: fac.page.locator("th", { hasText: /^PA$/ }) });
      expect(await pa.locator("td").nth(0).innerText()).toBe("40,900");
      expect(await pageOverflow(fac.page)).toBeLessThanOrEqual(0);
      await fac.page.screenshot({ path: `${SHOTS}/capacity-combined-${width}.png`, fullPage: true });
      expect(await seriousAxe(fac.page)).toEqual([]);
      // and the outside support per race shows the new endorsement
      await fac.page.goto(`${baseURL}/tables/1/outside-support?kind=union&state=PA`);
      expect(await fac.page.locator("li", { hasText: "Renata Oyelaran" }).first().innerText()).toMatch(/\d+ unions/);
      expect(await seriousAxe(fac.page)).toEqual([]);
      expect(problems).toEqual([]);
      expect(fac.problems).toEqual([]);
    });
  }
});
