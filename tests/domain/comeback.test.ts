import { describe, expect, it } from "vitest";
import { acknowledgeHref, comeBackUrl, KEPT_VALUE_MAX, keptValues } from "~/domain/comeback";

describe("the come-back after a rule F6 refusal", () => {
  it("keeps the page's own query, drops Remix's markers and the intent, and reads the values back for that form only", () => {
    const url = comeBackUrl("/tables/1/matrix.data?state=PA&index&cell=4-2", "stance", { intent: "stance", stance: "endorsed", note: "Line one\nline two & more", tags: ["a", "b"] });
    const parsed = new URL(url, "http://x");
    expect(parsed.pathname).toBe("/tables/1/matrix");
    expect(parsed.searchParams.get("state")).toBe("PA");
    expect(parsed.searchParams.get("cell")).toBe("4-2");
    expect(parsed.searchParams.has("index")).toBe(false);
    expect(keptValues(parsed.searchParams, "stance")).toEqual({ stance: "endorsed", note: "Line one\nline two & more", tags: ["a", "b"] });
    expect(keptValues(parsed.searchParams, "pledge")).toBeNull();
  });

  it("never carries a password, cuts long values, and reads junk as nothing", () => {
    const url = comeBackUrl("/p", "x", { password: "secret", note: "n".repeat(KEPT_VALUE_MAX + 50) });
    const kept = keptValues(new URL(url, "http://x").searchParams, "x")!;
    expect(kept.password).toBeUndefined();
    expect(kept.note).toHaveLength(KEPT_VALUE_MAX);
    for (const junk of ["", "not json", "[1,2]", "null", '{"a":1,"b":{"c":2}}']) {
      const out = keptValues(new URLSearchParams({ keep: "x", kept: junk }), "x");
      expect(out === null || Object.keys(out).length === 0).toBe(true);
    }
    expect(keptValues(new URLSearchParams({ keep: "x", kept: '{"password":"p","ok":"yes"}' }), "x")).toEqual({ ok: "yes" });
  });

  it("a second refusal replaces the kept values instead of piling them up", () => {
    const first = comeBackUrl("/p?a=1", "x", { v: "1" });
    const second = comeBackUrl(first, "x", { v: "2" });
    const search = new URL(second, "http://x").searchParams;
    expect(search.getAll("kept")).toHaveLength(1);
    expect(keptValues(search, "x")).toEqual({ v: "2" });
    expect(search.get("a")).toBe("1");
  });

  it("links to the table's policy page with the way back encoded", () => {
    expect(acknowledgeHref(3, "/tables/3/x?keep=a&kept=%7B%7D")).toBe("/tables/3/firewall/policies?redirectTo=%2Ftables%2F3%2Fx%3Fkeep%3Da%26kept%3D%257B%257D");
  });
});
