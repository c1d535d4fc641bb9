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
const PREVIOUS = "Federal table, 2026 cycle (demo)";
const LESSON = "Book the union hall for the canvass launch before the filing deadline.";

async function previousTable(page: Page, baseURL: string): Promise<string> {
  await page.goto(`${baseURL}/`);
  const href = await page.getByRole("link", { name: PREVIOUS }).getAttribute("href");
  return new URL(href ?? "/", baseURL).pathname;
}

async function check(page: Page, shot: string) {
  expect(await axe(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
}

describe("what the table learned (issue 16): lessons, margin against timing, a person under another name", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("at 1280 px: the facilitator adds a lesson on the 2026 review and finds it on the 2028 table's race page", async () => {
    const { page, problems } = await session.page({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    const table = await previousTable(page, baseURL);
    await page.goto(`${baseURL}${table}/review`);
    await page.getByRole("heading", { level: 1, name: "Cycle review" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Margin against timing and strength" }).waitFor();
    expect(await page.getByRole("table", { name: "Margin by days from critical mass to the election" }).textContent()).toMatch(/No sub-table/);

    // a lesson without words is refused by the field, keeping the choices
    const form = page.getByRole("form", { name: "Add a lesson" });
    await form.getByLabel("Race").selectOption({ label: "U.S. House, PA-07 (Marisol Vance)" });
    await form.getByLabel("About").selectOption("race");
    await form.getByRole("button", { name: "Add the lesson" }).click();
    await form.getByText("Lesson is required.").waitFor();
    await form.getByRole("textbox", { name: /^Lesson/ }).fill(LESSON);
    await form.getByLabel("Where it came from").selectOption("research");
    await form.getByRole("button", { name: "Add the lesson" }).click();
    await page.locator("ul.lessons > li > p").getByText(LESSON).waitFor();
    await check(page, "lessons-review");

    // the 2028 table's PA-07 shows it, with where it came from
    await page.goto(`${baseURL}/tables/1/races`);
    await page.getByRole("link", { name: /^U\.S\. House, PA-07/ }).first().click();
    const earlier = page.getByRole("region", { name: "Lessons from earlier cycles" });
    await earlier.waitFor();
    expect(await earlier.textContent()).toMatch(new RegExp(`Lesson from the 2026 cycle review.*${LESSON.slice(0, 30)}`));
    await check(page, "lessons-next-cycle-race");
    expect(problems).toEqual([]);
  });

  it("at 390 px: the facilitator reads the review's charts, a returning candidate's lessons, and finds a person under another name", async () => {
    const { page, problems } = await session.page({ viewport: { width: 390, height: 844 } });
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    const table = await previousTable(page, baseURL);
    await page.goto(`${baseURL}${table}/review`);
    await page.getByRole("heading", { level: 2, name: "Lessons" }).waitFor();
    await check(page, "lessons-review-390");

    // Marcus Ilori's 2028 candidacy: the lesson about him from 2026, and his other name
    await page.goto(`${baseURL}/tables/1/races`);
    await page.getByRole("link", { name: /^U\.S\. House, PA-03/ }).first().click();
    await page.getByRole("link", { name: "Marcus Ilori" }).first().click();
    const lessons = page.getByRole("region", { name: "Lessons from earlier races" });
    await lessons.waitFor();
    expect(await lessons.textContent()).toMatch(/Lesson from the 2026 cycle review/);
    await check(page, "lessons-candidate-390");
    await page.getByRole("link", { name: /Across cycles/ }).click();
    await page.getByRole("region", { name: "Other names" }).getByText("Marc Ilori").waitFor();
    // search under a name: type a nickname of nobody, then a real name
    await page.getByRole("search", { name: "Find this person under another name" }).getByLabel("Name").fill("Marisol");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText(/Marisol Vance · 2026/).waitFor();
    await check(page, "lessons-person-search-390");
    expect(problems).toEqual([]);
  });
});
