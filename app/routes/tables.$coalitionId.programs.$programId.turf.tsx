import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ActionForm, Field, FormError, Select, Submit, TextArea, stateFor, type FormState } from "~/components/form";
import { ProgramHeader } from "~/components/program-nav";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, moveUnitForm, TURF_KIND_LABELS, TURF_SIZE_UNITS, turfUnitForm } from "~/domain/field-forms";
import { formValues, parseForm, type FormValues } from "~/domain/forms";
import { can, type Principal } from "~/domain/permissions";
import { covers } from "~/domain/split";
import type { CsvPreview } from "~/domain/turf-csv";
import { listUnits } from "~/models/split.server";
import { addUnit, deleteUnit, importUnits, moveUnit, previewImport, setUnitLock, updateUnit } from "~/models/turf.server";
import { programAccess, requireProgram } from "~/server/guards/program-access.server";
import { handle, intQuery, invalid, redirect, refused } from "~/server/http.server";
import { TURF_KINDS } from "~/domain/vocabulary";

const PAGE = 100;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, detail, members, participants: affiliates, db } = await programAccess({ params, request, context });
    const url = new URL(request.url);
    const all = listUnits(db, user, { programId });
    const affiliateFilter = intQuery(url, "affiliate");
    const filtered = affiliateFilter ? all.filter((u) => u.holderId === affiliateFilter) : all;
    const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
    const page = Math.min(intQuery(url, "page") ?? 1, pages);
    const units = filtered.slice((page - 1) * PAGE, page * PAGE).map((u) => ({
      ...u,
      // who this unit may be moved to: affiliates of the sub-table whose coverage contains it
      movableTo: affiliates.filter((a) => a.id !== u.holderId && covers(a.coverage, u)).map((a) => ({ id: a.id, name: `${a.name} (${a.partnerShortName})` })),
    }));
    const editId = intQuery(url, "edit");
    return {
      coalitionId,
      ...detail,
      units,
      total: all.length,
      shown: filtered.length,
      page,
      pages,
      affiliateFilter,
      affiliates: affiliates.map((a) => ({ id: a.id, name: `${a.name} (${a.partnerShortName})` })),
      mine: leadAffiliates(user),
      editing: editId ? (all.find((u) => u.id === editId) ?? null) : null,
      imported: intQuery(url, "imported"),
      canTurf: can(user, { action: "program.turf", coalitionId, memberPartnerIds: members }).ok,
      canManage: can(user, { action: "program.manage", coalitionId, memberPartnerIds: members }).ok,
    };
  });
}

function leadAffiliates(user: Principal): number[] {
  return user.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId !== null).map((g) => g.affiliateId!);
}

type PreviewData = { intent: "preview" | "import"; preview: CsvPreview | null; content: string; errors: Record<string, string>; values: FormValues };

/**
 * Reads the form, with the CSV from the uploaded file or else from the text box. A body
 * larger than the import limit is refused before it is read.
 */
async function readTurfForm(request: Request): Promise<{ values: FormValues; content: string | null; tooBig: boolean }> {
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
  return { values, content: values.csv ?? null, tooBig: false };
}

