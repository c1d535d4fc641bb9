import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { useBrowser } from "./use-browser";

/**
 * Issue 13, who decides, in the browser. At the municipal demo table the chapters covering a
 * race decide: the demo facilitator records four Chicago chapters' endorsements of Luis Ortega
 * (Ward 25) on his page until his sub-table forms, and sees it formed. At 390 px the facilitator
 * reads the table's "Who decides" setting and a ranked endorsement past the table's three ranks
 * is refused next to its field. No page-wide horizontal scroll, no serious or critical axe
 * violation.
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

async function openCandidate(page: Page, baseURL: string, name: string) {
  await page.goto(`${baseURL}/`);
  await page.getByRole("link", { name: "Chicagoland Municipal Table 2027" }).first().click();
  await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Matrix", exact: true }).click();
  await page.getByRole("link", { name, exact: true }).first().click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

describe("who decides: a municipal table's chapters endorse a ward candidate until a sub-table forms", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("at 1280 px: four chapters' endorsements of Luis Ortega form his sub-table", async () => {
    const { page } = await session.page({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    await openCandidate(page, baseURL, "Luis Ortega");
    const formed = page.getByRole("link", { name: /^Sub-table\s*At critical mass/ });
    expect(await formed.count()).toBe(0);
    const chapters: [string, string][] = [
      ["NOA — Northstar Organizing Action", "Northstar Chicago (NOA)"],
      ["GLT — Great Lakes Tenants Action", "Great Lakes Tenants Chicago (GLT)"],
      ["PCA — Prairie Climate Action", "Prairie Climate Chicago (PCA)"],
      ["BLC — Builders Local Council", "Builders Local 73 (BLC)"],
    ];
    for (const [i, [partner, chapter]] of chapters.entries()) {
      const form = page.getByRole("form", { name: "Record a stance" });
      await form.getByLabel(/^Partner/).selectOption({ label: partner });
      await form.getByLabel(/^Recorded by an affiliate/).selectOption({ label: chapter });
      await form.getByLabel(/^Stance/).selectOption("endorsed");
      if (i === 0) {
        expect(await seriousAxe(page)).toEqual([]);
        await page.screenshot({ path: "/tmp/decide-stance-1280.png", fullPage: true });
      }
      await form.getByRole("button", { name: "Record stance" }).click();
      await page.waitForURL(/#stances$/);
      await page.getByRole("rowheader", { name: new RegExp(chapter.replace(/ \(.*$/, "")) }).waitFor();
    }
    // the fourth partner's chapter reached the threshold: the sub-table formed
    await formed.waitFor();
    expect(await page.getByText(/4 partners, threshold 4|4 endorsing partners/).count()).toBeGreaterThan(0);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/decide-formed-1280.png", fullPage: true });
  });

  it("at 390 px: the table's setting, and a rank past three refused next to its field", async () => {
    const { page } = await session.page({ viewport: { width: 390, height: 844 } });
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    await openCandidate(page, baseURL, "Omar Haddad");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("ranked 2nd");
    const form = page.getByRole("form", { name: "Record a stance" });
    await form.getByLabel(/^Partner/).selectOption({ label: "NOA — Northstar Organizing Action" });
    await form.getByLabel(/^Recorded by an affiliate/).selectOption({ label: "Northstar Evanston (NOA)" });
    await form.getByLabel(/^Stance/).selectOption("endorsed");
    await form.getByLabel(/^Rank/).fill("4");
    await form.getByRole("button", { name: "Record stance" }).click();
    await page.getByText("Rank from 1 to 3: this table takes up to 3 ranked endorsements in a race.").waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/decide-rank-refused-390.png", fullPage: true });

    await page.goto(page.url().replace(/\/candidates\/.*$/, "/settings"));
    await page.getByRole("heading", { level: 2, name: "Who decides" }).waitFor();
    expect(await page.getByLabel(/^Whose stance counts/).inputValue()).toBe("affiliate");
    expect(await page.getByLabel(/^Ranked endorsements/).inputValue()).toBe("3");
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/decide-settings-390.png", fullPage: true });
  });
});
