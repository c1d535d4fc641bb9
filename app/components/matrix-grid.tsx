import { Link, useFetcher } from "@remix-run/react";
import { memo, useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { STANCE_LABELS } from "~/domain/critical-mass";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { countLabel, neededLabel, stanceAt } from "~/domain/matrix";
import { ordinal } from "~/domain/critical-mass";
import type { LegalType, Stance } from "~/domain/vocabulary";
import { StanceForm } from "./stance-form";
import { ProcessForm } from "./process-form";
import { cellText } from "~/domain/processes";
import { RecordedText } from "./stance-notice";

export type GridPartner = { id: number; name: string; shortName: string; legalType: LegalType; own: boolean };
/** `cells`: the row's stances, one letter per partner in the columns' order (app/domain/matrix.ts stanceCodes). */
/** `steps`: by partner id, the step each partner's own process has reached on this candidate (issue 17). */
export type GridRow = { id: number; name: string; raceId: number; raceLabel: string; cells: string; count: number; needed: number; steps: Record<number, string>; ranks?: Record<number, number> };

/** What the matrix action answers a stance recorded in place (`inplace=1`): no redirect, the fetcher revalidates. */
export type InPlaceAnswer =
  | { intent: "stance"; ok: true; candidateId: number; partnerId: number; stance: Stance; subtable: string | null; sub: number | null }
  | { intent: string; errors: Record<string, string>; values: Record<string, string | string[]> };

const cellKey = (candidateId: number, partnerId: number) => `${candidateId}-${partnerId}`;

/** The element of a cell that takes focus: the candidate's link in a row header, else the cell itself. */
function focusTarget(cell: HTMLTableCellElement): HTMLElement {
  return (cell.tagName === "TH" ? cell.querySelector<HTMLElement>("a") : null) ?? cell;
}

/** The first partner column (after the candidate and the count). */
const FIRST_PARTNER = 2;

/**
 * The endorsement matrix as an ARIA grid (a <table role="grid">): candidates down (the row
 * headers stick to the left), partners across (the column headers stick to the top), the
 * viewer's own partner first and marked "(you)". A stance cell is a plain cell (a few bytes:
 * a page of 50 candidates by 60 partners stays small), made focusable once hydrated.
 *
 * Keyboard model (said on the page too): Tab reaches the grid once, at the last cell used;
 * the arrow keys move between cells, Home and End to the row's ends, Ctrl+Home and Ctrl+End
 * to the grid's corners, Page Up and Page Down ten rows. Enter (or Space, or a click) on a
 * stance cell this person may record opens its editor, a modal dialog with focus in its first
 * field; Escape closes it and focus returns to the cell. Enter on a candidate's name opens
 * the profile.
 *
 * Without JavaScript each row has a "Record a stance" link (`?cell=candidate`, in a noscript)
 * to the server-rendered editor, whose form posts and redirects back, as before.
 */
export function MatrixGrid(props: {
  coalitionId: number;
  threshold: number;
  partners: GridPartner[];
  rows: GridRow[];
  splitRaceIds: number[];
  recordable: number[];
  /** Partners whose notes this person may mark private. */
  privatePartners: number[];
  /** The steps of the partners whose process this person keeps (issue 17), and where each of their cells stands. */
  processSteps: Record<number, { id: number; label: string }[]>;
  ownProcesses: Record<string, { stepId: number | null; expectedOn: string | null }>;
  today: string;
  /** The query of this page (filters and page), for the no-JavaScript "Record a stance" links. */
  query: string;
  /** The cell open in the server-rendered editor (no JavaScript), highlighted. */
  selected: string | null;
}) {
  const { partners, rows, recordable } = props;
  const fetcher = useFetcher<InPlaceAnswer>();
  const table = useRef<HTMLTableElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const active = useRef<[number, number]>([1, 0]);
  const [editing, setEditing] = useState<{ candidateId: number; partnerId: number; opened: number } | null>(null);
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<ReactNode>(null);
  const handled = useRef<unknown>(null);

  // The roving tabindex, once hydrated: one cell in the tab order, the rest reached by arrow keys.
  useEffect(() => {
    const t = table.current;
    if (!t) return;
    for (const row of Array.from(t.rows)) for (const cell of Array.from(row.cells)) focusTarget(cell).tabIndex = -1;
    let [r, c] = active.current;
    if (!t.rows[r]?.cells[c]) {
      r = Math.min(1, t.rows.length - 1);
      c = 0;
      active.current = [r, c];
    }
    focusTarget(t.rows[r].cells[c]).tabIndex = 0;
  }, [rows, partners]);

  const moveTo = useCallback((r: number, c: number, focus = true) => {
    const t = table.current;
    if (!t) return;
    const row = t.rows[Math.max(0, Math.min(r, t.rows.length - 1))];
    const cell = row.cells[Math.max(0, Math.min(c, row.cells.length - 1))];
    const [pr, pc] = active.current;
    const prev = t.rows[pr]?.cells[pc];
    if (prev) focusTarget(prev).tabIndex = -1;
    const el = focusTarget(cell);
    el.tabIndex = 0;
    active.current = [row.rowIndex, cell.cellIndex];
    if (focus) el.focus();
  }, []);

  /** The table's row and column of a candidate's cell for a partner. */
  const place = useCallback(
    (candidateId: number, partnerId: number): [number, number] | null => {
      const r = rows.findIndex((x) => x.id === candidateId);
      const c = partners.findIndex((p) => p.id === partnerId);
      return r < 0 || c < 0 ? null : [r + 1, c + FIRST_PARTNER];
    },
    [rows, partners],
  );

  /** The candidate and partner of a table cell, when this person may record that partner's stance. */
  const editable = (cell: HTMLTableCellElement) => {
    const row = rows[(cell.parentElement as HTMLTableRowElement).rowIndex - 1];
    const partner = partners[cell.cellIndex - FIRST_PARTNER];
    return cell.tagName === "TD" && row && partner && recordable.includes(partner.id) ? { candidateId: row.id, partnerId: partner.id } : null;
  };

  const open = (cell: HTMLTableCellElement) => {
    const at = editable(cell);
    if (at) setEditing((prev) => ({ ...at, opened: (prev?.opened ?? 0) + 1 }));
    return at !== null;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.altKey || e.metaKey || e.shiftKey) return;
    const cell = (e.target as HTMLElement).closest("td, th") as HTMLTableCellElement | null;
    if (!cell || !table.current) return;
    const r = (cell.parentElement as HTMLTableRowElement).rowIndex;
    const c = cell.cellIndex;
    const last = table.current.rows.length - 1;
    const lastCol = table.current.rows[r].cells.length - 1;
    const moves: Record<string, [number, number]> = {
      ArrowRight: [r, c + 1],
      ArrowLeft: [r, c - 1],
      ArrowDown: [r + 1, c],
      ArrowUp: [r - 1, c],
      Home: e.ctrlKey ? [0, 0] : [r, 0],
      End: e.ctrlKey ? [last, lastCol] : [r, lastCol],
      PageDown: [r + 10, c],
      PageUp: [r - 10, c],
    };
    if ((e.key === "Enter" || e.key === " ") && e.target === cell) {
      if (open(cell)) e.preventDefault();
      return;
    }
    const to = moves[e.key];
    if (!to) return;
    e.preventDefault();
    moveTo(to[0], to[1]);
  };

  // A click on a stance cell this person may record opens its editor.
  const onClick = (e: MouseEvent<HTMLTableElement>) => {
    if ((e.target as HTMLElement).closest("a")) return;
    const cell = (e.target as HTMLElement).closest("td") as HTMLTableCellElement | null;
    if (cell && open(cell)) moveTo((cell.parentElement as HTMLTableRowElement).rowIndex, cell.cellIndex, false);
  };

  const onFocus = (e: FocusEvent<HTMLTableElement>) => {
    const cell = (e.target as HTMLElement).closest("td, th") as HTMLTableCellElement | null;
    if (cell && focusTarget(cell) === e.target) moveTo((cell.parentElement as HTMLTableRowElement).rowIndex, cell.cellIndex, false);
  };

  // Open the dialog when a cell is chosen, with focus in its first field.
  useEffect(() => {
    const d = dialog.current;
    if (!editing || !d) return;
    if (!d.open) d.showModal();
    d.querySelector<HTMLElement>("select, input:not([type=hidden]), textarea")?.focus();
  }, [editing]);

  // Escape (the dialog's cancel) or Close: back to the cell.
  const onClose = () => {
    const at = editing ? place(editing.candidateId, editing.partnerId) : null;
    if (at) moveTo(at[0], at[1]);
    setEditing(null);
  };

  // The fetcher's answer: a refusal shows in the cell at once; a recorded stance, once the page has
  // revalidated (the row's count with it), closes the editor and is announced.
  useEffect(() => {
    const data = fetcher.data;
    if (!data || handled.current === data || ("ok" in data && fetcher.state !== "idle")) return;
    handled.current = data;
    if ("ok" in data) {
      const key = cellKey(data.candidateId, data.partnerId);
      setRefusals(({ [key]: _gone, ...rest }) => rest);
      const partner = partners.find((p) => p.id === data.partnerId);
      const row = rows.find((r) => r.id === data.candidateId);
      setNotice(
        <RecordedText
          coalitionId={props.coalitionId}
          kind={data.subtable}
          sub={data.sub}
          detail={partner && row ? `${partner.shortName} on ${row.name}: ${STANCE_LABELS[data.stance]}; ${countLabel(row.count, props.threshold)}, ${neededLabel(row.needed)}.` : null}
        />,
      );
      dialog.current?.close();
    } else if ("errors" in data) {
      const key = cellKey(Number(data.values.candidateId), Number(data.values.partnerId));
      const message = Object.values(data.errors)[0] ?? "Refused.";
      setRefusals((r) => ({ ...r, [key]: message }));
    }
  }, [fetcher.state, fetcher.data, partners, rows, props.threshold, props.coalitionId]);

  const editRow = editing ? rows.find((r) => r.id === editing.candidateId) : undefined;
  const editPartner = editing ? partners.find((p) => p.id === editing.partnerId) : undefined;
  const editCurrent = editRow && editPartner ? stanceAt(editRow.cells, partners.indexOf(editPartner)) : null;
  const editKey = editing ? cellKey(editing.candidateId, editing.partnerId) : null;
  const answer = fetcher.data && "errors" in fetcher.data && editKey === cellKey(Number(fetcher.data.values.candidateId), Number(fetcher.data.values.partnerId)) ? fetcher.data : undefined;
  const own = partners.filter((p) => p.own);
  const recordableSet = new Set(recordable);
  const split = new Set(props.splitRaceIds);

  return (
    <>
      <div role="status" className="matrix-status">
        {notice ? <p className="notice ok">{notice}</p> : null}
      </div>
      <p className="hint" id="matrix-keys">
        {own.length > 0 ? `Your partner's column (${own.map((p) => p.shortName).join(", ")}) comes first. ` : null}
        Keyboard: Tab into the grid, arrow keys move between cells, Enter opens a cell's editor, Escape closes it.
      </p>
      <div className="matrix-scroll">
        <table ref={table} role="grid" className="mx" aria-labelledby="matrix-title" aria-describedby="matrix-keys" onKeyDown={onKeyDown} onClick={onClick} onFocus={onFocus}>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Endorsing</th>
              {partners.map((p) => (
                <th key={p.id} scope="col" className={p.own ? "own" : undefined}>
                  <abbr title={`${p.name} (${LEGAL_TYPE_LABELS[p.legalType]})`}>{p.shortName}</abbr>
                  {p.own ? <span className="you"> (you)</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={recordable.length > 0 ? "editable" : undefined}>
            {rows.map((r) => (
              <GridRowView
                key={r.id}
                row={r}
                partners={partners}
                recordable={recordableSet}
                threshold={props.threshold}
                split={split.has(r.raceId)}
                base={`/tables/${props.coalitionId}`}
                query={props.query}
                refusals={refusals}
                selected={props.selected}
              />
            ))}
          </tbody>
        </table>
      </div>
      <dialog ref={dialog} className="cell-dialog" aria-labelledby="cell-dialog-title" onClose={onClose}>
        {editing && editRow && editPartner ? (
          <>
            <h2 id="cell-dialog-title">
              {editPartner.shortName} on {editRow.name}
            </h2>
            <p className="muted">
              {`${editRow.raceLabel} · ${editPartner.name} (${LEGAL_TYPE_LABELS[editPartner.legalType]}) · now: ${editCurrent ? STANCE_LABELS[editCurrent] : "no stance"}`}
            </p>
            <StanceForm
              key={`${editKey}-${editing.opened}`}
              formId="matrix-cell-form"
              candidateId={editRow.id}
              partner={editPartner}
              current={editCurrent}
              canPrivate={props.privatePartners.includes(editPartner.id)}
              today={props.today}
              actionData={answer}
              as={fetcher.Form}
              busy={fetcher.state !== "idle"}
              hidden={<input type="hidden" name="inplace" value="1" />}
            />
            {props.processSteps[editPartner.id] ? (
              <section aria-labelledby="cell-process-title">
                <h3 id="cell-process-title">{editPartner.shortName}'s endorsement process</h3>
                <ProcessForm
                  key={`${editKey}-${editing.opened}-process`}
                  formId="matrix-process-form"
                  candidateId={editRow.id}
                  partner={editPartner}
                  steps={props.processSteps[editPartner.id]}
                  current={props.ownProcesses[editKey ?? ""] ?? null}
                  stepsHref={`/tables/${props.coalitionId}/processes/${editPartner.id}`}
                />
              </section>
            ) : null}
            <p>
              <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
                Close
              </button>
            </p>
          </>
        ) : null}
      </dialog>
    </>
  );
}

/** A refusal's first sentence, for the cell (the editor says it all). */
function firstSentence(message: string): string {
  const end = message.search(/\.\s/);
  return end < 0 ? message : message.slice(0, end + 1);
}

const CELL_CLASS: Record<Stance, string> = { endorsed: "e", considering: "c", declined: "d", withdrawn: "w" };

/** One candidate's row; re-rendered only when its data, the partners or its refusals change. */
const GridRowView = memo(function GridRowView(props: {
  row: GridRow;
  partners: GridPartner[];
  recordable: Set<number>;
  threshold: number;
  split: boolean;
  base: string;
  query: string;
  refusals: Record<string, string>;
  selected: string | null;
}) {
  const { row: r, refusals } = props;
  return (
    <tr>
      <th scope="row">
        <Link to={`${props.base}/candidates/${r.id}`}>{r.name}</Link>
        <small>
          {r.raceLabel}
          {props.split ? <span className="badge status-below_critical_mass">split race</span> : null}
        </small>
        {props.recordable.size > 0 ? (
          <noscript>
            <a href={`?${props.query}${props.query ? "&" : ""}cell=${r.id}#cell-editor`}>Record a stance</a>
          </noscript>
        ) : null}
      </th>
      <td className={r.needed === 0 ? "count reached" : "count"}>
        {countLabel(r.count, props.threshold)}
        <small>{neededLabel(r.needed)}</small>
      </td>
      {props.partners.map((p, i) => {
        const stance = stanceAt(r.cells, i);
        const key = cellKey(r.id, p.id);
        const refusal = refusals[key];
        const cls = [stance ? CELL_CLASS[stance] : "", p.own ? "own" : "", props.selected === key ? "selected" : "", refusal ? "refused" : ""].filter(Boolean).join(" ");
        return (
          <td key={p.id} className={cls || undefined}>
            {cellText(stance, r.steps[p.id] ?? null) || null}
            {r.ranks?.[p.id] ? <small className="cell-rank">{` ranked ${ordinal(r.ranks[p.id])}`}</small> : null}
            {refusal ? <span className="cell-refusal" title={refusal}>{`Refused: ${firstSentence(refusal)}`}</span> : null}
          </td>
        );
      })}
    </tr>
  );
});
