import { describe, expect, inject, it } from "vitest";
import fs from "node:fs";
import { signIn, watchForErrors } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const shots = SHOTS;

describe("F2 and F10 in the browser: a c4's representative is walled from campaign notes, and its counsel sees and exports the attempt", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("withholds, says so, logs it, and exports the log", async () => {
    // The representative of Kestrel Action (a 501(c)(4)) opens a profile holding a campaign note.
    const repContext = await session.browser.newContext();
    const rep = await repContext.newPage();
    const problems = watchForErrors(rep);
    await signIn(rep, baseURL, "rep@demo.coalition.test");
    await rep.goto(`${baseURL}/tables/1/matrix`);
    await rep.getByRole("link", { name: "Curtis Blanchard", exact: true }).click();
    await rep.getByRole("heading", { level: 1, name: "Curtis Blanchard" }).waitFor();
    const notice = rep.getByTestId("withheld-notice");
    expect(await notice.textContent()).toMatch(/1 note from the campaign is withheld under your firewall \(rule F2\)/);
    expect(await rep.content()).not.toContain("bus tour");
    await rep.screenshot({ path: `${shots}/withheld.png`, fullPage: false });
    expect(problems).toEqual([]);
    await repContext.close();

    // The facilitator, neutral staff, sees the note.
    const facContext = await session.browser.newContext();
    const fac = await facContext.newPage();
    await signIn(fac, baseURL, "facilitator@demo.coalition.test");
    await fac.goto(`${baseURL}/tables/1/matrix`);
    await fac.getByRole("link", { name: "Curtis Blanchard", exact: true }).click();
    await fac.getByText(/bus tour/).first().waitFor();
    await facContext.close();

    // Kestrel Action's counsel finds the attempt in the audit trail and exports it.
    const counselContext = await session.browser.newContext({ acceptDownloads: true });
    const counsel = await counselContext.newPage();
    await signIn(counsel, baseURL, "counsel@demo.coalition.test");
    await counsel.goto(`${baseURL}/tables/1`);
    await counsel.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Audit" }).click();
    await counsel.getByRole("heading", { level: 1, name: "Audit trail" }).waitFor();
    const row = counsel.locator("tbody tr", { hasText: "firewall.campaign_info" }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain("Priya Representative");
    expect(await row.textContent()).toContain("F2");
    await counsel.screenshot({ path: `${shots}/audit.png`, fullPage: false });
    const [download] = await Promise.all([counsel.waitForEvent("download"), counsel.getByRole("link", { name: "Export these rows as CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-member-\d+\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("id,at,person,email,action,decision,rule,partner_id,race_id,subject,detail,hash");
    expect(csv).toMatch(/Priya Representative,rep@demo\.coalition\.test,firewall\.campaign_info,deny,F2,/);
    await counselContext.close();
  });
});
