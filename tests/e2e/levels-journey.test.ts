import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { useBrowser } from "./use-browser";

/**
 * Issue 13 in the browser. The demo facilitator adds a Chicago ward race at the municipal
 * table (a refusal first, next to its field) and a Minnesota House 34A race at the
 * state-legislative table; an out-of-state lead (Lee Lead, of the Northwest Indiana chapter)
 * schedules a virtual phonebank on the Ward 5 program, and its meeting link is shown to him,
 * not to another partner's representative at the table. At 1280 and 390 px, no page-wide
 * horizontal scroll and no serious or critical axe violation.
 */

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA rules on the page as it stands: the serious and critical violations. */
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

describe("every level: races named as their level names them; a phonebank across a state line", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("at 1280 px: the facilitator adds a Chicago ward race (after a refusal) and a Minnesota House 34A race", async () => {
    const { page, problems } = await session.page({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseURL, "facilitator@demo.coalition.test");

    await openTable(page, baseURL, "Chicagoland Municipal Table 2027", "Races");
    await page.getByRole("heading", { level: 1, name: "Races" }).waitFor();
    expect(await page.getByRole("link", { name: "City Council, Chicago, IL, Ward 5" }).count()).toBe(1);
    const form = page.getByRole("region", { name: "Add a race" });
    await form.getByLabel(/^Office/).fill("City Council");
    await form.getByLabel(/^State/).fill("IL");
    await form.getByLabel(/^Government/).selectOption("city");
    await form.getByLabel(/^City or county/).fill("Chicago");
    await form.getByLabel("Seat", { exact: true }).selectOption("ward");
    await form.getByLabel("Primary", { exact: true }).selectOption("none");
    await form.getByLabel(/^General election date/).fill("2027-02-23");
    await form.getByLabel(/^Runoff date/).fill("2027-04-06");
    await form.getByRole("button", { name: "Add race" }).click();
    // a ward seat without its ward: the message is next to the field, what was typed stays
    await form.getByText("Give the ward, like 5 or 12B.").waitFor();
    expect(await form.getByLabel(/^City or county/).inputValue()).toBe("Chicago");
    await page.screenshot({ path: "/tmp/levels-ward-refused-1280.png", fullPage: true });
    await form.getByLabel(/^Ward or district/).fill("Ward 12");
    await form.getByRole("button", { name: "Add race" }).click();
    await page.getByRole("heading", { level: 1, name: "City Council, Chicago, IL, Ward 12" }).waitFor();
    const facts = (await page.locator("dl.facts").textContent()) ?? "";
    expect(facts).toContain("Chicago");
    expect(facts).toContain("No primary");
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/levels-ward-race-1280.png", fullPage: true });

    await openTable(page, baseURL, "Statehouse Table 2028", "Races");
    const leg = page.getByRole("region", { name: "Add a race" });
    await leg.getByLabel(/^Office/).fill("Minnesota House");
    await leg.getByLabel(/^State/).fill("MN");
    await leg.getByLabel(/^Chamber/).selectOption("lower");
    await leg.getByLabel(/^District/).fill("34a");
    await leg.getByLabel(/^Primary date/).fill("2028-08-08");
    await leg.getByLabel(/^General election date/).fill("2028-11-07");
    expect(await seriousAxe(page)).toEqual([]);
    await leg.getByRole("button", { name: "Add race" }).click();
    await page.getByRole("heading", { level: 1, name: "Minnesota House, MN district 34A" }).waitFor();
    expect(await page.locator("dl.facts").textContent()).toContain("Lower chamber");
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: "/tmp/levels-34a-race-1280.png", fullPage: true });
    expect(problems).toEqual([]);
  });

  it("at 390 px: an Indiana lead schedules a virtual phonebank for Chicago's Ward 5; its link is his, not another partner's representative's", async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const { page, problems } = await session.page(phone);
    await signIn(page, baseURL, "lead@demo.coalition.test");
    await openTable(page, baseURL, "Chicagoland Municipal Table 2027", "Field");
    await page.getByRole("heading", { level: 1, name: "Field programs" }).waitFor();
    await page.getByRole("link", { name: "Ward 5 field program" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Ward 5 field program" }).waitFor();
    const programUrl = page.url().split("?")[0].replace(/\/$/, "");
    await page.goto(`${programUrl}/shifts`);
    const form = page.getByRole("region", { name: "Schedule a shift" });
    await form.getByLabel(/^Work type/).selectOption("phonebank");
    await form.getByLabel(/^Title/).fill("Indiana calls Ward 5");
    await form.getByLabel(/^Starts/).fill("2027-01-16T18:00");
    await form.getByLabel(/^Ends/).fill("2027-01-16T20:00");
    await form.getByLabel(/^Call link/).fill("https://meet.example.org/ward5-calls");
    expect(await form.getByLabel(/^Host affiliate/).locator("option:checked").textContent()).toContain("Northwest Indiana");
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousAxe(page)).toEqual([]);
    await form.getByRole("button", { name: "Schedule", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Indiana calls Ward 5" }).waitFor();
    const shiftUrl = page.url().split("?")[0];
    expect(await page.getByRole("link", { name: "Meeting link" }).getAttribute("href")).toBe("https://meet.example.org/ward5-calls");
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/levels-virtual-shift-host-390.png", fullPage: true });
    expect(problems).toEqual([]);

    // Kestrel Action's representative sits at the table, hosts nothing here and recruited no one
    const other = await session.page(phone);
    await signIn(other.page, baseURL, "rep@demo.coalition.test");
    await other.page.goto(shiftUrl);
    await other.page.getByRole("heading", { level: 1, name: "Indiana calls Ward 5" }).waitFor();
    await other.page.getByText("Virtual: the link is for its hosts and recruiters").first().waitFor();
    expect(await other.page.content()).not.toContain("meet.example.org");
    expect(await overflow(other.page)).toBeLessThanOrEqual(1);
    await other.page.screenshot({ path: "/tmp/levels-virtual-shift-other-390.png", fullPage: true });
    expect(other.problems).toEqual([]);
  });
});
