import { describe, expect, inject, it } from "vitest";
import { signIn, watchForErrors } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const shots = SHOTS;

describe("F4 and F5 in the browser: counsel keeps the wall roster; a vendor use without its policy is refused", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("counsel adds a party-service wall for a person; a bad end date is a field error; the roster shows the entry in force", async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await signIn(page, baseURL, "counsel@demo.coalition.test");
    await page.goto(`${baseURL}/tables/1/firewall/walls`);
    await page.getByRole("heading", { level: 1, name: "Wall roster" }).waitFor();
    // the seeded entry of Kestrel Action's roster
    await page.locator("tbody tr", { hasText: "Jamie Ortega" }).waitFor();

    const form = page.locator("section", { has: page.getByRole("heading", { name: "Add an entry" }) });
    await form.getByLabel("Name (if not in the app)").fill("Morgan Reyes");
    await form.getByLabel("Email (if not in the app)").fill("morgan.reyes@example.org");
    await form.getByLabel("Reason").selectOption("party_service");
    await form.getByLabel("Served for").fill("County Party Executive Committee");
    await form.getByLabel("Start date").fill("2026-03-01");
    await form.getByLabel("Last date of service").fill("2026-02-01");
    await form.getByLabel("Evidence").fill("Committee minutes, March 2026");
    await form.getByRole("button", { name: "Add to the roster" }).click();
    // end before start: the message next to the field, the values kept, nothing written
    await page.getByText("The last date of service cannot be before the start.").waitFor();
    expect(await page.locator("tbody tr", { hasText: "Morgan Reyes" }).count()).toBe(0);
    expect(await form.getByLabel("Name (if not in the app)").inputValue()).toBe("Morgan Reyes");

    await form.getByLabel("Last date of service").fill("");
    await form.getByRole("button", { name: "Add to the roster" }).click();
    const row = page.locator("tbody tr", { hasText: "Morgan Reyes" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Party committee service");
    expect(await row.textContent()).toContain("In force");
    expect(await row.textContent()).toContain("While serving");
    expect(await row.textContent()).toContain("Committee minutes, March 2026");
    expect(await form.getByLabel("Name (if not in the app)").inputValue(), "the saved form is cleared").toBe("");
    await page.screenshot({ path: `${shots}/walls.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("F5: a representative's use of a vendor that served a candidate in the race 31 days earlier, without a policy, is refused at the vendor field", async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await signIn(page, baseURL, "rep@demo.coalition.test");
    await page.goto(`${baseURL}/tables/1/firewall/vendors`);
    await page.getByRole("heading", { level: 2, name: "Keystone Mail Works" }).waitFor();
    const form = page.locator("section", { has: page.getByRole("heading", { name: "Record a use" }) });
    await form.getByLabel("Vendor").selectOption({ label: "Keystone Mail Works" });
    await form.getByLabel("Race").selectOption({ label: "U.S. House, PA-03" });
    await form.getByLabel("From date").fill("2026-12-01");
    await form.getByRole("button", { name: "Record use" }).click();
    await form.getByText(/its own written firewall policy must be on file/).waitFor();
    expect(await page.getByText("No uses recorded.").count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("F3: the facilitator logs a contact where plans were discussed, and is told who is now walled", async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await signIn(page, baseURL, "facilitator@demo.coalition.test");
    await page.goto(`${baseURL}/tables/1/firewall/contacts`);
    await page.getByRole("heading", { level: 1, name: "Campaign contact log" }).waitFor();
    const form = page.locator("section", { has: page.getByRole("heading", { name: "Log a contact" }) });
    await form.getByLabel("Topic").fill("Volunteer training dates");
    await form.getByRole("button", { name: "Save contact" }).click();
    // no date, no attendee: both said at their fields, nothing written
    await form.getByText("A contact needs at least one attendee", { exact: false }).waitFor();
    await form.getByText("Date of the contact is required.").waitFor();
    expect(await form.getByLabel("Topic").inputValue()).toBe("Volunteer training dates");

    await form.getByLabel("Race").selectOption({ label: "U.S. House, PA-03" });
    await form.getByLabel("Date of the contact").fill("2026-11-18");
    await form.getByLabel("plans, projects, activities or needs", { exact: false }).check();
    await form.getByLabel("Other attendees").fill("Riley Quinn <riley.quinn@example.org>");
    await form.getByRole("button", { name: "Save contact" }).click();
    await page.getByText("1 person is now walled from independent-side work in that race until the general election.").waitFor();
    const row = page.locator("tbody tr", { hasText: "Volunteer training dates" });
    expect(await row.textContent()).toContain("Riley Quinn");
    expect(await row.textContent()).toContain("Yes: walled until");
    await page.screenshot({ path: `${shots}/contacts.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
