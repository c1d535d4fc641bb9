import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA rules on the page as it stands: the violations, by rule and target. */
async function axe(page: Page): Promise<string[]> {
  // evaluated over the DevTools protocol: the app's CSP (rightly) refuses an injected inline script
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** What has focus: a grid cell by row and column ("cell:3,5"), a link by its text, a field by its name. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "";
    if (el instanceof HTMLTableCellElement) return `cell:${(el.parentElement as HTMLTableRowElement).rowIndex},${el.cellIndex}`;
    return `${el.tagName.toLowerCase()}:${el.getAttribute("name") ?? el.textContent?.trim() ?? ""}`;
  });
}

/** The grid's cell at a "cell:row,column" place. */
function cellAt(page: Page, at: string) {
  const [r, c] = at.slice(5).split(",").map(Number);
  return page.locator("table.mx tr").nth(r).locator("th, td").nth(c);
}

const noPageScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("the matrix at spreadsheet speed: filters, search, paging, the keyboard, stances in place, CSV", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("at 1280 px: the facilitator filters, searches, pages, moves by keyboard and records a stance in place; a refusal shows in the cell", async () => {
    const { page, problems } = await session.page({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseURL, "facilitator@demo.coalition.test");

    // A race and candidate of this journey's own, so the counts it reads are its own.
    await page.goto(`${baseURL}/tables/1/races`);
    const addRace = page.getByRole("region", { name: "Add a race" });
    await addRace.getByLabel("State").fill("NM");
    await addRace.getByLabel("District").fill("2");
    await addRace.getByLabel("Primary date").fill("2028-06-06");
    await addRace.getByLabel("General election date").fill("2028-11-07");
    await addRace.getByRole("button", { name: "Add race" }).click();
    await page.getByRole("heading", { level: 1, name: "U.S. House, NM-02" }).waitFor();
    const addCandidate = page.getByRole("region", { name: "Add a candidate" });
    await addCandidate.getByLabel("Name").fill("Quinn Okonkwo-Matrix");
    await addCandidate.getByLabel("Party").fill("Democratic");
    await addCandidate.getByRole("button", { name: "Create profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Quinn Okonkwo-Matrix" }).waitFor();

    // Paging: 20 a page, forward and back.
    await page.goto(`${baseURL}/tables/1/matrix?size=20`);
    await page.getByRole("heading", { level: 1, name: "Endorsement matrix" }).waitFor();
    const pager = page.getByRole("navigation", { name: "Pages of the matrix" });
    expect(await pager.textContent()).toMatch(/20 shown of \d+ candidates/);
    const firstPage = await page.locator("table.mx tbody th a").allTextContents();
    await pager.getByRole("link", { name: "Next" }).click();
    await page.waitForURL(/page=/);
    await expect.poll(() => page.locator("table.mx tbody th a").first().textContent()).not.toBe(firstPage[0]);
    const secondPage = await page.locator("table.mx tbody th a").allTextContents();
    expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);
    await pager.getByRole("link", { name: "Previous" }).click();
    await expect.poll(() => page.locator("table.mx tbody th a").allTextContents()).toEqual(firstPage);

    // Filter by state: the race choice appears; then search by name.
    await page.goto(`${baseURL}/tables/1/matrix`);
    await page.getByLabel("State").selectOption("PA");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/state=PA/);
    await page.getByLabel("Race").waitFor();
    const paRaces = await page.locator("table.mx tbody th small").allTextContents();
    expect(paRaces.length).toBeGreaterThan(0);
    expect(paRaces.every((r) => r.includes("PA-"))).toBe(true);
    await page.getByLabel("Candidate name").fill("szab");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/q=szab/);
    await expect.poll(() => page.locator("table.mx tbody th a").allTextContents()).toEqual(["Yvonne Szabo"]);
    expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toBe("/tables/1/matrix.csv?state=PA&q=szab");
    await page.screenshot({ path: `${SHOTS}/matrix-filtered-1280.png`, fullPage: true });

    // This journey's candidate: the state filter, then the keyboard.
    await page.goto(`${baseURL}/tables/1/matrix?state=NM`);
    const row = page.locator("table.mx tbody tr", { hasText: "Quinn Okonkwo-Matrix" });
    await row.waitFor();
    expect(await row.locator("td.count").innerText()).toBe("0 partners, threshold 4\n4 more needed");
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "no reload"));
    const headers = await page.locator("table.mx thead th").evaluateAll((ths) => ths.map((th) => th.querySelector("abbr")?.getAttribute("title") ?? th.textContent ?? ""));
    const c3 = headers.findIndex((h) => h.includes("501(c)(3)"));
    const c4 = headers.findIndex((h, i) => i >= 2 && !h.includes("501(c)(3)"));
    expect(c3).toBeGreaterThan(1);

    // Tab reaches the grid once, at its first cell (the candidate); arrows move between cells.
    await page.getByRole("link", { name: "Download CSV" }).focus();
    for (let i = 0; i < 6 && !(await focused(page)).startsWith("a:Quinn"); i++) await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("a:Quinn Okonkwo-Matrix");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.closest("td")?.className)).toContain("count");
    for (let i = 2; i <= c4; i++) await page.keyboard.press("ArrowRight");
    const cell = await focused(page);
    expect(cell).toBe(`cell:1,${c4}`);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe(cell);
    // only one cell of the grid is in the tab order
    expect(await page.locator("table.mx [tabindex='0']").count()).toBe(1);

    // Enter opens the cell's editor with focus in its first field; Escape closes it, focus back on the cell.
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await focused(page)).toBe("select:stance");
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe(cell);

    // Record an endorsement in place: no navigation, the count and "more needed" update.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: /^Stance/ }).selectOption("endorsed");
    await dialog.getByLabel("Deciding body").fill("Political committee");
    const urlBefore = page.url();
    await dialog.getByRole("button", { name: "Record stance" }).click();
    await page.getByRole("status").filter({ hasText: "Stance recorded." }).waitFor();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => row.locator("td.count").innerText()).toBe("1 partner, threshold 4\n3 more needed");
    expect(await cellAt(page, cell).textContent()).toBe("Endorsed");
    expect(await focused(page)).toBe(cell);
    expect(page.url()).toBe(urlBefore);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("no reload");

    // The 501(c)(3)'s column: the refusal (F1) is said in the editor and in the cell.
    await page.keyboard.press("Home");
    for (let i = 0; i < c3; i++) await page.keyboard.press("ArrowRight");
    const c3cell = await focused(page);
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: /^Stance/ }).selectOption("endorsed");
    await dialog.getByRole("button", { name: "Record stance" }).click();
    await dialog.getByText(/F1/).first().waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe(c3cell);
    expect(c3cell).toBe(`cell:1,${c3}`);
    await expect.poll(() => cellAt(page, c3cell).textContent()).toMatch(/Refused: .*F1/);
    expect(await row.locator("td.count").innerText()).toBe("1 partner, threshold 4\n3 more needed");
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("no reload");
    await page.screenshot({ path: `${SHOTS}/matrix-1280.png`, fullPage: true });
    expect(await axe(page)).toEqual([]);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);

    // The CSV keeps the filters.
    const csv = await page.evaluate(async (href) => {
      const res = await fetch(href);
      return { type: res.headers.get("content-type"), text: await res.text() };
    }, (await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"))!);
    expect(csv.type).toBe("text/csv; charset=utf-8");
    expect(csv.text).toContain("Quinn Okonkwo-Matrix");
    expect(csv.text).not.toContain("Yvonne Szabo");
    expect(problems).toEqual([]);
  });

  it("at 390 px: the representative's own column comes first, the grid scrolls inside its box, the page does not", async () => {
    const { page, problems } = await session.page({ viewport: { width: 390, height: 844 } });
    await signIn(page, baseURL, "rep@demo.coalition.test");
    await page.goto(`${baseURL}/tables/1/matrix`);
    await page.getByRole("heading", { level: 1, name: "Endorsement matrix" }).waitFor();
    const first = page.locator("table.mx thead th").nth(2);
    expect(await first.textContent()).toBe("KA (you)");
    expect(await page.getByText("Your partner's column (KA) comes first.").isVisible()).toBe(true);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    const box = page.locator(".matrix-scroll");
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

    // sticky: scrolled sideways and down, the candidate column and the partner headers stay put
    const before = await page.locator("table.mx tbody th").first().boundingBox();
    await box.evaluate((el) => el.scrollTo({ left: 600, top: 400 }));
    const header = await page.locator("table.mx thead th").nth(4).boundingBox();
    const boxTop = (await box.boundingBox())!.y;
    expect(Math.abs(header!.y - boxTop)).toBeLessThan(3);
    const rowHeader = page.locator("table.mx tbody th").nth(12);
    expect(Math.abs((await rowHeader.boundingBox())!.x - before!.x)).toBeLessThan(2);
    await box.evaluate((el) => el.scrollTo({ left: 0, top: 0 }));

    // another partner's cell opens nothing for the rep; its own column's cell opens the editor
    await page.locator("table.mx [tabindex='0']").waitFor(); // hydrated: the grid answers clicks
    const firstRow = page.locator("table.mx tbody tr").first();
    await firstRow.locator("td").nth(2).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.isVisible()).toBe(false);
    await firstRow.locator("td").nth(1).click();
    await dialog.waitFor();
    expect(await dialog.getByRole("heading", { level: 2 }).textContent()).toMatch(/^KA on /);
    expect(await noPageScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/matrix-dialog-390.png` });
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("cell:1,2");
    await page.screenshot({ path: `${SHOTS}/matrix-390.png`, fullPage: true });
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("without JavaScript: a row's 'Record a stance' link opens the server's editor, whose form posts and redirects", async () => {
    const { page, problems } = await session.page({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    await signIn(page, baseURL, "rep@demo.coalition.test");
    await page.goto(`${baseURL}/tables/1/matrix?q=szabo`);
    const row = page.locator("table.mx tbody tr", { hasText: "Yvonne Szabo" });
    await row.getByRole("link", { name: "Record a stance" }).click();
    await page.waitForURL(/cell=\d+/);
    const editor = page.getByRole("region", { name: "KA on Yvonne Szabo" });
    await editor.waitFor();
    const stance = editor.getByRole("combobox", { name: /^Stance/ });
    const choice = (await stance.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).find((v) => v && v !== "withdrawn")!;
    await stance.selectOption(choice);
    await editor.getByRole("button", { name: "Record stance" }).click();
    await page.waitForURL(/recorded=\d+/);
    expect(new URL(page.url()).searchParams.get("q")).toBe("szabo");
    await page.getByRole("status").filter({ hasText: "Stance recorded." }).waitFor();
    expect(await row.locator("td").nth(1).textContent()).toBe({ considering: "Considering", endorsed: "Endorsed", declined: "Declined" }[choice]);
    await page.screenshot({ path: `${SHOTS}/matrix-nojs-1280.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
