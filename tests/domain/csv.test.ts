import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { toCsv } from "~/domain/csv";

/** The text of one cell, as the writer puts it in a one-column file. */
const cell = (value: unknown) => toCsv(["h"], [[value]]).slice("h\r\n".length, -"\r\n".length);

describe("toCsv", () => {
  it("writes a header and CRLF-ended lines, the last one too", () => {
    expect(toCsv(["id", "name"], [[1, "Alpha"], [2, "Bravo"]])).toBe("id,name\r\n1,Alpha\r\n2,Bravo\r\n");
    expect(toCsv(["id", "name"], [])).toBe("id,name\r\n");
  });

  it("quotes cells with commas, quotes and line breaks; doubles the quotes", () => {
    expect(cell('a,"b"')).toBe('"a,""b"""');
    expect(cell("line\nbreak")).toBe('"line\nbreak"');
    expect(cell("carriage\rreturn")).toBe('"carriage\rreturn"');
    expect(cell("Vera, Jr.")).toBe('"Vera, Jr."');
    expect(cell("plain")).toBe("plain");
  });

  it("defuses spreadsheet formulas: = + - @, tab and CR first", () => {
    expect(cell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(cell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(cell("+1")).toBe("'+1");
    expect(cell("-1+2")).toBe("'-1+2");
    expect(cell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(cell("\tx")).toBe("'\tx");
    expect(cell("\r=1")).toBe("\"'\r=1\"");
    expect(cell("a=b")).toBe("a=b");
  });

  it("writes null and undefined empty, numbers as numbers, booleans as words", () => {
    expect(cell(null)).toBe("");
    expect(cell(undefined)).toBe("");
    expect(cell(0)).toBe("0");
    expect(cell(-3)).toBe("-3");
    expect(cell(true)).toBe("true");
    expect(cell(false)).toBe("false");
  });

  it("reads back, through a CSV parser, as the cells it was given (formulas defused)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const back = parse(toCsv(["a", "b"], rows), { relax_column_count: false }) as string[][];
        const defused = (s: string) => (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s) ? `'${s}` : s);
        expect(back).toEqual([["a", "b"], ...rows.map((r) => r.map(defused))]);
      }),
    );
  });
});
