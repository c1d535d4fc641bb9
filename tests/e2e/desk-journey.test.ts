import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const shots = SHOTS;

/** Calendar dates as the server reads them (UTC, app/utils/clock.server.ts). */
function utcDate(offsetDays = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

describe("the facilitator's desk: an agenda drafted from the table's state, a decision, an action item that goes overdue", () => {
  const session = useBrowser();
  let page: Page;
  let problems: string[];
  const baseURL = inject("baseURL");

  beforeAll(async () => {
    ({ page, problems } = await session.page({ viewport: { width: 1280, height: 900 } }));
  });

  it("runs the whole journey", async () => {
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    await page.goto(`${baseURL}/tables/1`);
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Meetings" }).click();
    await page.getByRole("heading", { level: 1, name: "Meetings" }).waitFor();

    // A meeting with no date: the error sits next to the field, what was typed stays, nothing is made.
    const form = page.getByRole("region", { name: "New meeting" });
    await form.getByLabel("Title").fill("December table meeting");
    await form.getByRole("button", { name: "Create meeting" }).click();
    await form.getByText("Date is required.").waitFor();
    expect(await form.getByLabel("Title").inputValue()).toBe("December table meeting");
    expect(await page.getByRole("link", { name: "December table meeting" }).count()).toBe(0);

    await form.getByLabel(/^Date( \*)?$/).fill(utcDate(7));
    await form.getByLabel(/^Time( \*)?$/).fill("19:00");
    await form.getByRole("button", { name: "Create meeting" }).click();
    await page.getByRole("heading", { level: 1, name: "December table meeting" }).waitFor();
    expect(await page.getByText("7:00 PM EST").count()).toBeGreaterThan(0);

    // Draft the agenda from the table's state: the demo table has races nearing critical mass and a split race.
    await page.getByRole("button", { name: "Draft from the table's state" }).click();
    await page.getByText(/items added from the table's state/).waitFor();
    const items = page.getByTestId("agenda-item");
    expect(await items.count()).toBeGreaterThan(1);
    const titles = (await items.allTextContents()).join("\n");
    expect(titles).toMatch(/Nearing critical mass: /);
    expect(titles).toMatch(/Split race: /);
    await page.screenshot({ path: `${shots}/desk-agenda.png`, fullPage: false });

    // A decision, with the partners that took part.
    const decision = page.getByRole("region", { name: "Record a decision" });
    await decision.getByLabel(/^Decision( \*)?$/).fill("Hold a joint organizing call for the split race's endorsers");
    await decision.getByLabel("KA", { exact: true }).check();
    await decision.getByLabel("BVA", { exact: true }).check();
    await decision.getByRole("button", { name: "Record decision" }).click();
    await page.getByTestId("decision").filter({ hasText: "Hold a joint organizing call" }).waitFor();
    expect(await page.getByTestId("decision").filter({ hasText: "Hold a joint organizing call" }).textContent()).toContain("taking part: BVA, KA");

    // An action item with no owner is refused next to the field; then one due today, and one whose date has passed.
    const action = page.getByRole("region", { name: "Add an action item" });
    await action.getByLabel(/^Action( \*)?$/).fill("Send the turf list to the affiliates");
    await action.getByLabel("Due date").fill(utcDate(-1));
    await action.getByRole("button", { name: "Add action item" }).click();
    await action.getByText(/An action item needs an owner/).waitFor();
    expect(await action.getByLabel(/^Action( \*)?$/).inputValue()).toBe("Send the turf list to the affiliates");
    await action.getByLabel("Owner").selectOption({ label: "KA: Kestrel Action" });
    await action.getByRole("button", { name: "Add action item" }).click();
    const overdueRow = page.getByTestId("action-item").filter({ hasText: "Send the turf list to the affiliates" });
    await overdueRow.waitFor();
    expect(await overdueRow.textContent()).toContain("Overdue");

    await action.getByLabel(/^Action( \*)?$/).fill("Book the room for the joint call");
    await action.getByLabel("Owner").selectOption({ label: "BVA: Bramblewood Voters Alliance" });
    await action.getByLabel("Due date").fill(utcDate(0));
    await action.getByRole("button", { name: "Add action item" }).click();
    const todayRow = page.getByTestId("action-item").filter({ hasText: "Book the room for the joint call" });
    await todayRow.waitFor();
    expect(await todayRow.textContent()).not.toContain("Overdue");

    // The printed agenda and notes leave the forms out.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("region", { name: "Add an action item" }).isVisible()).toBe(false);
    expect(await items.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });

    // Usable at phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${shots}/desk-meeting-phone.png`, fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The health page: the item whose date has passed is overdue; the one due today is not yet.
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Health" }).click();
    await page.getByRole("heading", { level: 1, name: "Health of the table" }).waitFor();
    const overdue = page.getByTestId("overdue-list");
    await overdue.getByText("Send the turf list to the affiliates").waitFor();
    expect(await overdue.textContent()).toMatch(/KA.*overdue/s);
    expect(await overdue.textContent()).not.toContain("Book the room for the joint call");
    await page.getByTestId("overdue-chart").locator("svg").first().waitFor();
    await page.getByTestId("attendance-chart").locator("svg").first().waitFor();
    await page.screenshot({ path: `${shots}/desk-health.png`, fullPage: false });

    // The same as lists, for those who would rather read.
    await page.getByRole("link", { name: "Show as lists" }).click();
    await page.waitForURL(/view=list/);
    await expect.poll(() => page.getByTestId("overdue-chart").count()).toBe(0);
    await page.getByTestId("overdue-list").getByText("Send the turf list to the affiliates").waitFor();

    expect(problems).toEqual([]);
  });
});
