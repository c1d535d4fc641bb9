import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openDb } from "../../db/client";
import { partners, users } from "../../db/schema";
import { grantRole } from "~/models/accounts.server";
import { hashPassword } from "~/models/passwords.server";
import { unzip } from "../support/unzip";
import { signIn } from "./browser";
import { useBrowser } from "./use-browser";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA rules: the serious and critical violations, by rule and target. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("counsel's evidence in the browser", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("counsel downloads the packet for a race at 1280 px and 390 px, and the verifier run on it passes", async () => {
    for (const width of [1280, 390]) {
      const { page, problems } = await session.page({ viewport: { width, height: 900 }, acceptDownloads: true });
      await signIn(page, baseURL, "counsel@demo.coalition.test");
      await page.goto(`${baseURL}/tables/1/firewall`);
      await page.getByRole("heading", { name: "What the audit log records" }).waitFor();
      await page.getByRole("link", { name: "Evidence packet" }).click();
      await page.getByRole("heading", { level: 1, name: "Evidence packet" }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `/tmp/evidence-packet-${width}.png`, fullPage: true });
      const form = page.getByRole("form", { name: "Download the evidence packet" });
      const race = form.getByLabel("Race");
      const first = await race.locator("option").nth(1).getAttribute("value");
      await race.selectOption(first!);
      await form.getByLabel("From").fill("2020-01-01");
      const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download the packet (ZIP)" }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^evidence-\\d+-race-${first}-2020-01-01-to-\\d{4}-\\d\\d-\\d\\d\\.zip$`));
      const zipPath = path.join(os.tmpdir(), `packet-${width}-${Date.now()}.zip`);
      await download.saveAs(zipPath);
      const files = unzip(fs.readFileSync(zipPath));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "packet-"));
      for (const [name, data] of files) fs.writeFileSync(path.join(dir, name), data);
      const run = spawnSync(process.execPath, [path.join(dir, "verify.mjs")], { cwd: dir, encoding: "utf8" });
      expect(run.stdout).toMatch(/^OK: \d+ audit rows and 9 files match/);
      expect(run.status).toBe(0);
      expect(files.get("summary.html")!.toString()).toContain("Kestrel Action");
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it("a representative who never acknowledged the policy is refused a stance, acknowledges, and comes back with what was typed", async () => {
    // a new representative of the demo member, who has not acknowledged its policy
    const db = openDb(inject("databasePath"));
    const ka = db.select().from(partners).where(eq(partners.name, "Kestrel Action")).get()!;
    const email = `newrep-${Date.now()}@example.org`;
    const u = db.insert(users).values({ name: "Nora Newrep", email, passwordHash: hashPassword("a long new password 2028") }).returning().get();
    grantRole(db, { id: u.id, name: "journey" }, u.id, { role: "partner_rep", partnerId: ka.id, coalitionId: 1 });
    db.$client.close();

    const { page, problems } = await session.page({ viewport: { width: 390, height: 844 } });
    await signIn(page, baseURL, email, "a long new password 2028");
    await page.goto(`${baseURL}/tables/1/matrix`);
    const href = await page.locator("table.mx a[href*='/candidates/']").first().getAttribute("href");
    const candidateId = /candidates\/(\d+)/.exec(href!)![1];
    await page.goto(`${baseURL}/tables/1/matrix?cell=${candidateId}-${ka.id}`);
    const editor = page.locator("#cell-editor").getByRole("form", { name: "Record a stance" });
    await editor.getByRole("combobox", { name: /^Stance/ }).selectOption("considering");
    await editor.getByRole("textbox", { name: "Note" }).fill("Board meets on the 12th; typed before the refusal.");
    await editor.getByRole("button", { name: "Record stance" }).click();
    const link = page.getByRole("link", { name: /^Read and acknowledge version \d+ of Kestrel Action's firewall policy$/ });
    await link.waitFor();
    await page.getByText(/\(firewall rule F6\)/).first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/evidence-f6-refusal-390.png", fullPage: true });
    await link.click();
    await page.getByRole("heading", { level: 1, name: "Firewall policies" }).waitFor();
    await page.getByRole("button", { name: /^I have read and acknowledge version \d+$/ }).first().click();
    // back at the matrix, the cell's editor open, what was typed kept
    await page.locator("#cell-editor").waitFor();
    expect(page.url()).toContain(`cell=${candidateId}-${ka.id}`);
    const again = page.locator("#cell-editor").getByRole("form", { name: "Record a stance" });
    expect(await again.getByRole("textbox", { name: "Note" }).inputValue()).toBe("Board meets on the 12th; typed before the refusal.");
    expect(await again.getByRole("combobox", { name: /^Stance/ }).inputValue()).toBe("considering");
    await page.screenshot({ path: "/tmp/evidence-f6-comeback-390.png", fullPage: true });
    await again.getByRole("button", { name: "Record stance" }).click();
    await page.waitForURL(/recorded=\d+/);
    expect(problems).toEqual([]);
  });
});
