import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { SHOTS, useBrowser } from "./use-browser";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA rules: the serious and critical violations, by rule and target. */
async function seriousAxe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The page is whole: no horizontal scroll, no serious accessibility violation; a screenshot to look at. */
async function checkPage(page: Page, shot: string) {
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  expect(await seriousAxe(page)).toEqual([]);
}

describe("members write too: a proposed question and agreement change, answers side by side", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  for (const width of [1280, 390]) {
    it(`at ${width} px: the representative proposes a question and an agreement change; the facilitator accepts the question and reads the diff; a race's answers side by side`, async () => {
      const { page: rep } = await session.page({ viewport: { width, height: 900 } });
      await signIn(rep, baseURL, "rep@demo.coalition.test");

      // The representative proposes a question to the table.
      const question = `Will you back a federal tenants' bill of rights? (${width})`;
      await rep.goto(`${baseURL}/tables/1/questionnaire`);
      await rep.getByRole("heading", { level: 1, name: "Candidate questionnaire" }).waitFor();
      const ask = rep.getByRole("region", { name: "Ask a question" });
      await ask.getByRole("button", { name: "Propose to the table" }).click();
      await ask.getByText("Question is required.").waitFor();
      await ask.getByLabel(/^Question/).fill(question);
      await ask.getByLabel(/^Why the table should ask it/).fill("Rent is our members' first issue.");
      await ask.getByRole("button", { name: "Propose to the table" }).click();
      const waiting = rep.getByRole("region", { name: "Proposed by members" }).locator("li", { hasText: question });
      await waiting.waitFor();
      expect(await waiting.innerText()).toContain("KA proposes");
      await checkPage(rep, `questions-propose-${width}`);

      // ... and a change to its sub-table's agreement (Renata Oyelaran's), from the current text.
      await rep.goto(`${baseURL}/tables/1/agreements/1`);
      const propose = rep.getByRole("region", { name: /^Propose a change to version \d+$/ });
      await propose.waitFor();
      const alone = propose.getByLabel(/^What happens when a member acts on its own/);
      const before = await alone.inputValue();
      expect(before.length).toBeGreaterThan(10);
      const added = `and posts it in the shared channel (${width})`;
      await alone.fill(`${before.replace(/\.$/, "")} ${added}.`);
      await propose.getByLabel(/^Why/).fill("Everyone reads the channel; few read the email.");
      await propose.getByRole("button", { name: "Propose this change" }).click();
      const change = rep.locator("#proposed-changes ~ ul li", { hasText: "Everyone reads the channel" }).filter({ hasText: added }).first();
      await change.waitFor();
      expect(await change.locator("ins").allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(added)]));
      await checkPage(rep, `questions-change-${width}`);

      // The facilitator accepts the question into the questionnaire...
      const { page: fac } = await session.page({ viewport: { width, height: 900 } });
      await signIn(fac, baseURL, "facilitator@demo.coalition.test");
      await fac.goto(`${baseURL}/tables/1/questionnaire`);
      const proposal = fac.getByRole("region", { name: "Proposed by members" }).locator("li", { hasText: question });
      await proposal.getByRole("button", { name: "Accept KA's proposed question" }).click();
      const accepted = fac.getByRole("region", { name: "Questions" }).locator("li", { hasText: question });
      await accepted.waitFor();
      expect(await accepted.innerText()).toContain("The table (proposed by KA)");
      await checkPage(fac, `questions-accepted-${width}`);

      // ...and reads the agreement change as a diff: the added words marked, the reason beside them.
      await fac.goto(`${baseURL}/tables/1/agreements/1`);
      const diff = fac.locator("#proposed-changes ~ ul li", { hasText: added }).first();
      await diff.waitFor();
      expect(await diff.locator("ins").first().innerText()).toContain("shared channel");
      expect(await diff.innerText()).toContain("What happens when a member acts on its own");
      await diff.getByRole("button", { name: "Accept KA's proposed change" }).waitFor();
      await checkPage(fac, `questions-diff-${width}`);

      // Answers side by side in Renata Oyelaran's race: the facilitator reads the campaign's answer...
      await fac.goto(`${baseURL}/tables/1/sub-tables/1`);
      const raceHref = await fac.locator(".actions a[href*='/races/']").first().getAttribute("href");
      await fac.goto(`${baseURL}${raceHref}`);
      await fac.getByRole("link", { name: "Answers to the questionnaire, side by side" }).click();
      await fac.getByRole("heading", { level: 1, name: /^Answers to the questionnaire/ }).waitFor();
      const grid = fac.getByRole("region", { name: /Answers, questions by candidates/ });
      expect(await grid.locator("thead th").allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining("Renata Oyelaran")]));
      expect(await grid.innerText()).toContain("whipping the freshman class");
      expect(await grid.innerText()).toContain(question);
      await checkPage(fac, `questions-answers-facilitator-${width}`);

      // ...the representative (an independent-side member) sees it withheld, the published answers in full.
      await rep.goto(`${baseURL}${raceHref}/answers`);
      const repGrid = rep.getByRole("region", { name: /Answers, questions by candidates/ });
      await repGrid.waitFor();
      expect(await repGrid.innerText()).not.toContain("whipping the freshman class");
      expect(await repGrid.innerText()).toContain("Withheld (campaign information, rule F2)");
      expect(await repGrid.innerText()).toContain("no corporate PAC money");
      await checkPage(rep, `questions-answers-rep-${width}`);
    });
  }
});
