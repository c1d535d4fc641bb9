import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useMemo } from "react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, Textarea, Tick, useActionForm, type FormState } from "~/components/form";
import { ProgramHeader } from "~/components/program-nav";
import {
  IMPORT_LIMIT_MESSAGE,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  moveUnitForm,
  NO_CSV_MESSAGE,
  TURF_KIND_LABELS,
  unitSize,
  turfImportForm,
  turfUnitEditForm,
  turfUnitForm,
  unitDeleteForm,
  unitLockForm,
  unitDistrictLabel,
} from "~/domain/field-forms";
import { formValues, type PostedValues, single } from "~/domain/forms";
import { can, type Principal } from "~/domain/permissions";
import { covers } from "~/domain/split";
import type { CsvPreview } from "~/domain/turf-csv";
import { getUnitRow, pageUnits, type UnitFilter } from "~/models/split.server";
import { pageSize, readCursor } from "~/domain/keyset";
import { Pager } from "~/components/pager";
import { addUnit, deleteUnit, importUnits, moveUnit, previewImport, setUnitLock, updateUnit } from "~/models/turf.server";
import { programAccess, requireProgram } from "~/server/guards/program-access.server";
import { handle, intQuery, invalid, parse, redirect, refused, submit } from "~/server/http.server";
import { TURF_KINDS, type TurfKind } from "~/domain/vocabulary";

/** The turf page's filters from the URL; unknown values are ignored. */
function unitFilter(url: URL): UnitFilter & { holder: number | "none" | null; kind: TurfKind | null; uncovered: boolean } {
  const kindParam = url.searchParams.get("kind");
  const holderParam = url.searchParams.get("holder") ?? url.searchParams.get("affiliate");
  const holderId = holderParam && /^[1-9][0-9]{0,9}$/.test(holderParam) ? Number(holderParam) : null;
  return {
    kind: TURF_KINDS.find((k) => k === kindParam) ?? null,
    holder: holderParam === "none" ? "none" : holderId,
    uncovered: url.searchParams.get("uncovered") === "1",
  };
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail, members, participants: affiliates, db } = await programAccess({ params, request, context });
    const url = new URL(request.url);
    const filter = unitFilter(url);
    const page = pageUnits(db, user, { programId, cursor: readCursor(url), size: pageSize(url, 100), filter });
    const units = page.rows.map((u) => ({
      ...u,
      // who this unit may be moved to: affiliates of the sub-table whose coverage contains it
      movableTo: affiliates.filter((a) => a.id !== u.holderId && covers(a.coverage, u)).map((a) => ({ id: a.id, name: `${a.name} (${a.partnerShortName})` })),
    }));
    const editId = intQuery(url, "edit");
    return {
      coalitionId,
      // an ally's lead sees its program, not the rest of the table: no links there
      seesTable: can(user, { action: "table.view", coalitionId }).ok,
      ...detail,
      units,
      total: page.total,
      next: page.next,
      prev: page.prev,
      filter,
      affiliates: affiliates.map((a) => ({ id: a.id, name: `${a.name} (${a.partnerShortName})` })),
      mine: leadAffiliates(user),
      editing: editId ? getUnitRow(db, user, { programId, unitId: editId }) : null,
      imported: intQuery(url, "imported"),
      canTurf: can(user, { action: "program.turf", coalitionId, memberPartnerIds: members }).ok,
      canManage: can(user, { action: "program.manage", coalitionId, memberPartnerIds: members }).ok,
    };
  });
}

function leadAffiliates(user: Principal): number[] {
  return user.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId !== null).map((g) => g.affiliateId!);
}

type PreviewData = { intent: "preview" | "import"; preview: CsvPreview | null; content: string; errors: Record<string, string>; values: PostedValues };

/**
 * Reads the form, with the CSV from the uploaded file or else from the text box. A body
 * larger than the import limit is refused before it is read.
 */
