import { describe, expect, it } from "vitest";
import { normalizeDistrict } from "~/domain/districts";
import { parseForm } from "~/domain/forms";
import { MAX_IMPORT_ROWS, placeUnit, pledgeForm, programWeeks, turfUnitForm } from "~/domain/field-forms";
import { previewTurfCsv } from "~/domain/turf-csv";

const race = { state: "PA", district: "07" };
const ctx = { race, existingCodes: new Set(["OLD-1"]) };
const HEADER = "unit_id,kind,name,size,state,district,county,precinct";

function preview(body: string, c = ctx) {
  const r = previewTurfCsv(body, c);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe("normalizeDistrict", () => {
  it("knows each state's districts and at-large seats", () => {
    expect(normalizeDistrict("PA", "7")).toBe("07");
    expect(normalizeDistrict("PA", "17")).toBe("17");
    expect(normalizeDistrict("PA", "18")).toBeNull();
    expect(normalizeDistrict("PA", "0")).toBeNull();
    expect(normalizeDistrict("WY", "al")).toBe("AL");
    expect(normalizeDistrict("WY", "1")).toBe("AL");
    expect(normalizeDistrict("WY", "2")).toBeNull();
    expect(normalizeDistrict("XX", "1")).toBeNull();
  });
});

describe("placeUnit", () => {
  it("keeps units inside the race's state and district", () => {
    const county = "Lehigh";
    expect(placeUnit({ state: "PA", district: "7", county }, race)).toEqual({ ok: true, unit: { state: "PA", district: "07", county, districtKind: "congressional", locality: null } });
    expect(placeUnit({ state: "NJ", district: "07", county }, race)).toMatchObject({ ok: false, field: "state" });
    expect(placeUnit({ state: "PA", district: "19", county }, race)).toMatchObject({ ok: false, field: "district", message: expect.stringContaining("Unknown district") });
    expect(placeUnit({ state: "PA", district: "08", county }, race)).toMatchObject({ ok: false, field: "district", message: expect.stringContaining("outside") });
    // a statewide race takes any district of its state
    expect(placeUnit({ state: "PA", district: "08", county }, { state: "PA", district: null })).toMatchObject({ ok: true });
  });
});

describe("previewTurfCsv", () => {
  it("parses quoted fields, any column order and case, a BOM, and keeps the units", () => {
    const r = preview(`\uFEFFName,UNIT_ID,Kind,Size,State,District,County\n"Allentown, Ward 1",A-1,walk packet,120,pa,7,Lehigh\n"Bethlehem ""North""",A-2,call_list,"1,500",PA,07,Northampton\n`);
    expect(r.total).toBe(2);
    expect(r.errorRows).toEqual([]);
    expect(r.units).toEqual([
      { code: "A-1", kind: "walk_packet", name: "Allentown, Ward 1", size: 120, state: "PA", district: "07", county: "Lehigh", precinct: null, localOnly: false, districtKind: "congressional", locality: null },
      { code: "A-2", kind: "call_list", name: 'Bethlehem "North"', size: 1500, state: "PA", district: "07", county: "Northampton", precinct: null, localOnly: false, districtKind: "congressional", locality: null },
    ]);
  });

  it("reports each bad row with its line and field, and saves nothing", () => {
    const r = preview(
      [
        HEADER,
        "A-1,walk_packet,Ward 1,120,PA,07,Lehigh,",
        "A-2,walk_packet,Ward 2,lots,PA,07,Lehigh,", // bad number
        "A-3,walk_packet,Ward 3,-5,PA,07,Lehigh,", // negative
        "A-4,walk_packet,Ward 4,10,PA,19,Lehigh,", // unknown district
        "A-5,walk_packet,Ward 5,10,PA,08,Lehigh,", // outside the race
        "A-1,walk_packet,Again,10,PA,07,Lehigh,", // duplicate within the file
        "OLD-1,walk_packet,Old,10,PA,07,Lehigh,", // already in the program
        "A-8,flyer,Ward 8,10,PA,07,Lehigh,", // unknown kind
        "A-9,walk_packet,,10,PA,07,,", // missing name and county
        "A-10,walk_packet,Short row", // missing fields
      ].join("\n"),
    );
    expect(r.total).toBe(10);
    expect(r.valid).toBe(1);
    expect(r.units).toEqual([]);
    const byLine = Object.fromEntries(r.errorRows.map((e) => [e.line, Object.keys(e.errors).sort()]));
    expect(byLine).toEqual({
      3: ["size"],
      4: ["size"],
      5: ["district"],
      6: ["district"],
      7: ["code"],
      8: ["code"],
      9: ["kind"],
      10: ["county", "name"],
      11: ["county", "district", "size", "state"],
    });
    expect(r.errorRows.find((e) => e.line === 7)!.errors.code).toBe("Unit id A-1 is already on line 2.");
    expect(r.errorRows.find((e) => e.line === 5)!.errors.district).toMatch(/Unknown district 19: PA has districts 1 to 17/);
  });

  it("refuses a file with a missing column, naming it", () => {
    const r = previewTurfCsv("unit_id,kind,name,state,district,county\nA,walk_packet,N,PA,07,Lehigh", ctx);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^Missing column: size\./) });
  });

  it("refuses 50,000 rows with the limit, and an oversized file", () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `U${i},walk_packet,W,1,PA,07,Lehigh`);
    const r = previewTurfCsv([HEADER, ...rows].join("\n"), ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(`The file has 50,000 rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString("en-US")} per import. Split it into smaller files. Nothing was saved.`);
    const big = previewTurfCsv("x".repeat(6 * 1024 * 1024), ctx);
    expect(big).toEqual({ ok: false, message: expect.stringContaining("the limit is 5 MB") });
  });

  it("takes exactly the row limit", () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `U${i},walk_packet,W,1,PA,07,Lehigh,`);
    const r = preview([HEADER, ...rows].join("\n"));
    expect(r.units).toHaveLength(MAX_IMPORT_ROWS);
    expect(r.sample).toHaveLength(10);
  });

  it("refuses what is not CSV, an empty file, a header alone, and voter data", () => {
    expect(previewTurfCsv('unit_id,kind\n"A,walk', ctx)).toEqual({ ok: false, message: expect.stringContaining("not a readable CSV") });
    expect(previewTurfCsv("  \n", ctx)).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(previewTurfCsv(HEADER, ctx)).toMatchObject({ ok: false, message: expect.stringContaining("no units") });
    expect(previewTurfCsv(`${HEADER},voter_phone\nA,walk_packet,W,1,PA,07,L,,555`, ctx)).toMatchObject({ ok: false, message: expect.stringContaining("voter data") });
  });

  it("lists columns it ignores", () => {
    const r = preview(`${HEADER},notes\nA,walk_packet,W,1,PA,07,L,,hi`);
    expect(r.ignoredColumns).toEqual(["notes"]);
  });
});

