import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn, watchForErrors } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const shots = SHOTS;

describe("F6 in the browser: a new policy version must be acknowledged before a race workspace opens", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  async function as(email: string, viewport = { width: 1200, height: 900 }): Promise<Page> {
    const context = await session.browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, baseURL, email);
    return page;
  }

  it("counsel publishes version 2; the representative is sent to acknowledge it and comes back to the candidate", async () => {
    const counsel = await as("counsel@demo.coalition.test");
    const problems = watchForErrors(counsel);
    await counsel.goto(`${baseURL}/tables/1`);
    await counsel.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Firewall" }).click();
    await counsel.getByRole("heading", { level: 1, name: "Firewall" }).waitFor();
    await counsel.getByRole("link", { name: "Firewall policies" }).click();
    const form = counsel.getByRole("form", { name: "New version of Kestrel Action's policy" });
    await counsel.getByText("Write a new version").click();
    await form.getByLabel("Policy").fill("Too short.");
    await form.getByRole("button", { name: "Publish version 2" }).click();
    await counsel.getByText(/A firewall policy needs more than a line/).waitFor();
    expect(await form.getByLabel("Policy").inputValue()).toBe("Too short.");
    await form.getByLabel("Policy").fill("Version 2. Nobody who heard a campaign's plans or needs works on the independent side of that race until the general election.");
    await form.getByRole("button", { name: "Publish version 2" }).click();
    await counsel.getByRole("heading", { name: /version 2/ }).waitFor();
    expect(problems).toEqual([]);

    // The representative, on a phone, opens a candidate from the matrix and is stopped at the policy.
    const rep = await as("rep@demo.coalition.test", { width: 390, height: 844 });
    await rep.goto(`${baseURL}/tables/1/matrix`);
    await rep.getByRole("link", { name: "Curtis Blanchard", exact: true }).click();
    await rep.getByRole("heading", { level: 1, name: "Firewall policies" }).waitFor();
    expect(rep.url()).toContain("redirectTo=");
    await rep.getByText(/acknowledge Kestrel Action's policy, version 2/).waitFor();
    await rep.screenshot({ path: `${shots}/policy-acknowledge.png`, fullPage: true });
    await rep.getByRole("button", { name: "I have read and acknowledge version 2" }).click();
    await rep.getByRole("heading", { level: 1, name: "Curtis Blanchard" }).waitFor();

    // Counsel and the lead acknowledge too, so the rest of the demo opens for them.
    await counsel.getByRole("button", { name: "I have read and acknowledge version 2" }).click();
    await counsel.getByText(/You acknowledged version 2/).waitFor();
    const lead = await as("lead@demo.coalition.test");
    await lead.goto(`${baseURL}/tables/1/firewall/policies`);
    await lead.getByRole("button", { name: "I have read and acknowledge version 2" }).click();
    await lead.getByText(/You acknowledged version 2/).waitFor();
  });
});
