import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./browser";
import { useBrowser } from "./use-browser";

/**
 * The Content-Security-Policy holds (issue 12): every main page of the demo table, loaded
 * by the instance admin (who may open all of them) and the sign-in page signed out, with no
 * CSP violation in the console or as a `securitypolicyviolation` event, and with the app's
 * JavaScript running (Remix's inline scripts carry the request's nonce, so the page
 * hydrates and navigates on the client).
 */

/** Pages not worth loading as pages: downloads, feeds and the way out. */
const SKIP = /\/(logout)$|\.csv|\.ics|\/markdown|export/;

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Content-Security-Policy|violates the following/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return violations;
}

async function eventViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/** The same-origin page links on the current page, as paths. */
async function links(page: Page, baseURL: string): Promise<string[]> {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return [...new Set(hrefs.filter((h) => h.startsWith(baseURL)).map((h) => new URL(h).pathname + new URL(h).search))].filter((p) => !SKIP.test(p));
}

describe("the Content-Security-Policy", () => {
  const session = useBrowser();
  const baseURL = inject("baseURL");

  it("is sent with a nonce, and the sign-in page passes it signed out", async () => {
    const { page, problems } = await session.page();
    const violations = await watchCsp(page);
    const res = await page.goto(`${baseURL}/login`);
    const csp = res!.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    // every inline script carries it (the browser hides the attribute's value from the DOM, not the property)
    const inline = await page.locator("script:not([src])").evaluateAll((ss) => ss.map((s) => (s as HTMLScriptElement).nonce));
    expect(inline.length).toBeGreaterThan(0);
    for (const n of inline) expect(n).toBe(nonce);
    await page.waitForFunction(() => "__remixContext" in window);
    expect(violations).toEqual([]);
    expect(await eventViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("holds on every main page of the demo table, with the app's JavaScript running", async () => {
    const { page, problems } = await session.page({ viewport: { width: 1280, height: 900 } });
    const violations = await watchCsp(page);
    await signIn(page, baseURL, "admin@demo.coalition.test");

    // The table's sections, then one of each kind of page they link to (a race, a candidate,
    // a partner, an affiliate, a sub-table, a program and its pages, a meeting, a shift...).
    await page.goto(`${baseURL}/`);
    const tableHome = new URL((await page.getByRole("link", { name: "Demo Federal Table" }).getAttribute("href")) ?? "/", baseURL).pathname;
    await page.goto(`${baseURL}${tableHome}`);
    const sections = await page
      .getByRole("navigation", { name: "Table sections" })
      .locator("a[href]")
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(sections.length).toBeGreaterThan(8);

    const visited = new Set<string>();
    const seenKinds = new Set<string>();
    /** "/tables/1/races/12" → "/tables/:n/races/:n": one page of each shape is enough. */
    const kind = (p: string) => p.split("?")[0].replace(/\/\d+/g, "/:n");
    const queue = ["/", "/admin", ...sections];
    for (const p of queue) seenKinds.add(kind(p));
    while (queue.length && visited.size < 60) {
      const path = queue.shift()!;
      if (visited.has(path)) continue;
      visited.add(path);
      const res = await page.goto(`${baseURL}${path}`);
      expect(res?.status(), path).toBeLessThan(400);
      for (const next of await links(page, baseURL)) {
        if (!next.startsWith(tableHome) && next !== "/admin") continue;
        if (seenKinds.has(kind(next))) continue;
        seenKinds.add(kind(next));
        queue.push(next);
      }
      const fromEvents = await eventViolations(page);
      expect(fromEvents, path).toEqual([]);
    }
    console.log(`CSP: ${visited.size} pages loaded without a violation: ${[...visited].join(" ")}`);
    expect(visited.size).toBeGreaterThan(25);
    for (const shape of ["/tables/:n/races/:n", "/tables/:n/candidates/:n", "/tables/:n/sub-tables/:n", "/tables/:n/programs/:n", "/tables/:n/meetings/:n", "/tables/:n/health", "/tables/:n/matrix"]) {
      expect([...visited].map(kind), shape).toContain(shape);
    }

    // The app's JavaScript runs: a client-side navigation keeps the page (no full reload).
    await page.goto(`${baseURL}${tableHome}`);
    await page.waitForFunction(() => "__remixContext" in window);
    await page.evaluate(() => ((window as unknown as { __stay?: number }).__stay = 1));
    await page.getByRole("navigation", { name: "Table sections" }).getByRole("link", { name: "Races" }).click();
    await page.getByRole("heading", { level: 1, name: /Races/ }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1);

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("holds on the pages only counsel and leads open: the audit trail, overrides, my affiliate", async () => {
    for (const [email, paths] of [
      ["counsel@demo.coalition.test", ["/tables/1/audit", "/tables/1/firewall/overrides"]],
      ["lead@demo.coalition.test", ["/tables/1/my-affiliate"]],
    ] as const) {
      const { page, problems } = await session.page();
      const violations = await watchCsp(page);
      await signIn(page, baseURL, email);
      for (const p of paths) {
        const res = await page.goto(`${baseURL}${p}`);
        expect(res?.status(), p).toBeLessThan(400);
        expect(new URL(page.url()).pathname, `${email} stays on ${p}`).toBe(p);
        expect(await eventViolations(page), p).toEqual([]);
      }
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    }
  });
});
