/**
 * Keyset pagination (DESIGN.md "Scale": never OFFSET over a large table). A page is asked for
 * by the sort key of the last row already seen (`after`), or of the first row of the page after
 * the one wanted (`before`); the cursor travels in the URL as an opaque base64url string.
 *
 * A model that pages:
 *   1. decodes the cursor with `readCursor(url or string)` (a bad or foreign cursor reads as the
 *      first page, never an error: people paste links);
 *   2. runs its indexed query with `limit + 1` rows past the key (`where (k1, k2, id) > (?, ?, ?)`
 *      with SQLite's row values, in the index's order), and
 *   3. hands the rows to `keysetPage`, which cuts the extra row off and says whether there is more.
 */

/** One sort key: the values of the ordering columns of a row, the unique id last. */
export type SortKey = readonly (string | number | null)[];

export type Cursor = { dir: "after" | "before"; key: SortKey };

export type KeysetPage<T> = {
  rows: T[];
  /** Cursor for the next page (rows after the last one here), or null on the last page. */
  next: string | null;
  /** Cursor for the previous page (rows before the first one here), or null on the first page. */
  prev: string | null;
};

/** The page size every list uses unless it has a reason not to. */
export const PAGE_SIZE = 50;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.dir === "after" ? "a" : "b", ...cursor.key]), "utf8").toString("base64url");
}

/** The cursor in a URL's `?page=` (or a raw string); null for none, or for anything not a cursor. */
export function readCursor(from: URL | string | null | undefined, param = "page"): Cursor | null {
  const raw = from instanceof URL ? from.searchParams.get(param) : from;
  if (!raw || raw.length > 512 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length < 2 || (parsed[0] !== "a" && parsed[0] !== "b")) return null;
    const key = parsed.slice(1);
    if (!key.every((v) => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))) return null;
    return { dir: parsed[0] === "a" ? "after" : "before", key: key as SortKey };
  } catch {
    return null;
  }
}

/**
 * The page from a query that asked for `limit + 1` rows in the cursor's direction (for a
 * `before` cursor, the query reads backwards: reverse order, rows before the key). Returns the
 * rows in display order with the cursors either side.
 */
export function keysetPage<T>(fetched: T[], limit: number, cursor: Cursor | null, keyOf: (row: T) => SortKey): KeysetPage<T> {
  const more = fetched.length > limit;
  const kept = more ? fetched.slice(0, limit) : fetched;
  const backwards = cursor?.dir === "before";
  const rows = backwards ? [...kept].reverse() : kept;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : cursor !== null;
  return {
    rows,
    next: hasNext && last !== undefined ? encodeCursor({ dir: "after", key: keyOf(last) }) : null,
    prev: hasPrev && first !== undefined ? encodeCursor({ dir: "before", key: keyOf(first) }) : null,
  };
}

/** A page size from `?size=`, within 1..max (default PAGE_SIZE). */
export function pageSize(url: URL, max = 200, fallback = PAGE_SIZE): number {
  const n = Number(url.searchParams.get("size"));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}
