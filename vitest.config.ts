import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/{domain,models,routes}/**/*.test.{ts,tsx}"],
    environment: "node",
    pool: "forks",
    setupFiles: ["tests/support/yield-each.ts"],
    testTimeout: 20_000,
    env: { SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789" },
  },
});
