import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn, watchForErrors } from "./browser";

const shots = "tests/e2e/.artifacts";

describe("an admin invites a partner representative, who records only its own partner's stance", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("invites, accepts, signs in, records, and sees no control over another partner's stance", async () => {
    // The admin makes the invitation on the table's People page.
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    const adminProblems = watchForErrors(admin);
    await signIn(admin, baseURL, "admin@demo.coalition.test");
    await admin.goto(`${baseURL}/tables/1/people`);
    const form = admin.getByRole("form", { name: "Invite someone" });
    await form.getByLabel("Name").fill("Morgan Quill");
    await form.getByLabel("Email").fill("morgan.quill@example.org");
    await form.getByLabel("Role").selectOption({ label: "Partner representative" });
    await form.getByLabel("Partner (for a representative or counsel)").selectOption({ label: "TCA — Tidewater Climate Action" });
    await form.getByRole("button", { name: "Create invitation link" }).click();
    const link = (await admin.getByTestId("one-time-link").textContent())?.trim() ?? "";
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]+$/);
    await admin.getByText("morgan.quill@example.org").first().waitFor();
    await admin.screenshot({ path: `${shots}/people.png`, fullPage: true });
    expect(adminProblems).toEqual([]);
    await adminContext.close();

    // The invitee, in a browser of their own, accepts and is signed in.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await page.goto(link.replace(/^https?:\/\/[^/]+/, baseURL));
    await page.getByRole("heading", { level: 1, name: "Join Coalition Table" }).waitFor();
    await page.getByLabel(/^Password( \*)?$/).fill("short");
    await page.getByLabel("Password again").fill("short");
    await page.getByRole("button", { name: "Accept and sign in" }).click();
    await page.getByText("Use at least 12 characters.").waitFor();
    await page.getByLabel(/^Password( \*)?$/).fill("tidewater-rep-2028");
    await page.getByLabel("Password again").fill("tidewater-rep-2028");
    await page.getByRole("button", { name: "Accept and sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Tables" }).waitFor();
    expect(await page.getByText("Morgan Quill").first().isVisible()).toBe(true);

    // The link is single-use.
    const again = await context.newPage();
    const reused = await again.goto(link.replace(/^https?:\/\/[^/]+/, baseURL));
    expect(reused?.status()).toBe(410);
    await again.close();

    // Sign out and in again with the new password.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    await signIn(page, baseURL, "morgan.quill@example.org", "tidewater-rep-2028");

    // In the matrix, TCA's column comes first and marked as theirs; only its cells open an editor.
    await page.goto(`${baseURL}/tables/1/matrix`);
    // the grid answers clicks once hydrated (its roving tabindex is set then)
    await page.locator("table.mx [tabindex='0']").waitFor();
    const headers = await page.locator("table.mx thead th").allTextContents();
    expect(headers[2]).toMatch(/^TCA.*\(you\)/);
    const firstRow = page.locator("table.mx tbody tr").first();
    const dialog = page.getByRole("dialog");
    await firstRow.locator("td").nth(2).click(); // another partner's cell: nothing opens
    expect(await dialog.isVisible()).toBe(false);
    // a TCA cell with no stance yet
    const rows = page.locator("table.mx tbody tr");
    let row = -1;
    for (let i = 0; i < (await rows.count()); i++) {
      if (((await rows.nth(i).locator("td").nth(1).textContent()) ?? "").trim() === "") {
        row = i;
        break;
      }
    }
    expect(row).toBeGreaterThanOrEqual(0);
    await rows.nth(row).locator("td").nth(1).click();
    const editor = dialog;
    await editor.waitFor();
    const title = (await editor.getByRole("heading", { level: 2 }).textContent()) ?? "";
    expect(title).toMatch(/^TCA on /);
    const candidate = title.replace(/^TCA on /, "");
    await editor.getByRole("combobox", { name: /^Stance/ }).selectOption("considering");
    await editor.getByLabel("Note", { exact: true }).fill("Board meets next week to decide.");
    await editor.getByLabel("Keep the note private to this partner").check();
    await editor.getByRole("button", { name: "Record stance" }).click();
    // The new representative has not acknowledged TCA's firewall policy: the act itself is refused
    // (rule F6), in the editor, with the way to acknowledge it and come back with what was typed.
    const acknowledge = editor.getByRole("link", { name: "Read and acknowledge version 1 of Tidewater Climate Action's firewall policy" });
    await acknowledge.waitFor();
    await acknowledge.click();
    await page.getByRole("heading", { level: 1, name: "Firewall policies" }).waitFor();
    await page.getByRole("button", { name: "I have read and acknowledge version 1" }).click();
    // back at the matrix, the cell's editor open with what was typed
    const cellEditor = page.locator("#cell-editor").getByRole("form", { name: "Record a stance" });
    await cellEditor.waitFor();
    expect(await cellEditor.getByRole("textbox", { name: "Note" }).inputValue()).toBe("Board meets next week to decide.");
    expect(await cellEditor.getByRole("combobox", { name: /^Stance/ }).inputValue()).toBe("considering");
    await cellEditor.getByRole("button", { name: "Record stance" }).click();
    await page.waitForURL(/recorded=\d+/);
    await page.locator("table.mx [tabindex='0']").waitFor();
    await expect.poll(async () => (await rows.nth(row).locator("td").nth(1).textContent())?.trim()).toBe("Considering");
    await page.screenshot({ path: `${shots}/rep-matrix-phone.png`, fullPage: false });

    await page.getByRole("link", { name: candidate, exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: candidate }).waitFor();
    // On the candidate's page the rep can record only for TCA.
    const partnerOptions = await page.getByRole("form", { name: "Record a stance" }).getByLabel("Partner").locator("option").allTextContents();
    expect(partnerOptions.filter((o) => o !== "Choose a partner")).toEqual(["TCA — Tidewater Climate Action"]);
    expect(await page.getByRole("link", { name: "Edit profile" }).count()).toBe(0);

    const candidateUrl = page.url();

    // Posting for another partner directly is refused.
    const status = await page.evaluate(async () => {
      const body = new URLSearchParams({ intent: "stance", candidateId: "1", partnerId: "1", stance: "endorsed", decidedOn: "2026-11-20" });
      const res = await fetch("/tables/1/matrix", { method: "POST", body, redirect: "manual" });
      return res.status;
    });
    expect(status).toBe(403);
    expect(problems.filter((p) => !p.includes("/tables/1/matrix"))).toEqual([]);
    await context.close();

    // The facilitator sees the stance but not TCA's private note.
    const facContext = await browser.newContext();
    const fac = await facContext.newPage();
    await signIn(fac, baseURL, "facilitator@demo.coalition.test");
    await fac.goto(candidateUrl);
    await fac.getByRole("heading", { level: 1, name: candidate }).waitFor();
    expect(await fac.getByText("Board meets next week to decide.").count()).toBe(0);
    expect(await fac.getByText(/A private note of TCA's is not shown/).count()).toBeGreaterThan(0);
    await facContext.close();
  });
});
