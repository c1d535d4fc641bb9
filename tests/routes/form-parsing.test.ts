/**
 * One reading of a form everywhere: the server parses posts with conform's parseWithZod (as the
 * browser does before the round trip), and the domain's parseForm (used for CSV rows and in the
 * domain tests) reads empty fields the same way. For every form schema of the domain and random
 * posted values, both accept or refuse alike, with the same fields in error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as authForms from "~/domain/auth-forms";
import * as counselForms from "~/domain/counsel-forms";
import * as fieldForms from "~/domain/field-forms";
import * as firewallForms from "~/domain/firewall-forms";
import * as forms from "~/domain/forms";
import * as meetingForms from "~/domain/meeting-forms";
import * as shiftForms from "~/domain/shift-forms";
import { parse } from "~/server/http.server";

function schemasOf(mod: Record<string, unknown>): [string, z.ZodType][] {
  return Object.entries(mod).filter(
    (e): e is [string, z.ZodType] => /Form$/.test(e[0]) && typeof (e[1] as { safeParse?: unknown })?.safeParse === "function",
  );
}

const SCHEMAS = [authForms, counselForms, fieldForms, firewallForms, forms, meetingForms, shiftForms].flatMap((m) => schemasOf(m as Record<string, unknown>));

/** Keys of every object shape a schema reads (through pipes and transforms). */
function keysOf(schema: z.ZodType): string[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const def = (schema as any)._zod?.def;
  if (!def) return [];
  if (def.type === "object") return Object.keys(def.shape);
  if (def.type === "pipe") return [...new Set([...keysOf(def.in), ...keysOf(def.out)])];
  return [];
}

const cell = fc.oneof(
  fc.constant(""),
  fc.constant(" "),
  fc.constant("0"),
  fc.constant("4"),
  fc.constant("2026-11-03"),
  fc.constant("on"),
  fc.constant("federal"),
  fc.constant("PA"),
  fc.constant("https://example.org"),
  fc.string({ maxLength: 8 }),
);

it("finds the domain's form schemas", () => {
  expect(SCHEMAS.length).toBeGreaterThan(30);
  expect(SCHEMAS.map(([n]) => n)).toContain("coalitionForm");
});

describe.each(SCHEMAS)("%s", (_name, schema) => {
  const keys = keysOf(schema);
  it("is read alike by the server (conform) and the domain's parseForm", () => {
    fc.assert(
      fc.property(fc.tuple(...keys.map(() => cell)), (cells) => {
        const values = Object.fromEntries(keys.map((k, i) => [k, cells[i]]));
        const server = parse(schema, values);
        const domain = forms.parseForm(schema, values);
        expect(server.ok).toBe(domain.ok);
        if (!server.ok && !domain.ok) expect(Object.keys(server.errors).sort()).toEqual(Object.keys(domain.errors).sort());
        if (server.ok && domain.ok) expect(server.data).toEqual(domain.data);
      }),
      { numRuns: 60 },
    );
  });
});

it("reads one intent when a form names it twice (hidden field and submit button)", async () => {
  const { readForm } = await import("~/server/http.server");
  const body = new URLSearchParams([["intent", "invite"], ["email", "a@example.org"], ["intent", "invite"]]);
  const values = await readForm(new Request("http://localhost/x", { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
  expect(values.intent).toBe("invite");
  expect(values.email).toBe("a@example.org");
});
