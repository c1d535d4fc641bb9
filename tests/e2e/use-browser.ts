import fs from "node:fs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, watchForErrors } from "./browser";

/** Where the journeys' screenshots go (ignored by git). */
export const SHOTS = "tests/e2e/.artifacts";

/**
 * The suite's browser: launched before its tests, closed after. `page()` opens an
 * error-watched page in a fresh context (its own cookies) with the given options.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error("the browser is not launched yet");
      return browser;
    },
    async page(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
      const context = await this.browser.newContext(options);
      const page = await context.newPage();
      return { page, problems: watchForErrors(page) };
    },
  };
}
