import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn, watchForErrors } from "./browser";

const shots = "tests/e2e/.artifacts";

describe("facilitator builds a profile and partners reach critical mass from the matrix", () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const baseURL = inject("baseURL");

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    problems = watchForErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("runs the whole journey", async () => {
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    await page.goto(`${baseURL}/`);
    await page.getByRole("link", { name: "Demo Federal Table" }).click();
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Races" }).click();
    await page.waitForURL(/\/races$/);

    // A new race, so this journey owns its candidate.
    const addRace = page.getByRole("region", { name: "Add a race" });
    await addRace.getByLabel("State").fill("OR");
    await addRace.getByLabel("District").fill("5");
    await addRace.getByLabel("Primary date").fill("2028-05-16");
    await addRace.getByLabel("General election date").fill("2028-11-07");
    await addRace.getByRole("button", { name: "Add race" }).click();
    await page.getByRole("heading", { level: 1, name: "U.S. House, OR-05" }).waitFor();

    // Bad input first: the error sits next to the field and what was typed stays.
    const addCandidate = page.getByRole("region", { name: "Add a candidate" });
    await addCandidate.getByLabel("Party").fill("Working Families");
    await addCandidate.getByLabel("Website").fill("not a url");
    await addCandidate.getByRole("button", { name: "Create profile" }).click();
    await expect.poll(() => addCandidate.locator(".field-error").count()).toBeGreaterThan(0);
    expect(await addCandidate.getByText("Name is required.").isVisible()).toBe(true);
    expect(await addCandidate.getByText(/Website must be a web address/).isVisible()).toBe(true);
    expect(await addCandidate.getByLabel("Party").inputValue()).toBe("Working Families");

    await addCandidate.getByLabel("Name").fill("Robin Castellano");
    await addCandidate.getByLabel("Party").fill("Democratic");
    await addCandidate.getByLabel("Website").fill("https://example.com/castellano");
    await addCandidate.getByRole("button", { name: "Create profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Robin Castellano" }).waitFor();
    const profileUrl = page.url();

    // A research note from a public source: URL and capture date.
    const addItem = page.getByRole("form", { name: "Add a note or figure" });
    await addItem.getByLabel("Text").fill("Led the county's housing trust fund campaign in 2024.");
    await addItem.getByLabel("Where it came from").selectOption("public");
    await addItem.getByLabel("Source URL").fill("https://example.com/news/housing-trust");
    await addItem.getByLabel("Date captured").fill("2026-11-20");
    await addItem.getByRole("button", { name: "Add to profile" }).click();
    const note = page.locator(".item-list li", { hasText: "housing trust fund" });
    await note.waitFor();
    expect(await note.textContent()).toContain("Public");
    expect(await note.textContent()).toContain("example.com/news/housing-trust");
    await page.screenshot({ path: `${shots}/profile.png`, fullPage: true });

    // Four partners endorse, one by one, from the matrix cell.
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Matrix" }).click();
    // the matrix offers the races of the chosen state (issue 11: bounded lists): a state first
    await page.getByLabel("State").selectOption("OR");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/state=OR/);
    await page.getByLabel("Race").selectOption({ label: "U.S. House, OR-05" });
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/race=\d+/);
    const headers = await page.locator("table.matrix thead abbr").evaluateAll((els) =>
      els.map((e) => ({ short: e.textContent ?? "", title: e.getAttribute("title") ?? "" })),
    );
    const endorsers = headers.filter((h) => !h.title.includes("501(c)(3)")).slice(0, 4).map((h) => h.short);
    expect(endorsers).toHaveLength(4);

    for (const [i, short] of endorsers.entries()) {
      await page.getByRole("link", { name: new RegExp(`^${short} on Robin Castellano: no stance`) }).click();
      const editor = page.getByRole("region", { name: `${short} on Robin Castellano` });
      await editor.waitFor();
      await editor.getByRole("combobox", { name: /^Stance/ }).selectOption("endorsed");
      await editor.getByLabel("Deciding body").fill(`${short} political committee`);
      await editor.getByRole("button", { name: "Record stance" }).click();
      await page.getByRole("status").filter({ hasText: "Stance recorded." }).waitFor();
      await expect.poll(() => page.locator("table.matrix tbody tr", { hasText: "Robin Castellano" }).locator(".count-of").textContent()).toBe(`${i + 1} of 4`);
    }
    const formed = page.getByRole("status").filter({ hasText: "a sub-table has formed" });
    await formed.waitFor();
    await page.screenshot({ path: `${shots}/matrix.png`, fullPage: true });
    await formed.getByRole("link", { name: "Open the sub-table" }).click();
    await page.getByRole("heading", { level: 1, name: "Sub-table for Robin Castellano" }).waitFor();
    const members = await page.getByRole("list", { name: "Current members" }).locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-partner")));
    expect(members.sort()).toEqual([...endorsers].sort());
    expect(await page.getByText("At critical mass").first().isVisible()).toBe(true);
    const subTableUrl = page.url();

    // One withdraws: the sub-table stays, marked below critical mass.
    await page.goto(`${profileUrl.replace(/\/candidates\/\d+$/, "")}/matrix?race=${new URL(page.url()).searchParams.get("race") ?? ""}`);
    // the matrix offers the races of the chosen state (issue 11: bounded lists): a state first
    await page.getByLabel("State").selectOption("OR");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/state=OR/);
    await page.getByLabel("Race").selectOption({ label: "U.S. House, OR-05" });
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/race=\d+/);
    await page.getByRole("link", { name: new RegExp(`^${endorsers[0]} on Robin Castellano: Endorsed`) }).click();
    const editor = page.getByRole("region", { name: `${endorsers[0]} on Robin Castellano` });
    await editor.getByRole("combobox", { name: /^Stance/ }).selectOption("withdrawn");
    await editor.getByLabel("Note", { exact: true }).fill("Board reconsidered after the candidate's forum answers.");
    await editor.getByRole("button", { name: "Record stance" }).click();
    await page.getByRole("status").filter({ hasText: "left the candidate's sub-table" }).waitFor();

    await page.goto(subTableUrl);
    await page.getByRole("heading", { level: 1, name: "Sub-table for Robin Castellano" }).waitFor();
    expect(await page.getByText("Below critical mass", { exact: true }).first().isVisible()).toBe(true);
    const after = await page.getByRole("list", { name: "Current members" }).locator("li").count();
    expect(after).toBe(3);
    await page.screenshot({ path: `${shots}/sub-table.png`, fullPage: true });

    expect(problems).toEqual([]);
  });
});