async function readTurfForm(request: Request): Promise<{ values: PostedValues; content: string | null; tooBig: boolean }> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_IMPORT_BYTES * 2 + 65_536) return { values: {}, content: null, tooBig: true };
  let fd: FormData;
  try {
    fd = await request.formData();
  } catch {
    return { values: {}, content: null, tooBig: false };
  }
  const values = formValues(fd);
  const file = fd.get("file");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_IMPORT_BYTES) return { values, content: null, tooBig: true };
    return { values, content: await file.text(), tooBig: false };
  }
  return { values, content: (single(values.csv) || null), tooBig: false };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, members, db } = await programAccess({ params, request, context });
    const here = `/tables/${coalitionId}/programs/${programId}/turf`;
    const { values, content, tooBig } = await readTurfForm(request);
    const intent = values.intent ?? "";
    requireProgram(user, coalitionId, members, ["move", "lock", "unlock"].includes(intent) ? "program.manage" : "program.turf", context);
    const back = single(values.back).startsWith("?") ? single(values.back) : "";
    switch (intent) {
      case "preview":
      case "import": {
        const { csv: _csv, ...kept } = values;
        // turfImportForm's two checks, made here on the bytes (a file is not a form value on the server)
        if (tooBig) return data<PreviewData>({ intent, preview: null, content: "", errors: { csv: IMPORT_LIMIT_MESSAGE }, values: kept }, { status: 400 });
        if (!content || content.trim() === "") return data<PreviewData>({ intent, preview: null, content: "", errors: { csv: NO_CSV_MESSAGE }, values: kept }, { status: 400 });
        if (intent === "preview") {
          const preview = previewImport(db, user, { coalitionId, programId, content });
          const clean = preview.ok && preview.errorRows.length === 0;
          const errors: Record<string, string> = preview.ok ? {} : { csv: preview.message };
          return data<PreviewData>({ intent, preview: preview.ok ? { ...preview, units: [] } : null, content: clean ? content : "", errors, values: kept }, { status: clean ? 200 : 400 });
        }
        const r = importUnits(db, user, { coalitionId, programId, content });
        if (r.ok) return redirect(`${here}?imported=${r.count}`);
        const preview = "preview" in r && r.preview.ok ? { ...r.preview, units: [] } : null;
        return data<PreviewData>({ intent: "preview", preview, content: "", errors: { csv: r.message }, values: kept }, { status: 400 });
      }
      case "add":
        return submit(intent, turfUnitForm, values, (input) => addUnit(db, user, { coalitionId, programId, ...input }), () => here);
      case "edit":
        return submit(intent, turfUnitEditForm, values, ({ unitId, ...input }) => updateUnit(db, user, { coalitionId, programId, unitId, ...input }), () => here);
      case "delete": {
        const which = parse(unitDeleteForm, values);
        if (!which.ok) return invalid(intent, which.errors, values);
        const r = deleteUnit(db, user, { coalitionId, programId, unitId: which.data.unitId });
        if (!r.ok) return refused(intent, r, values, 400, request);
        return redirect(here);
      }
      case "move": {
        const parsed = parse(moveUnitForm, values);
        if (!parsed.ok) return invalid(intent, parsed.errors, values);
        const r = moveUnit(db, user, { coalitionId, programId, ...parsed.data });
        if (!r.ok) return refused(intent, r, values, 400, request);
        return redirect(`${here}${back}`);
      }
      case "lock":
      case "unlock": {
        const which = parse(unitLockForm, values);
        if (!which.ok) return invalid(intent, which.errors, values);
        const r = setUnitLock(db, user, { coalitionId, programId, unitId: which.data.unitId, locked: intent === "lock" });
        if (!r.ok) return refused(intent, r, values, 400, request);
        return redirect(`${here}${back}`);
      }
      default:
        return invalid("add", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

const KIND_OPTIONS = TURF_KINDS.map((k) => ({ value: k, label: TURF_KIND_LABELS[k] }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

function UnitFields({ fields, districtLabel }: { fields: Record<"code" | "kind" | "name" | "size" | "state" | "district" | "county" | "precinct" | "localOnly", AnyField>; districtLabel: string }) {
  return (
    <>
      <div className="form-row">
        <Input field={fields.code} label="Unit id" hint="Its id in your list, unique in this program." />
        <Choice field={fields.kind} label="Kind" options={KIND_OPTIONS} />
      </div>
      <div className="form-row">
        <Input field={fields.name} label="Name" />
        <Input field={fields.size} label="Size (doors or numbers)" inputMode="numeric" />
      </div>
      <div className="form-row">
        <Input field={fields.state} label="State" />
        <Input field={fields.district} label={districtLabel} />
        <Input field={fields.county} label="County" />
        <Input field={fields.precinct} label="Precinct" />
        <Tick field={fields.localOnly} label="Local callers only" hint="A call or text list otherwise goes to callers anywhere; doors are always local." />
      </div>
    </>
  );
}

/** The action's answer if it is for this row's form (its hidden id), so one row's refusal stays on that row. */
function forRow(actionData: unknown, key: string, id: number) {
  const values = (actionData as FormState | undefined)?.values;
  return values && single(values[key]) === String(id) ? actionData : undefined;
}

/** Moving a unit to another affiliate whose coverage contains it, in the unit's row. */
function MoveForm({ unit, back, actionData }: { unit: { id: number; code: string; movableTo: { id: number; name: string }[] }; back: string; actionData: unknown }) {
  const { form, fields } = useActionForm(moveUnitForm, { intent: "move", id: `move-${unit.id}`, actionData: forRow(actionData, "unitId", unit.id), defaultValue: { unitId: String(unit.id) } });
  const error = fields.affiliateId.errors?.[0];
  const { key, ...select } = getSelectProps(fields.affiliateId);
  return (
    <ConformForm form={form} intent="move" className="inline-form">
      <input type="hidden" name={fields.unitId.name} value={unit.id} />
      <input type="hidden" name="back" value={back} />
      <label className="visually-hidden" htmlFor={fields.affiliateId.id}>
        Move {unit.code} to
      </label>
      <select key={key} {...select}>
        <option value="">Move to…</option>
        {unit.movableTo.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <Submit intent="move" className="secondary" pendingText="…">
        Move
      </Submit>
      {error ? (
        <span className="field-error" id={fields.affiliateId.errorId} role="alert">
          {error}
        </span>
      ) : null}
    </ConformForm>
  );
}

/** Editing a unit (the server reads `turfUnitEditForm`: these fields and the unit's hidden id); keyed by the unit, so choosing another unit fills the form afresh. */
function EditUnitForm({ unit, actionData, districtLabel }: { districtLabel: string; unit: { id: number; code: string; kind: string; name: string; size: number; state: string; district: string; county: string; precinct: string | null; localOnly: boolean }; actionData: unknown }) {
  const { form, fields } = useActionForm(turfUnitForm, { intent: "edit", actionData, defaultValue: { ...unit, size: String(unit.size), precinct: unit.precinct ?? "", localOnly: unit.localOnly ? "on" : "" } });
  return (
    <ConformForm form={form} intent="edit" className="stack">
      <input type="hidden" name="unitId" value={unit.id} />
      <FormErrors form={form} />
      <UnitFields fields={fields} districtLabel={districtLabel} />
      <Submit intent="edit">Save unit</Submit>
    </ConformForm>
  );
}

function ImportPreview({ result }: { result: PreviewData }) {
  const p = result.preview;
  if (!p || !p.ok) return null;
  const clean = p.errorRows.length === 0;
  return (
    <section aria-labelledby="preview-title" className="preview">
      <h3 id="preview-title">Preview</h3>
      <p className={`notice ${clean ? "ok" : "warn"}`} role="status">
        {p.total.toLocaleString("en-US")} row(s): {p.valid.toLocaleString("en-US")} ready, {p.errorRows.length.toLocaleString("en-US")} with errors.{" "}
        {clean ? "Nothing is saved until you confirm." : "Fix the rows below and check the file again. Nothing was saved."}
        {p.ignoredColumns.length ? ` Ignored columns: ${p.ignoredColumns.join(", ")}.` : ""}
      </p>
      {p.errorRows.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table aria-label="Rows with errors">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Unit id</th>
                <th scope="col">Errors</th>
              </tr>
            </thead>
            <tbody>
              {p.errorRows.slice(0, 200).map((r) => (
                <tr key={r.line} data-line={r.line}>
                  <td>{r.line}</td>
                  <td>{r.values.code || "—"}</td>
                  <td>
                    <ul className="row-errors">
                      {Object.entries(r.errors).map(([field, message]) => (
                        <li key={field}>{message}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.errorRows.length > 200 ? <p className="hint">…and {p.errorRows.length - 200} more rows with errors.</p> : null}
        </div>
      ) : (
        <>
          <div className="table-scroll" tabIndex={0}>
            <table aria-label="First rows">
              <thead>
                <tr>
                  <th scope="col">Unit id</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Name</th>
                  <th scope="col">Size</th>
                  <th scope="col" className="hide-narrow">
                    Place
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.sample.map((r) => (
                  <tr key={r.line}>
                    <td>{r.values.code}</td>
                    <td>{r.values.kind}</td>
                    <td>{r.values.name}</td>
                    <td>{r.values.size}</td>
                    <td className="hide-narrow">
                      {r.values.state}-{r.values.district}, {r.values.county}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="csv" value={result.content} />
            <Submit intent="import" pendingText="Saving…">
              Save {p.total.toLocaleString("en-US")} units
            </Submit>
          </Form>
        </>
      )}
    </section>
  );
}

export default function TurfPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // a refused "Save … units" shows on the check form, as a checked file does
  const imported = actionData && (actionData.intent === "preview" || actionData.intent === "import") ? (actionData as PreviewData) : undefined;
  // one object per answer (a new one each render would be a new answer to conform each time)
  const importAnswer = useMemo(() => (imported ? { ...imported, intent: "preview" } : undefined), [imported]);
  const importing = useActionForm(turfImportForm, { intent: "preview", actionData: importAnswer });
  const adding = useActionForm(turfUnitForm, { intent: "add", actionData, defaultValue: { state: d.race.state, district: d.race.district ?? "" } });
  // the buttons of the rows (move, lock, unlock) and "Remove" say a refusal above the units
  const rowError = actionData && ["move", "lock", "unlock", "delete"].includes(actionData.intent) ? (actionData.errors?._form ?? actionData.errors?.unitId ?? null) : null;
  const file = importing.fields.file;
  const fileError = file.errors?.[0];
  const { key: fileKey, ...fileInput } = getInputProps(file, { type: "file" });
  const here = `/tables/${d.coalitionId}/programs/${d.program.id}/turf`;
  // after a move or lock, back to the same filters and page
  const back = useLocation().search;
  return (
    <>
      <ProgramHeader head={d} title="Turf" />
      <p className="hint">Units of the universe and their sizes only: no voter names or numbers are stored here.</p>
      {d.imported ? (
        <p className="notice ok" role="status">
          Saved {d.imported} units and split them among the affiliates.
        </p>
      ) : null}

      {d.canTurf ? (
        <section className="card" aria-labelledby="import-title">
          <h2 id="import-title" style={{ marginTop: 0 }}>
            Import from a CSV file
          </h2>
          <p className="hint">
            Header: unit_id, kind, name, size, state, district ({unitDistrictLabel(d.race).toLowerCase()}), county, precinct (optional). Kind is walk_packet, call_list or text_list. Up to {MAX_IMPORT_ROWS.toLocaleString("en-US")} rows and {MAX_IMPORT_BYTES / 1024 / 1024} MB per
            file. You see a preview first; nothing is saved until you confirm a preview without errors.
          </p>
          <ConformForm form={importing.form} intent="preview" encType="multipart/form-data" className="stack">
            <FormErrors form={importing.form} />
            <div className={`field${fileError ? " has-error" : ""}`}>
              <label htmlFor={file.id}>CSV file</label>
              <input key={fileKey} {...fileInput} accept=".csv,text/csv" />
              {fileError ? (
                <p className="field-error" id={file.errorId} role="alert">
                  {fileError}
                </p>
              ) : null}
            </div>
            <Textarea field={importing.fields.csv} label="…or paste the lines" rows={4} />
            <Submit intent="preview" pendingText="Checking…">
              Check the file
            </Submit>
          </ConformForm>
          {imported?.preview ? <ImportPreview result={imported} /> : null}
        </section>
      ) : null}

      <h2>Units</h2>
      <form method="get" className="filters">
        <FilterSelect
          name="holder"
          label="Held by"
          value={d.filter.holder}
          allLabel="Anyone"
          options={[{ value: "none", label: "Nobody" }, ...d.affiliates.map((a) => ({ value: a.id, label: `${a.name}${d.mine.includes(a.id) ? " — yours" : ""}` }))]}
        />
        <FilterSelect name="kind" label="Kind of unit" value={d.filter.kind} allLabel="Every kind" options={KIND_OPTIONS} />
        <div className="field">
          <label>
            <input type="checkbox" name="uncovered" value="1" defaultChecked={d.filter.uncovered} /> Only units nobody covers
          </label>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </form>
      {rowError ? (
        <p className="form-error" role="alert">
          {rowError}
        </p>
      ) : null}
      {d.units.length === 0 ? (
        <p className="empty">{d.total === 0 && !d.filter.kind && !d.filter.holder && !d.filter.uncovered ? "No units yet." : "No units here."}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="units">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Size</th>
                <th scope="col" className="hide-narrow">
                  Place
                </th>
                <th scope="col">Held by</th>
                {d.canManage || d.canTurf ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.id} data-unit={u.code}>
                  <td>
                    <strong>{u.code}</strong> {u.name}
                    <div className="muted">{TURF_KIND_LABELS[u.kind]}</div>
                  </td>
                  <td>
                    {unitSize(u.kind, u.size)}
                  </td>
                  <td className="hide-narrow">
                    {u.state}-{u.district}, {u.county}
                    {u.precinct ? ` · ${u.precinct}` : ""}
                  </td>
                  <td>
                    {u.holderName ? `${u.holderName} (${u.holderPartner})` : <span className="muted">nobody</span>}
                    {u.locked ? <span className="badge"> locked</span> : null}
                  </td>
                  {d.canManage || d.canTurf ? (
                    <td className="unit-actions">
                      {d.canManage && u.movableTo.length > 0 ? <MoveForm unit={u} back={back} actionData={actionData} /> : null}
                      {d.canManage && u.holderId ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value={u.locked ? "unlock" : "lock"} />
                          <input type="hidden" name="unitId" value={u.id} />
                          <input type="hidden" name="back" value={back} />
                          <Submit intent={u.locked ? "unlock" : "lock"} className="secondary" pendingText="…">
                            {u.locked ? `Unlock ${u.code}` : `Lock ${u.code}`}
                          </Submit>
                        </Form>
                      ) : null}
                      {d.canTurf ? <Link to={`${here}?edit=${u.id}#edit-title`}>Edit {u.code}</Link> : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={d.prev} next={d.next} total={d.total} shown={d.units.length} noun="units" />

      {d.canTurf && d.editing ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title" style={{ marginTop: 0 }}>
            Edit {d.editing.code}
          </h2>
          <EditUnitForm key={d.editing.id} unit={d.editing} actionData={actionData} districtLabel={unitDistrictLabel(d.race)} />
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="unitId" value={d.editing.id} />
            <Submit intent="delete" className="danger" pendingText="Removing…">
              Remove {d.editing.code}
            </Submit>
          </Form>
        </section>
      ) : null}

      {d.canTurf ? (
        <section className="card" aria-labelledby="add-title">
          <h2 id="add-title" style={{ marginTop: 0 }}>
            Add a unit by hand
          </h2>
          <ConformForm form={adding.form} intent="add" className="stack">
            <FormErrors form={adding.form} />
            <UnitFields fields={adding.fields} districtLabel={unitDistrictLabel(d.race)} />
            <Submit intent="add">Add unit</Submit>
          </ConformForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
