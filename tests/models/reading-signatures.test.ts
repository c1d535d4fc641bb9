/**
 * The firewall fails closed only if every read asks the gate (DESIGN.md, F11), and a read can
 * ask only if it is handed the viewer. So every reading model has one shape,
 * (db, viewer, input): the signed-in person (or "system" for scripts and the seed) second,
 * one object of ids and filters third. Writing models take (db, actor, ...). This test reads
 * the source of app/models and fails, with the function's name, when an exported read takes
 * no viewer in second place, or when routes and guards call a model function that takes
 * neither a viewer nor an actor there.
 */
import { describe, expect, it } from "vitest";
import { read, walk } from "../source-tree";

/** Names that say "this reads": each must take (db, viewer, input). */
const READ_NAME = /^(get|list|load|find|search)[A-Z]/;

/**
 * Modules another branch is splitting this round (issue 10); their reads move to
 * (db, viewer, input) after that lands. Matched as app/models/<name>.server.ts or a folder
 * app/models/<name>/.
 */
const MODULES_PENDING: string[] = [];

/** Exported functions exempt from the shape, each with its reason. */
const EXCEPTIONS: Record<string, string> = {
  listBackups: "lists backup files in a folder for the operator (scripts, the admin page's backup panel): no database read, nothing a viewer could be walled from",
  loadPrincipal: "establishes who the viewer is (from a session's user id): there is no viewer yet",
  sessionPrincipal: "establishes who the viewer is (from the session cookie): there is no viewer yet",
  signIn: "a person signing in is not a viewer yet; the credential is the input",
  signOut: "ends the session the cookie names; the session id is the credential",
  findInvitation: "an invitation link is read before its holder has an account; the token is the credential",
  acceptInvitation: "an invitation link is used before its holder has an account; the token is the credential",
};

type Param = { name: string; destructured: boolean };
type Fn = { file: string; name: string; params: Param[] };

/** The parameter list that starts after `open` (the index just past "("), split at top-level commas. */
export function splitParams(source: string, open: number): string[] {
  const params: string[] = [];
  let depth = 0;
  let start = open;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === "\\") i++;
    } else if (c === "=" && source[i + 1] === ">") {
      i++; // an arrow in a type, not a closing angle bracket
    } else if ("([{<".includes(c)) {
      depth++;
    } else if (")]}>".includes(c)) {
      if (depth === 0 && c === ")") {
        const last = source.slice(start, i).trim();
        if (last) params.push(last);
        return params;
      }
      depth--;
    } else if (c === "," && depth === 0) {
      params.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error("unbalanced parameter list");
}

function param(text: string): Param {
  const t = text.replace(/^\.\.\./, "");
  if (t.startsWith("{") || t.startsWith("[")) return { name: "", destructured: true };
  return { name: t.match(/^[\w$]+/)?.[0] ?? "", destructured: false };
}

/** Every `export function` of a source file, with its parameters. */
export function exportedFunctions(file: string, source: string): Fn[] {
  const out: Fn[] = [];
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([\w$]+)\s*(?:<[^(]*>)?\s*\(/g)) {
    out.push({ file, name: m[1], params: splitParams(source, m.index! + m[0].length).map(param) });
  }
  return out;
}

const isViewer = (p: Param | undefined) => p?.name === "viewer" || p?.name === "_viewer";
const isInput = (p: Param | undefined) => p === undefined || p.destructured || p.name === "input";
const takesDb = (f: Fn) => f.params[0]?.name === "db" || f.params[0]?.name === "tx";

/** What is wrong with a read's signature, or null. */
export function readProblem(f: Fn): string | null {
  if (!isViewer(f.params[1])) return `${f.file}: ${f.name} takes ${f.params[1]?.name || "nothing"} second; a read takes (db, viewer, input)`;
  if (f.params.length > 3 || !isInput(f.params[2])) return `${f.file}: ${f.name} takes ${f.params.length} parameters; after the viewer, one input object (ids and filters)`;
  return null;
}

const pending = (file: string) => MODULES_PENDING.some((m) => file === `app/models/${m}.server.ts` || file.startsWith(`app/models/${m}/`));

const MODEL_FILES = walk("app/models").filter((f) => f.endsWith(".server.ts"));
const FUNCTIONS = MODEL_FILES.flatMap((f) => exportedFunctions(f, read(f)));
const CHECKED = FUNCTIONS.filter((f) => !pending(f.file) && !(f.name in EXCEPTIONS));

/** The model functions routes and guards import by name: "app/models/x.server.ts#name". */
function callerImports(): Set<string> {
  const wanted = new Set<string>();
  for (const file of [...walk("app/routes"), ...walk("app/server/guards")]) {
    const source = read(file);
    for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']~\/models\/([^"']+)["']/g)) {
      for (const part of m[1].split(",")) {
        const name = part.trim().replace(/\s+as\s+[\w$]+$/, "");
        if (name && !name.startsWith("type ")) wanted.add(`app/models/${m[2]}.ts#${name}`);
      }
    }
  }
  return wanted;
}

describe("the viewer in every reading model's signature", () => {
  it("reads the models", () => {
    expect(MODEL_FILES).toContain("app/models/races.server.ts");
    expect(CHECKED.filter((f) => READ_NAME.test(f.name)).length).toBeGreaterThan(20);
    expect(callerImports()).toContain("app/models/races.server.ts#getRace");
  });

  it("every exported read takes (db, viewer, input)", () => {
    const problems = CHECKED.filter((f) => READ_NAME.test(f.name))
      .map(readProblem)
      .filter((p) => p !== null);
    expect(problems).toEqual([]);
  });

  it("every model function routes and guards call takes a viewer (a read) or an actor (a write) second", () => {
    const byKey = new Map(FUNCTIONS.map((f) => [`${f.file}#${f.name}`, f]));
    const problems: string[] = [];
    for (const key of callerImports()) {
      const f = byKey.get(key);
      if (!f || !takesDb(f) || pending(f.file) || f.name in EXCEPTIONS) continue; // constants, types, pure helpers such as raceLabel
      if (f.params[1]?.name === "actor") continue;
      const problem = readProblem(f);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
  });

  it("keeps its exceptions honest: each still exists and still needs its exception", () => {
    for (const name of Object.keys(EXCEPTIONS)) {
      const f = FUNCTIONS.find((x) => x.name === name);
      expect(f, `${name} is gone: drop its exception`).toBeDefined();
      expect(readProblem(f!), `${name} takes (db, viewer, input) now: drop its exception`).not.toBeNull();
    }
  });

  it("finds a read without a viewer (the check is not vacuous)", () => {
    const source = [
      "export function getThing(db: Db, coalitionId: number, viewer: Viewer) {}",
      "export function listThings(db: Db, viewer: Viewer, coalitionId: number, today: string) {}",
      "export function getGood(db: Db, _viewer: Viewer, input: { coalitionId: number; pick: (x: number) => boolean; only?: Pick<A, \"a\" | \"b\"> }) {}",
      "export function listDestructured(db: Db, viewer: Viewer, { coalitionId }: { coalitionId: number }) {}",
    ].join("\n");
    const fns = exportedFunctions("x.server.ts", source);
    expect(fns.map((f) => f.params.length)).toEqual([3, 4, 3, 3]);
    expect(fns.map((f) => readProblem(f) === null)).toEqual([false, false, true, true]);
  });
});