const LIMIT_MESSAGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the limit per import. Split it into smaller files. Nothing was saved.`;

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, members, db } = await programAccess({ params, request, context });
    const here = `/tables/${coalitionId}/programs/${programId}/turf`;
    const { values, content, tooBig } = await readTurfForm(request);
    const intent = values.intent ?? "";
    requireProgram(user, coalitionId, members, ["move", "lock", "unlock"].includes(intent) ? "program.manage" : "program.turf", context);
    const unitId = /^[1-9]\d{0,15}$/.test(values.unitId ?? "") ? Number(values.unitId) : null;
    switch (intent) {
      case "preview":
      case "import": {
        const { csv: _csv, ...kept } = values;
        if (tooBig) return data<PreviewData>({ intent, preview: null, content: "", errors: { csv: LIMIT_MESSAGE }, values: kept }, { status: 400 });
        if (!content || content.trim() === "") return data<PreviewData>({ intent, preview: null, content: "", errors: { csv: "Choose a CSV file, or paste its lines." }, values: kept }, { status: 400 });
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
      case "edit": {
        const parsed = parseForm(turfUnitForm, values);
        if (!parsed.ok) return invalid(intent, parsed.errors, values);
        if (intent === "edit" && !unitId) return invalid(intent, { _form: "Choose a unit to edit." }, values);
        const r = intent === "add" ? addUnit(db, user, { coalitionId, programId, ...parsed.data }) : updateUnit(db, user, { coalitionId, programId, unitId: unitId!, ...parsed.data });
        if (!r.ok) return refused(intent, r, values);
        return redirect(here);
      }
      case "delete": {
        if (!unitId) return invalid(intent, { _form: "Choose a unit to remove." }, values);
        deleteUnit(db, user, { coalitionId, programId, unitId });
        return redirect(here);
      }
      case "move": {
        const parsed = parseForm(moveUnitForm, values);
        if (!parsed.ok) return invalid(intent, parsed.errors, values);
        const r = moveUnit(db, user, { coalitionId, programId, ...parsed.data });
        if (!r.ok) return refused(intent, r, values);
        return redirect(`${here}${values.back?.startsWith("?") ? values.back : ""}`);
      }
      case "lock":
      case "unlock": {
        if (!unitId) return invalid(intent, { _form: "Choose a unit." }, values);
        const r = setUnitLock(db, user, { coalitionId, programId, unitId, locked: intent === "lock" });
        if (!r.ok) return refused(intent, r, values);
        return redirect(`${here}${values.back?.startsWith("?") ? values.back : ""}`);
      }
      default:
        return invalid("add", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

const KIND_OPTIONS = TURF_KINDS.map((k) => ({ value: k, label: TURF_KIND_LABELS[k] }));

function UnitFields({ state, defaults }: { state?: FormState; defaults?: Record<string, unknown> }) {
  const d = defaults ?? {};
  return (
    <>
      <div className="form-row">
        <Field name="code" label="Unit id" state={state} defaultValue={d.code as string} required hint="Its id in your list, unique in this program." />
        <Select name="kind" label="Kind" state={state} defaultValue={d.kind as string} options={KIND_OPTIONS} required />
      </div>
      <div className="form-row">
        <Field name="name" label="Name" state={state} defaultValue={d.name as string} required />
        <Field name="size" label="Size (doors or numbers)" inputMode="numeric" state={state} defaultValue={d.size as number | undefined} required />
      </div>
      <div className="form-row">
        <Field name="state" label="State" state={state} defaultValue={d.state as string} required />
        <Field name="district" label="Congressional district" state={state} defaultValue={d.district as string} required />
        <Field name="county" label="County" state={state} defaultValue={d.county as string} required />
        <Field name="precinct" label="Precinct" state={state} defaultValue={d.precinct as string} />
      </div>
    </>
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
        <div className="table-scroll">
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
          <div className="table-scroll">
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
          <ActionForm intent="import" className="actions">
            <input type="hidden" name="csv" value={result.content} />
            <Submit intent="import" pendingText="Saving…">
              Save {p.total.toLocaleString("en-US")} units
            </Submit>
          </ActionForm>
        </>
      )}
    </section>
  );
}

export default function TurfPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const importState = (stateFor(actionData, "preview") ?? stateFor(actionData, "import")) as (FormState & Partial<PreviewData>) | undefined;
  const addState = stateFor(actionData, "add");
  const editState = stateFor(actionData, "edit");
  const rowState = stateFor(actionData, "move") ?? stateFor(actionData, "lock") ?? stateFor(actionData, "unlock") ?? stateFor(actionData, "delete");
  const here = `/tables/${d.coalitionId}/programs/${d.program.id}/turf`;
  const back = `?${new URLSearchParams({ ...(d.affiliateFilter ? { affiliate: String(d.affiliateFilter) } : {}), page: String(d.page) })}`;
  const pageLink = (page: number) => `${here}?${new URLSearchParams({ ...(d.affiliateFilter ? { affiliate: String(d.affiliateFilter) } : {}), page: String(page) })}`;
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
            Header: unit_id, kind, name, size, state, district, county, precinct (optional). Kind is walk_packet, call_list or text_list. Up to {MAX_IMPORT_ROWS.toLocaleString("en-US")} rows and {MAX_IMPORT_BYTES / 1024 / 1024} MB per
            file. You see a preview first; nothing is saved until you confirm a preview without errors.
          </p>
          <Form method="post" encType="multipart/form-data" noValidate className="stack">
            <input type="hidden" name="intent" value="preview" />
            <FormError state={importState} />
            <div className="field">
              <label htmlFor="turf-file">CSV file</label>
              <input id="turf-file" name="file" type="file" accept=".csv,text/csv" aria-describedby={importState?.errors?.csv ? "turf-csv-error" : undefined} />
            </div>
            <TextArea name="csv" label="…or paste the lines" rows={4} state={importState} />
            <Submit intent="preview" pendingText="Checking…">
              Check the file
            </Submit>
          </Form>
          {importState?.preview ? <ImportPreview result={importState as PreviewData} /> : null}
        </section>
      ) : null}

      <h2>Units</h2>
      <form method="get" className="filters">
        <Select
          name="affiliate"
          label="Held by"
          defaultValue={d.affiliateFilter ? String(d.affiliateFilter) : ""}
          placeholder="Anyone"
          options={d.affiliates.map((a) => ({ value: String(a.id), label: `${a.name}${d.mine.includes(a.id) ? " — yours" : ""}` }))}
        />
        <button type="submit" className="secondary">
          Show
        </button>
      </form>
      <FormError state={rowState} />
      {d.units.length === 0 ? (
        <p className="empty">{d.total === 0 ? "No units yet." : "No units here."}</p>
      ) : (
        <div className="table-scroll">
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
                    {u.size.toLocaleString("en-US")} <span className="muted">{TURF_SIZE_UNITS[u.kind]}</span>
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
                      {d.canManage && u.movableTo.length > 0 ? (
                        <ActionForm intent="move" className="inline-form">
                          <input type="hidden" name="unitId" value={u.id} />
                          <input type="hidden" name="back" value={back} />
                          <label className="visually-hidden" htmlFor={`move-${u.id}`}>
                            Move {u.code} to
                          </label>
                          <select id={`move-${u.id}`} name="affiliateId" defaultValue="">
                            <option value="">Move to…</option>
                            {u.movableTo.map((a) => (
                              <option key={a.id} value={a.id}>
                                {a.name}
                              </option>
                            ))}
                          </select>
                          <Submit intent="move" className="secondary" pendingText="…">
                            Move
                          </Submit>
                        </ActionForm>
                      ) : null}
                      {d.canManage && u.holderId ? (
                        <ActionForm intent={u.locked ? "unlock" : "lock"} className="inline-form">
                          <input type="hidden" name="unitId" value={u.id} />
                          <input type="hidden" name="back" value={back} />
                          <Submit intent={u.locked ? "unlock" : "lock"} className="secondary" pendingText="…">
                            {u.locked ? `Unlock ${u.code}` : `Lock ${u.code}`}
                          </Submit>
                        </ActionForm>
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
      {d.pages > 1 ? (
        <nav className="actions pager" aria-label="Pages of units">
          {d.page > 1 ? <Link to={pageLink(d.page - 1)}>Previous</Link> : null}
          <span>
            Page {d.page} of {d.pages} ({d.shown.toLocaleString("en-US")} units)
          </span>
          {d.page < d.pages ? <Link to={pageLink(d.page + 1)}>Next</Link> : null}
        </nav>
      ) : null}

      {d.canTurf && d.editing ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title" style={{ marginTop: 0 }}>
            Edit {d.editing.code}
          </h2>
          <ActionForm intent="edit" className="stack">
            <input type="hidden" name="unitId" value={d.editing.id} />
            <FormError state={editState} />
            <UnitFields state={editState} defaults={d.editing} />
            <Submit intent="edit">Save unit</Submit>
          </ActionForm>
          <ActionForm intent="delete" className="actions">
            <input type="hidden" name="unitId" value={d.editing.id} />
            <Submit intent="delete" className="danger" pendingText="Removing…">
              Remove {d.editing.code}
            </Submit>
          </ActionForm>
        </section>
      ) : null}

      {d.canTurf ? (
        <section className="card" aria-labelledby="add-title">
          <h2 id="add-title" style={{ marginTop: 0 }}>
            Add a unit by hand
          </h2>
          <ActionForm intent="add" className="stack">
            <FormError state={addState} />
            <UnitFields state={addState} defaults={{ state: d.race.state, district: d.race.district }} />
            <Submit intent="add">Add unit</Submit>
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
