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

function utcDate(offsetDays = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

describe("the members' own voice: a partner's own process from the matrix, a concern with its reason on the next agenda", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  for (const width of [1280, 390]) {
    it(`at ${width} px: the representative moves a candidate through KA's steps, raises a concern on a sub-table's decision; the facilitator sees it on the next agenda`, async () => {
      const { page, problems } = await session.page({ viewport: { width, height: 900 } });
      await signIn(page, baseURL, "rep@demo.coalition.test");

      // The matrix, candidates nobody endorses yet: KA's own column comes first.
      await page.goto(`${baseURL}/tables/1/matrix?status=none`);
      const row = page.locator("table.mx tbody tr").nth(width === 1280 ? 0 : 1);
      const name = (await row.locator("th a").first().innerText()).trim();
      const cell = row.locator("td").nth(1);
      const dialog = page.getByRole("dialog");
      await cell.click();
      await dialog.waitFor();
      await dialog.getByRole("combobox", { name: /^Stance/ }).selectOption("considering");
      await dialog.getByRole("button", { name: "Record stance" }).click();
      await dialog.waitFor({ state: "hidden" });
      await expect.poll(() => cell.textContent()).toMatch(/^Considering/);

      // Its own steps: first the questionnaire, then the interview, with the expected decision date.
      await cell.click();
      await dialog.waitFor();
      const process = dialog.getByRole("form", { name: "KA's endorsement process" });
      await process.getByLabel("Step reached in KA's process").selectOption({ label: "1. Questionnaire sent" });
      await process.getByRole("button", { name: "Save step" }).click();
      await process.getByText("Saved: Questionnaire sent.").waitFor();
      await expect.poll(() => cell.textContent()).toBe("Considering · Questionnaire sent");
      await process.getByLabel("Step reached in KA's process").selectOption({ label: "3. Interview done" });
      await process.getByLabel(/^Expected decision/).fill(utcDate(21));
      await process.getByRole("button", { name: "Save step" }).click();
      await process.getByText("Saved: Interview done.").waitFor();
      await page.screenshot({ path: `${SHOTS}/voice-dialog-${width}.png` });
      expect(await seriousAxe(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      await expect.poll(() => cell.textContent()).toBe("Considering · Interview done");
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

      // The race page says KA is still deciding, and when it expects to.
      await page.goto(`${baseURL}/tables/1/matrix?status=none&q=${encodeURIComponent(name)}`);
      await page.locator("table.mx tbody tr th a", { hasText: name }).first().click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      await page.locator(".breadcrumbs a").first().click();
      const deciding = page.getByRole("region", { name: "Partners still deciding" });
      await deciding.waitFor();
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      expect(await deciding.innerText()).toMatch(new RegExp(`KA\\s+${escaped}\\s+Considering · Interview done \\(step 3 of 6\\)`));

      // A concern on the sub-table's decision: without a reason it is refused beside the field, keeping the text.
      await page.goto(`${baseURL}/tables/1/sub-tables`);
      await page.getByRole("link", { name: /Renata Oyelaran/ }).first().click();
      await page.getByRole("heading", { level: 1, name: /Renata Oyelaran/ }).waitFor();
      const raise = page.getByRole("region", { name: "Raise a concern" });
      const options = await raise.getByLabel(/^About/).locator("option").allTextContents();
      const decisionOption = options.find((o) => o.startsWith("Decision of") && o.includes("Allentown"));
      expect(decisionOption).toBeTruthy();
      await raise.getByLabel(/^About/).selectOption({ label: decisionOption! });
      const concern = `Walk lists for ward 9 (${width})`;
      await raise.getByLabel(/^I have a concern about/).fill(concern);
      await raise.getByRole("button", { name: "Raise concern" }).click();
      await raise.getByText("Reason is required.").waitFor();
      expect(await raise.getByLabel(/^I have a concern about/).inputValue()).toBe(concern);
      await raise.getByLabel(/^Reason/).fill("Ward 9 has our strongest volunteers and no doors in the first month.");
      await raise.getByRole("button", { name: "Raise concern" }).click();
      const mine = page.locator("ul.concerns li", { hasText: concern });
      await mine.waitFor();
      expect(await mine.innerText()).toContain("KA has a concern about the decision of");
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/voice-subtable-${width}.png`, fullPage: true });
      expect(await seriousAxe(page)).toEqual([]);
      const agendaLink = mine.getByRole("link");
      const agendaHref = (await agendaLink.count()) > 0 ? await agendaLink.first().getAttribute("href") : null;

      // The facilitator: the concern is on the next meeting's draft agenda by itself (a new meeting takes it if none was set).
      const fac = await session.page({ viewport: { width, height: 900 } });
      await signIn(fac.page, baseURL, "facilitator@demo.coalition.test");
      if (agendaHref) {
        await fac.page.goto(`${baseURL}${agendaHref}`);
      } else {
        await fac.page.goto(`${baseURL}/tables/1/meetings`);
        const form = fac.page.getByRole("region", { name: "New meeting" });
        await form.getByLabel("Title").fill(`Next table meeting (${width})`);
        await form.getByLabel(/^Date( \*)?$/).fill(utcDate(7 + (width === 390 ? 1 : 0)));
        await form.getByLabel(/^Time( \*)?$/).fill("19:00");
        await form.getByRole("button", { name: "Create meeting" }).click();
        await fac.page.getByRole("heading", { level: 1, name: `Next table meeting (${width})` }).waitFor();
      }
      const items = fac.page.getByTestId("agenda-item");
      await expect.poll(async () => (await items.allTextContents()).join("\n")).toMatch(/Concern from KA about the decision of/);
      const listed = fac.page.locator("ul.concerns li", { hasText: concern });
      expect(await listed.innerText()).toContain("Ward 9 has our strongest volunteers");
      await fac.page.screenshot({ path: `${SHOTS}/voice-agenda-${width}.png`, fullPage: true });
      expect(await pageOverflow(fac.page)).toBeLessThanOrEqual(0);
      expect(await seriousAxe(fac.page)).toEqual([]);
      expect(problems).toEqual([]);
      expect(fac.problems).toEqual([]);
    });
  }
});
