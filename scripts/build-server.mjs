/**
 * The second half of `npm run build` (issue 11, cold start): bundles the server entry
 * (scripts/serve.ts) and the Remix server build (build/server/index.js, from `remix vite:build`)
 * with their dependencies into plain JavaScript under build/bundle/, so `npm start` runs
 * `node build/bundle/serve.js`: no TypeScript transpiled at start, no node_modules resolved
 * file by file, and one copy of every dependency shared by the Express layer and the routes
 * (the two entries share chunks). better-sqlite3 (a native addon) stays in node_modules.
 */
import { build } from "esbuild";
import fs from "node:fs";

fs.rmSync("build/bundle", { recursive: true, force: true });
await build({
  entryPoints: { serve: "scripts/serve.ts", remix: "build/server/index.js" },
  outdir: "build/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["better-sqlite3"],
  alias: { "~": "./app" },
  define: { "process.env.NODE_ENV": '"production"' },
  // CommonJS dependencies inside an ES module bundle still call require() for node's own modules
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
});
