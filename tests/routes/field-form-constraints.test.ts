/**
 * The schemas the field pages (programs, turf, pledges, shifts) give conform in the browser:
 * conform reads each one's constraints when the page renders (a transform of a whole form
 * would make it throw, a 500 on the page), the "*" of a label comes from them, and the
 * browser's reading of a post agrees with the server's.
 */
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { materialForm, moveUnitForm, newProgramForm, pledgeForm, programFields, programForm, turfImportForm, turfUnitForm } from "~/domain/field-forms";
import { attendanceChoice, exportForm, resultsForm, shiftFields, shiftForm, signupForm } from "~/domain/shift-forms";
import { parse } from "~/server/http.server";

const BROWSER: [string, z.ZodType][] = Object.entries({ newProgramForm, programFields, materialForm, pledgeForm, turfImportForm, turfUnitForm, moveUnitForm, shiftFields, exportForm, attendanceChoice, signupForm, resultsForm });

describe.each(BROWSER)("%s", (_name, schema) => {
  it("gives conform its constraints", () => {
    expect(() => getZodConstraint(schema)).not.toThrow();
  });
});

const required = (schema: z.ZodType) => {
  const c = getZodConstraint(schema) as Record<string, { required?: boolean }>;
  return (name: string) => c[name]?.required === true;
};

it("marks as required (a label's *) what the schema requires, and not the choices with a usual answer", () => {
  const program = required(newProgramForm);
  expect(["subTableId", "name", "startDate", "endDate"].every(program)).toBe(true);
  expect(["side", "goal_doorknock"].some(program)).toBe(false);
  const shift = required(shiftFields);
  expect(["workType", "startsAt", "endsAt", "hostAffiliateId", "capacity"].every(shift)).toBe(true);
  expect(["title", "location", "callLink", "hostKind", "campaignHost", "notes"].some(shift)).toBe(false);
  const unit = required(turfUnitForm);
  expect(["code", "kind", "name", "size", "state", "district", "county"].every(unit)).toBe(true);
  expect(unit("precinct")).toBe(false);
  expect(required(turfImportForm)("file") || required(turfImportForm)("csv")).toBe(false);
});

describe("the browser reads a shift post as the server does", () => {
  const fd = (over: [string, string][] = []) => {
    const f = new FormData();
    const base: [string, string][] = [
      ["workType", "doorknock"],
      ["title", ""],
      ["startsAt", "2027-04-10T09:00"],
      ["endsAt", "2027-04-10T12:00"],
      ["location", "Hall"],
      ["callLink", ""],
      ["hostAffiliateId", "3"],
      ["hostKind", "affiliate"],
      ["campaignHost", ""],
      ["capacity", "10"],
      ["notes", ""],
    ];
    for (const [k, v] of [...base, ...over]) f.append(k, v);
    return f;
  };
  const values = (f: FormData) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of f.entries()) {
      const prev = out[k];
      out[k] = prev === undefined ? String(v) : Array.isArray(prev) ? [...prev, String(v)] : [prev, String(v)];
    }
    return out;
  };
  it.each([
    ["no box ticked", []],
    ["one co-host", [["coHosts", "7"]]],
    ["co-hosts and turf", [["coHosts", "7"], ["coHosts", "3"], ["turf", "12"]]],
  ] as [string, [string, string][]][])("%s", (_what, over) => {
    const browser = parseWithZod(fd(over), { schema: shiftFields });
    expect(browser.status).toBe("success");
    const server = parse(shiftForm, values(fd(over)));
    expect(server.ok).toBe(true);
    if (browser.status === "success" && server.ok) {
      expect(server.data.coHostIds).toEqual(browser.value.coHosts.filter((a) => a !== 3));
      expect(server.data.turfUnitIds).toEqual(browser.value.turf);
    }
  });
  it("a junk id in a list is refused alike, next to the list", () => {
    const browser = parseWithZod(fd([["turf", "x"]]), { schema: shiftFields });
    expect(browser.status).toBe("error");
    if (browser.status === "error") expect(Object.keys(browser.error ?? {}).some((k) => k.startsWith("turf"))).toBe(true);
    expect(parse(shiftForm, values(fd([["turf", "x"]])))).toMatchObject({ ok: false, errors: { turf: "Choose turf units of this program." } });
  });
});

it("programForm is programFields read into a ProgramInput", () => {
  const posted = { name: "P", startDate: "2027-03-01", endDate: "2027-05-18", side: "", goal_doorknock: "1,500", goal_phonebank: "" };
  expect(parse(programFields, posted).ok).toBe(true);
  expect(parse(programForm, posted)).toEqual({ ok: true, data: { name: "P", startDate: "2027-03-01", endDate: "2027-05-18", side: "independent", goals: { doorknock: 1500 } } });
});
