/**
 * A small word-level diff for agreement changes (issue 17): what a member proposes against
 * the version it read. Own code rather than a package: the `diff` package sits in
 * node_modules only as another package's dependency, and this is forty lines of longest
 * common subsequence over words. Pure.
 */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Words and the runs of space between them, so that joining the parts gives the text back. */
function tokens(s: string): string[] {
  return s.match(/\s+|\S+/g) ?? [];
}

/** Above this many cells the middle is shown as one removal and one addition (bounded work). */
const MAX_CELLS = 4_000_000;

/** The word diff from `before` to `after`: joining the same and removed parts gives `before`, the same and added parts `after`. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) (endA--, endB--);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push("same", a.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push("removed", midA.join(""));
    push("added", midB.join(""));
  } else {
    // lcs[i][j]: the longest common subsequence of midA[i..] and midB[j..]
    const n = midA.length;
    const m = midB.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) (push("same", midA[i]), i++, j++);
      else if (j < m && (i === n || lcs[i][j + 1] > lcs[i + 1][j])) (push("added", midB[j]), j++);
      else (push("removed", midA[i]), i++);
    }
  }
  push("same", a.slice(endA).join(""));
  return parts;
}

/** Whether a diff changes anything. */
export const changed = (parts: readonly DiffPart[]) => parts.some((p) => p.kind !== "same");
