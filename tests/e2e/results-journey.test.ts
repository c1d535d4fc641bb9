import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

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
const TABLE = "Federal table, 2026 cycle (demo)";

/** The previous cycle's table from the list of tables: its path. */
async function openTable(page: Page, baseURL: string): Promise<string> {
  await page.goto(`${baseURL}/`);
  const href = await page.getByRole("link", { name: TABLE }).getAttribute("href");
  return new URL(href ?? "/", baseURL).pathname;
}

describe("after the primary (issue 16): results, the next election, credit", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("at 1280 px: the facilitator imports the special primary's results, carries the winner's sub-table into the general, opens its credit report and the cycle review", async () => {
    const { page, problems } = await session.page({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    const table = await openTable(page, baseURL);

    await page.goto(`${baseURL}${table}/races`);
    await page.getByRole("link", { name: /U\.S\. House \(special election\), PA-08/ }).first().click();
    await page.getByRole("heading", { level: 1, name: "U.S. House (special election), PA-08" }).waitFor();
    await page.getByRole("link", { name: "Results of the race's elections" }).click();
    await page.getByRole("heading", { level: 1, name: /^Results:/ }).waitFor();

    // A file with an unknown candidate, a bad number and a duplicate row: errors per row, nothing saved.
    const importer = page.getByRole("region", { name: "Import results from a CSV file" });
    await importer.getByLabel("Election").selectOption("primary");
    await importer.getByLabel("Public source (web address)").fill("https://elections.example.gov/pa/2026-special");
    await importer.getByLabel("Source date").fill("2026-11-25");
    const bad = "candidate,votes,outcome\nRosa Delgado,18204,advanced_general\nNobody Else,10,lost\nHank Moller,lots,lost\nRosa Delgado,1,lost\n";
    await importer.getByLabel("CSV file").setInputFiles({ name: "special.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await importer.getByRole("button", { name: "Check the file" }).click();
    const errors = page.getByRole("table", { name: "Rows with errors" });
    await errors.waitFor();
    expect(await errors.locator("tr[data-line='3']").textContent()).toMatch(/No candidate named "Nobody Else"/);
    expect(await errors.locator("tr[data-line='4']").textContent()).toMatch(/not a number of votes/);
    expect(await errors.locator("tr[data-line='5']").textContent()).toMatch(/already on line 2/);
    expect(await page.getByRole("button", { name: /^Save \d+ results$/ }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/results-import-errors.png`, fullPage: true });

    // The fixed file: a clean preview, then confirm.
    const good = "candidate,votes,outcome\nRosa Delgado,18204,advanced_general\nHank Moller,15377,lost\n";
    await importer.getByLabel("CSV file").setInputFiles({ name: "special.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await importer.getByRole("button", { name: "Check the file" }).click();
    await page.getByText("2 row(s): 2 ready, 0 with errors.").waitFor();
    await page.getByRole("button", { name: "Save 2 results" }).click();
    await page.getByText("Saved 2 results.").waitFor();
    const primary = page.getByRole("table", { name: "Primary results" });
    expect(await primary.locator("tbody tr").first().textContent()).toMatch(/Rosa Delgado.*18,204.*54\.2%.*Advanced to the general/);
    expect(await axe(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/results-saved.png`, fullPage: true });

    // Carry the winner's sub-table into the general.
    await page.goto(`${baseURL}${table}/sub-tables`);
    await page.getByRole("link", { name: "Rosa Delgado" }).click();
    await page.getByRole("heading", { level: 1, name: "Sub-table for Rosa Delgado" }).waitFor();
    await page.getByRole("button", { name: "Carry into the general election" }).click();
    await page.getByText(/Carried from the primary into the general election/).waitFor();
    expect(await page.getByRole("region", { name: "Election" }).textContent()).toMatch(/Works toward the general election.*content window/);
    expect(await page.getByRole("button", { name: /^Carry into/ }).count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/results-carried.png`, fullPage: true });

    // Its credit report.
    await page.getByRole("link", { name: "Credit report" }).click();
    await page.getByRole("heading", { level: 1, name: "Credit: sub-table for Rosa Delgado" }).waitFor();
    expect(await page.getByRole("table", { name: "Credit per partner" }).textContent()).toMatch(/Kestrel Action.*endorsed/);
    expect(await axe(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/results-credit-facilitator.png`, fullPage: true });

    // The cycle review: the special election is now a race with a result, beside the others.
    // (the facilitator's own tabs lead; the review is under More)
    const sections = page.getByRole("navigation", { name: "Table sections" });
    await sections.locator("summary", { hasText: "More" }).click();
    await sections.getByRole("link", { name: "Review" }).click();
    await page.getByRole("heading", { level: 1, name: "Cycle review" }).waitFor();
    await page.getByText(/association, not cause/).waitFor();
    const reviewed = page.getByRole("table", { name: "Races reviewed" });
    expect(await reviewed.textContent()).toMatch(/Rosa Delgado.*Advanced to the general/);
    expect(await reviewed.textContent()).toMatch(/Marisol Vance.*Won/);
    await page.locator("[data-testid='review-chart'] svg").first().waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/results-review.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("at 390 px: a representative opens its sub-table's credit report and downloads its partner's CSV", async () => {
    const { page, problems } = await session.page({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    await signIn(page, baseURL, "rep@demo.coalition.test");
    const table = await openTable(page, baseURL);
    await page.goto(`${baseURL}${table}/sub-tables`);
    await page.getByRole("link", { name: "Marisol Vance" }).click();
    await page.getByRole("heading", { level: 1, name: "Sub-table for Marisol Vance" }).waitFor();
    expect(await page.getByText(/Carried from the primary into the general election/).count()).toBe(1);
    await page.getByRole("link", { name: "Credit report" }).click();
    await page.getByRole("heading", { level: 1, name: "Credit: sub-table for Marisol Vance" }).waitFor();
    expect(await page.getByRole("table", { name: "Credit per affiliate" }).textContent()).toMatch(/Kestrel Action Pennsylvania/);
    expect(await axe(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/results-credit-rep.png`, fullPage: true });

    await page.getByRole("link", { name: "Only this partner (Kestrel Action)" }).click();
    await page.waitForURL(/partner=\d+/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as CSV" }).click()]);
    const file = await download.path();
    const text = fs.readFileSync(file!, "utf8");
    const [head, ...lines] = text.trim().split(/\r?\n/);
    expect(head).toMatch(/^partner,affiliate,endorsed_on,stance,shifts_hosted,shifts_co_hosted,recruited,walk_ins/);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith("Kestrel Action,"))).toBe(true);
    expect(problems).toEqual([]);
  });
});
