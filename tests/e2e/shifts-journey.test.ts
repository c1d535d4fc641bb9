import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { formatDate } from "../../app/domain/dates";
import { utcToLocal } from "../../app/domain/zoned-time";
import { signIn } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const shots = SHOTS;
const ZONE = "America/New_York"; // the demo program's race is PA-07

/**
 * An affiliate lead (Lee Lead, Kestrel Action Pennsylvania) schedules a joint shift with a
 * co-host affiliate on the demo program, signs up two volunteers, records results after it
 * starts, and the program's results (table and chart) show them. On a phone-width screen.
 */
describe("an affiliate lead runs a joint shift from scheduling to results", () => {
  const session = useBrowser();
  let page: Page;
  let problems: string[];
  const baseURL = inject("baseURL");

  beforeAll(async () => {
    ({ page, problems } = await session.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }));
  });

  it("runs the whole journey", async () => {
    await signIn(page, baseURL, "lead@demo.coalition.test");
    await page.goto(`${baseURL}/`);
    await page.getByRole("link", { name: "Demo Federal Table" }).click();
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "My affiliate" }).click();
    await page.getByRole("heading", { level: 1, name: "My affiliate" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /Kestrel Action Pennsylvania/ }).waitFor();
    await page.getByRole("link", { name: /Oyelaran/ }).first().click();
    await page.getByRole("heading", { level: 1, name: /^Shifts: / }).waitFor();
    const shiftsUrl = page.url();

    // A shift that started an hour ago and ends in two, typed in the race's zone.
    const now = Date.now();
    const startsLocal = utcToLocal(new Date(now - 3_600_000), ZONE);
    const endsLocal = utcToLocal(new Date(now + 2 * 3_600_000), ZONE);
    const form = page.getByRole("region", { name: "Schedule a shift" });

    // Bad input first: an end before the start is an error next to the field; what was typed stays.
    await form.getByLabel(/^Title/).fill("Joint doors, Allentown");
    await form.getByLabel(/^Starts/).fill(startsLocal);
    await form.getByLabel(/^Ends/).fill(startsLocal);
    await form.getByLabel(/^Place/).fill("Union hall, 12 Main St, Allentown");
    await form.getByRole("button", { name: "Schedule", exact: true }).click();
    await form.getByText("The end must be after the start.").waitFor();
    expect(await form.getByLabel(/^Title/).inputValue()).toBe("Joint doors, Allentown");

    await form.getByLabel(/^Ends/).fill(endsLocal);
    await form.getByLabel(/^Tidewater Climate Action Lehigh Valley/).check();
    await form.getByLabel(/^Capacity/).fill("8");
    await form.getByRole("button", { name: "Schedule", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Joint doors, Allentown" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Shift scheduled." }).waitFor();
    expect(await page.locator("dl.facts").textContent()).toContain("Tidewater Climate Action Lehigh Valley");

    // Two volunteers, credited to the lead's affiliate.
    for (const [name, email] of [
      ["Marisol Ortega", "marisol.ortega@example.org"],
      ["Jonah Fisher", "jonah.fisher@example.org"],
    ]) {
      const signup = page.getByRole("region", { name: "Sign up a volunteer" });
      await signup.getByLabel(/^Volunteer name/).fill(name);
      await signup.getByLabel(/^Email/).fill(email);
      await signup.getByRole("button", { name: "Sign up" }).click();
      await page.locator(".signup-list li", { hasText: name }).waitFor();
    }
    expect(await page.locator("dl.facts").textContent()).toContain("2 of 8");

    // Results after the shift has started.
    const record = page.getByRole("region", { name: "Record results" });
    await record.getByLabel(/^Doors knocked/).fill("42");
    await record.getByLabel(/^Conversations/).fill("13");
    await record.getByRole("button", { name: "Save results" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const shiftRow = page.getByRole("region", { name: "Results", exact: true }).locator("tbody tr", { hasText: "Kestrel Action Pennsylvania" });
    expect(await shiftRow.textContent()).toContain("42");
    await page.screenshot({ path: `${shots}/shift.png`, fullPage: true });

    // The program's shifts list: the new shift among the upcoming ones, also with "Only my affiliate's shifts";
    // results are on the program's page (the shifts list is paged and filtered, issue 11).
    await page.goto(shiftsUrl);
    const today = formatDate(utcToLocal(new Date(now - 3_600_000), ZONE).slice(0, 10));
    const list = page.getByRole("region", { name: "Upcoming shifts" });
    await list.getByRole("link", { name: "Joint doors, Allentown" }).waitFor();
    await page.getByLabel("Only my affiliate's shifts").check();
    await page.getByRole("button", { name: "Show shifts" }).click();
    await page.waitForURL(/mine=1/);
    await list.getByRole("link", { name: "Joint doors, Allentown" }).waitFor();
    expect(await page.getByText(/shown of [\d,]+ shifts/).isVisible()).toBe(true);

    // The program's own page shows the results and the chart: the day's row and the affiliate's row include them.
    await page.goto(shiftsUrl.replace(/\/shifts$/, ""));
    const overview = page.getByRole("region", { name: "Goals against results" });
    await overview.getByTestId("results-by-day-chart").locator("svg").first().waitFor();
    expect((await overview.getByRole("table", { name: "Results per day" }).locator("tbody tr", { hasText: today }).locator("td").allTextContents()).slice(0, 2)).toEqual(["42", "13"]);
    const affRow = overview.getByRole("table", { name: "Results per affiliate" }).locator("tbody tr", { hasText: "Kestrel Action Pennsylvania" });
    expect(Number((await affRow.locator("td").first().textContent())!.replace(/,/g, ""))).toBeGreaterThanOrEqual(42);
    expect(await overview.getByText(/Doorknocking: [\d,]+ of [\d,]+ doors knocked/).isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}/program-page.png`, fullPage: true });
    await page.goto(shiftsUrl);

    // Usable at phone width: nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${shots}/program-shifts.png`, fullPage: true });

    // The week view shows it on its day.
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Week" }).click();
    await page.getByRole("heading", { level: 1, name: /^Week of / }).waitFor();
    expect(await page.getByRole("link", { name: "Joint doors, Allentown" }).count()).toBeGreaterThan(0);

    // A calendar feed for the affiliate's volunteers: subscribable without signing in, revocable.
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "My affiliate" }).click();
    await page.getByRole("button", { name: "Make a feed URL" }).click();
    const feedUrl = (await page.locator("code.copy-link").textContent())!.trim();
    expect(feedUrl).toMatch(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const ics = await fetch(feedUrl);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const body = await ics.text();
    expect(body).toContain("BEGIN:VCALENDAR\r\n");
    expect(body.replace(/\r\n /g, "")).toContain("SUMMARY:Joint doors\\, Allentown");
    expect(body).not.toContain("marisol.ortega@example.org");
    await page.getByRole("button", { name: "Revoke" }).first().click();
    await page.waitForURL(/revoked/);
    expect((await fetch(feedUrl)).status).toBe(404);

    expect(problems).toEqual([]);
  });
});
