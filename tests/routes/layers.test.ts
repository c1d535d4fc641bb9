/**
 * The layers of DESIGN.md, checked on every import of every source file: imports only go
 * down (routes → server/guards → models → domain; db/schema → domain). A file that reaches up
 * or across fails here with its path and the import, the day it is written.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { read, walk } from "../source-tree";

/** Every module specifier a file imports or re-exports, static or dynamic. */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  const patterns = [/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']/g, /(?:^|\n)\s*import\s*["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of source.matchAll(re)) specs.push(m[1]);
  return specs;
}

/** A specifier as a path from the repository root ("app/models/x.server"), or the package name. */
export function resolveSpec(file: string, spec: string): string {
  if (spec.startsWith("~/")) return path.posix.join("app", spec.slice(2));
  if (spec.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  return spec;
}

type Rule = { layer: string; files: (f: string) => boolean; forbidden: { what: string; test: (target: string) => boolean }[] };

const under = (prefix: string) => (target: string) => target === prefix || target.startsWith(`${prefix}/`);
const pkg = (name: string) => (target: string) => target === name || target.startsWith(`${name}/`);
const FRAMEWORK = [
  { what: "Remix", test: pkg("@remix-run") },
  { what: "React", test: (t: string) => pkg("react")(t) || pkg("react-dom")(t) },
  { what: "drizzle", test: (t: string) => pkg("drizzle-orm")(t) || pkg("drizzle-kit")(t) },
  { what: "better-sqlite3", test: pkg("better-sqlite3") },
  { what: "node's built-ins", test: (t: string) => t.startsWith("node:") },
];

const RULES: Rule[] = [
  {
    layer: "app/domain (pure rules and vocabulary)",
    files: under("app/domain"),
    forbidden: [
      { what: "db/", test: under("db") },
      { what: "app/models", test: under("app/models") },
      { what: "app/server", test: under("app/server") },
      { what: "app/routes", test: under("app/routes") },
      { what: "app/components", test: under("app/components") },
      ...FRAMEWORK,
    ],
  },
  {
    layer: "app/components (UI pieces)",
    files: under("app/components"),
    forbidden: [
      { what: "app/models", test: under("app/models") },
      { what: "app/server", test: under("app/server") },
      { what: "db/", test: under("db") },
      { what: "drizzle", test: pkg("drizzle-orm") },
    ],
  },
  {
    layer: "app/routes (thin: guard → parse → model)",
    files: under("app/routes"),
    forbidden: [
      { what: "db/", test: under("db") },
      { what: "drizzle", test: pkg("drizzle-orm") },
      { what: "better-sqlite3", test: pkg("better-sqlite3") },
    ],
  },
  {
    layer: "app/models (data access)",
    files: under("app/models"),
    forbidden: [
      { what: "app/server", test: under("app/server") },
      { what: "app/routes", test: under("app/routes") },
      { what: "app/components", test: under("app/components") },
      { what: "Remix", test: pkg("@remix-run") },
      { what: "React", test: pkg("react") },
    ],
  },
  {
    layer: "app/server (plumbing: http, env, db handle, session, clock)",
    files: (f) => under("app/server")(f) && !under("app/server/guards")(f),
    forbidden: [
      { what: "app/models", test: under("app/models") },
      { what: "app/server/guards", test: under("app/server/guards") },
      { what: "app/routes", test: under("app/routes") },
      { what: "app/components", test: under("app/components") },
    ],
  },
  {
    layer: "app/server/guards (who may do this)",
    files: under("app/server/guards"),
    forbidden: [
      { what: "app/routes", test: under("app/routes") },
      { what: "app/components", test: under("app/components") },
    ],
  },
  {
    layer: "db/schema (tables; the vocabulary comes from the domain)",
    files: under("db/schema"),
    forbidden: [{ what: "app/ other than app/domain", test: (t) => under("app")(t) && !under("app/domain")(t) }],
  },
];

const FILES = [...walk("app"), ...walk("db/schema")].sort();

it("reads the source tree", () => {
  expect(FILES.filter(under("app/domain")).length).toBeGreaterThan(10);
  expect(FILES.filter(under("app/routes")).length).toBeGreaterThan(10);
  expect(FILES).toContain("app/domain/vocabulary.ts");
});

it("resolves specifiers the way the build does", () => {
  expect(resolveSpec("app/routes/x.tsx", "~/models/a.server")).toBe("app/models/a.server");
  expect(resolveSpec("app/domain/forms.ts", "../../db/schema/x")).toBe("db/schema/x");
  expect(resolveSpec("db/schema/x.ts", "../../app/domain/vocabulary")).toBe("app/domain/vocabulary");
  expect(importsOf('import type { A } from "../../db/schema";\nexport * from "./b";\nconst m = await import("~/models/c.server");')).toEqual([
    "../../db/schema",
    "./b",
    "~/models/c.server",
  ]);
});

describe.each(RULES)("$layer", (rule) => {
  it("imports only downward", () => {
    const crossings: string[] = [];
    for (const file of FILES.filter(rule.files)) {
      const source = read(file);
      for (const spec of importsOf(source)) {
        const target = resolveSpec(file, spec);
        for (const f of rule.forbidden) if (f.test(target)) crossings.push(`${file} imports ${spec} (${f.what})`);
      }
    }
    expect(crossings).toEqual([]);
  });
});

it("finds a crossing when there is one (the check is not vacuous)", () => {
  const domain = RULES[0];
  const target = resolveSpec("app/domain/x.ts", "../../db/schema/users");
  expect(domain.forbidden.some((f) => f.test(target))).toBe(true);
  expect(RULES[2].forbidden.some((f) => f.test(resolveSpec("app/routes/y.tsx", "drizzle-orm")))).toBe(true);
});
