#!/usr/bin/env node
/**
 * The npm registry this project's machines reach serves only the platform packages of
 * linux-x64, so `npm install` writes a lock file without entries for other platforms'
 * optional packages (@rollup/rollup-darwin-arm64, @esbuild/win32-x64, ...), and `npm ci`
 * then refuses the lock as out of sync. This adds those entries, marked optional and with
 * the os/cpu/libc their names state, so `npm ci` skips them on this platform.
 *
 * Run after any `npm install` that changes dependencies:  node scripts/lock-platform-optionals.mjs
 */
import fs from "node:fs";

const OS = ["aix", "android", "darwin", "freebsd", "linux", "netbsd", "openbsd", "openharmony", "sunos", "win32", "cygwin"];
const CPU = ["arm", "arm64", "ia32", "loong64", "mips64el", "ppc64", "riscv64", "s390x", "x64", "wasm32"];

function platformOf(name) {
  const tokens = name.replace(/^@[^/]+\//, "").split("-");
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.find((t) => CPU.includes(t));
  const libc = tokens.includes("musl") || tokens.some((t) => t.startsWith("musl")) ? "musl" : tokens.some((t) => t.startsWith("gnu")) ? "glibc" : null;
  if (name === "fsevents") return { os: ["darwin"] };
  const out = {};
  if (cpu) out.cpu = [cpu];
  if (os) out.os = [os];
  if (libc) out.libc = [libc];
  return os || cpu ? out : null;
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const pkgs = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (pkgs[nested] || pkgs[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue;
    pkgs[hoisted] = { version: spec, ...platform, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform-specific optional entries`);