describe("unit and pledge forms", () => {
  it("the unit form trims, normalizes kind and refuses a bad size", () => {
    expect(parseForm(turfUnitForm, { code: " X ", kind: "Text list", name: "T", size: "10", state: "pa", district: "7", county: "Lehigh", precinct: "" })).toEqual({
      ok: true,
      data: { code: "X", kind: "text_list", name: "T", size: 10, state: "PA", district: "7", county: "Lehigh", precinct: null, localOnly: false },
    });
    const bad = parseForm(turfUnitForm, { code: "", kind: "x", name: "T", size: "1.5", state: "ZZ", district: "", county: "L" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["code", "district", "kind", "size", "state"]);
  });

  it("a pledge of negative hours is a field error", () => {
    const r = parseForm(pledgeForm, { affiliateId: "3", workType: "doorknock", weekStart: "2027-03-01", hours: "-4" });
    expect(r).toMatchObject({ ok: false, errors: { hours: "Hours cannot be negative." } });
    expect(parseForm(pledgeForm, { affiliateId: "3", workType: "doorknock", weekStart: "2027-03-02", hours: "4" })).toMatchObject({ ok: false, errors: { weekStart: expect.any(String) } });
    expect(parseForm(pledgeForm, { affiliateId: "3", workType: "doorknock", weekStart: "2027-03-01", hours: "7.5" })).toMatchObject({ ok: true, data: { hours: 7.5 } });
  });

  it("program weeks run Monday to Monday over the program's dates", () => {
    expect(programWeeks("2027-03-03", "2027-03-16")).toEqual(["2027-03-01", "2027-03-08", "2027-03-15"]);
  });
});
