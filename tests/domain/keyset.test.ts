import { describe, expect, it } from "vitest";
import { encodeCursor, keysetPage, pageSize, readCursor } from "~/domain/keyset";

describe("keyset cursors", () => {
  it("round-trip a sort key through the URL", () => {
    const c = encodeCursor({ dir: "after", key: [3, "PA", "Ada Lin", 41] });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readCursor(new URL(`http://x/?page=${c}`))).toEqual({ dir: "after", key: [3, "PA", "Ada Lin", 41] });
    expect(readCursor(encodeCursor({ dir: "before", key: [null, 2] }))).toEqual({ dir: "before", key: [null, 2] });
  });

  it("reads junk, foreign and oversized cursors as the first page", () => {
    for (const junk of ["", "abc", "!!!", "e30", Buffer.from('["x",1]').toString("base64url"), Buffer.from('["a"]').toString("base64url"), Buffer.from('["a",{"x":1}]').toString("base64url"), "a".repeat(600)]) {
      expect(readCursor(junk)).toBeNull();
    }
    expect(readCursor(new URL("http://x/"))).toBeNull();
  });

  it("cuts the extra row and gives next/prev cursors", () => {
    const key = (n: number) => [n] as const;
    const first = keysetPage([1, 2, 3], 2, null, key);
    expect(first.rows).toEqual([1, 2]);
    expect(first.prev).toBeNull();
    expect(readCursor(first.next)).toEqual({ dir: "after", key: [2] });
    const middle = keysetPage([3, 4, 5], 2, { dir: "after", key: [2] }, key);
    expect(middle.rows).toEqual([3, 4]);
    expect(readCursor(middle.prev)).toEqual({ dir: "before", key: [3] });
    const last = keysetPage([5], 2, { dir: "after", key: [4] }, key);
    expect(last).toMatchObject({ rows: [5], next: null });
    // backwards: the query read 4, 3, (2) before key 5
    const back = keysetPage([4, 3, 2], 2, { dir: "before", key: [5] }, key);
    expect(back.rows).toEqual([3, 4]);
    expect(readCursor(back.next)).toEqual({ dir: "after", key: [4] });
    expect(readCursor(back.prev)).toEqual({ dir: "before", key: [3] });
    expect(keysetPage([2, 1], 2, { dir: "before", key: [3] }, key).prev).toBeNull();
  });

  it("bounds the page size", () => {
    expect(pageSize(new URL("http://x/?size=10"))).toBe(10);
    expect(pageSize(new URL("http://x/?size=100000"))).toBe(200);
    expect(pageSize(new URL("http://x/?size=-1"))).toBe(50);
    expect(pageSize(new URL("http://x/?size=abc"))).toBe(50);
  });
});
