import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import type { ReactNode } from "react";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, useActionForm } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { single } from "~/domain/forms";
import { vendorClientForm, vendorForm, vendorPolicyForm, vendorUseForm } from "~/domain/firewall-forms";
import { can } from "~/domain/permissions";
import { getCoalition } from "~/models/coalitions.server";
import { listPartners } from "~/models/partners.server";
import { listRaceStates } from "~/models/races.server";
import { boundedRaceChoices, stateParam } from "~/models/race-choices.server";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { addVendorClient, createVendor, pageVendors, recordVendorPolicy, recordVendorUse } from "~/models/vendors.server";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { tableLengths } from "~/models/firewall-lengths.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, readForm, submit } from "~/server/http.server";

const CLIENT_KINDS = [
  { value: "candidate", label: "A candidate (in a race)" },
  { value: "party", label: "A party committee (every race)" },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    getCoalition(db, user, { coalitionId });
    const url = new URL(request.url);
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100) || null;
    const state = stateParam(url);
    const page = pageVendors(db, user, { coalitionId, q, cursor: readCursor(url), limit: pageSize(url) });
    const vendors = page.rows;
    const choices = boundedRaceChoices(db, user, { coalitionId, state });
    return {
      lookbackDays: tableLengths(db, user, { coalitionId }).lookbackDays,
      vendors,
      total: page.total,
      prev: page.prev,
      next: page.next,
      filter: { q, state },
      states: listRaceStates(db, user, { coalitionId }),
      // the forms offer the vendors of this page (a search finds the others) and races per state on a large table
      vendorOptions: vendors.map((v) => ({ value: String(v.id), label: v.name })),
      races: choices.races,
      needState: choices.needState,
      usableFor: listPartners(db, user, { coalitionId })
        .filter((p) => can(user, { action: "vendor.use", coalitionId, partnerId: p.id }).ok)
        .map((p) => ({ value: String(p.id), label: p.shortName })),
      canManage: can(user, { action: "vendor.manage", coalitionId }).ok,
      saved: new URL(request.url).searchParams.has("saved"),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    getCoalition(db, user, { coalitionId });
    const values = await readForm(request);
    const back = () => `/tables/${coalitionId}/firewall/vendors?saved`;
    const manage = () => requirePermission(user, { action: "vendor.manage", coalitionId }, context, db);
    switch (values.intent) {
      case "vendor":
        manage();
        return submit("vendor", vendorForm, values, (data) => createVendor(db, user, coalitionId, data), back);
      case "client":
        manage();
        return submit("client", vendorClientForm, values, (data) => addVendorClient(db, user, coalitionId, data), back);
      case "policy":
        manage();
        return submit("policy", vendorPolicyForm, values, (data) => recordVendorPolicy(db, user, coalitionId, data), back);
      case "use":
        // a member's own people record its uses; a junk member id is no one's
        requirePermission(user, { action: "vendor.use", coalitionId, partnerId: Number(single(values.partnerId)) || 0 }, context, db);
        return submit("use", vendorUseForm, values, (data) => recordVendorUse(db, user, coalitionId, data), back);
      default:
        return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

type FormSchema = Parameters<typeof useActionForm>[0];
type Fieldset<S extends FormSchema> = ReturnType<typeof useActionForm<S>>["fields"];

/** One form in its own card: a heading, the form-level error, the fields, the button. Keyed by the location, so a save clears it. */
function FormCard<S extends FormSchema>(props: { id: string; title: string; intent: string; submit: string; schema: S; defaultValue?: Record<string, unknown>; children: (fields: Fieldset<S>) => ReactNode }) {
  const { form, fields } = useActionForm(props.schema, { intent: props.intent, actionData: useActionData<typeof action>(), defaultValue: props.defaultValue });
  return (
    <section className="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ConformForm form={form} intent={props.intent} className="stack">
        <FormErrors form={form} />
        {props.children(fields)}
        <div className="actions">
          <Submit intent={props.intent}>{props.submit}</Submit>
        </div>
      </ConformForm>
    </section>
  );
}

export default function Vendors() {
  const { vendors, total, prev, next, filter, states, vendorOptions, races, needState, usableFor, canManage, saved, lookbackDays } = useLoaderData<typeof loader>();
  const racePlaceholder = needState ? "Choose a state above first" : undefined;
  // a new page after a save clears the forms; a refused post keeps what was typed
  const location = useLocation();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Vendors</h1>
      <p className="hint">
        Vendors the members use, the candidates and party committees each served, and when. A vendor that served a candidate in a race, or a party,
        within {lookbackDays} days (the table's lookback) needs its own written firewall policy on file before a member uses it in that race (firewall rule F5). This is the table's
        policy, built on 11 CFR 109.21; it is not legal advice.
      </p>
      {saved && !actionData ? (
        <p className="notice ok" role="status">
          Saved.
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Find vendors, and the races the forms offer">
        <div className="field">
          <label htmlFor="vd-q">Vendor name contains</label>
          <input id="vd-q" type="search" name="q" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        {needState || filter.state ? <FilterSelect name="state" label="Races from state (for the forms)" value={filter.state} allLabel="Choose a state" options={states} /> : null}
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {vendors.length === 0 ? <p className="empty">{filter.q ? "No vendor matches." : "No vendors yet."}</p> : null}
      {vendors.map((v) => (
        <section className="card vendor" key={v.id} aria-labelledby={`vendor-${v.id}`}>
          <h2 id={`vendor-${v.id}`}>{v.name}</h2>
          {v.services ? <p>{v.services}</p> : null}
          <p>
            Firewall policy:{" "}
            {v.policyOnFileAt ? (
              <span className="badge decision-allow">on file since {formatDate(v.policyOnFileAt)}</span>
            ) : (
              <span className="badge decision-deny">none on file</span>
            )}
            {v.policyNote ? <span className="muted"> {v.policyNote}</span> : null}
          </p>
          <h3>Clients{v.clientCount > v.clients.length ? ` (the newest ${v.clients.length} of ${v.clientCount})` : ""}</h3>
          {v.clients.length === 0 ? (
            <p className="empty">No candidate or party clients recorded.</p>
          ) : (
            <ul>
              {v.clients.map((c) => (
                <li key={c.id}>
                  {c.kind === "party" ? "Party committee" : "Candidate"}: {c.servedFor}
                  {c.raceLabel ? ` (${c.raceLabel})` : ""}, {formatDate(c.startDate)} – {c.lastServiceDate ? formatDate(c.lastServiceDate) : "still serving"}
                </li>
              ))}
            </ul>
          )}
          <h3>Uses by members{v.useCount > v.uses.length ? ` (the newest ${v.uses.length} of ${v.useCount})` : ""}</h3>
          {v.uses.length === 0 ? (
            <p className="empty">No uses recorded.</p>
          ) : (
            <ul>
              {v.uses.map((u) => (
                <li key={u.id}>
                  {u.partnerShortName} in {u.raceLabel} from {formatDate(u.useDate)}
                  {u.purpose ? `: ${u.purpose}` : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <Pager prev={prev} next={next} total={total} shown={vendors.length} noun="vendors" />
      {usableFor.length > 0 && vendors.length > 0 ? (
        <FormCard key={`use-${location.key}`} id="record-use" title="Record a use" intent="use" submit="Record use" schema={vendorUseForm} defaultValue={{ partnerId: usableFor.length === 1 ? usableFor[0].value : undefined }}>
          {(f) => (
            <>
              <Choice field={f.vendorId} label="Vendor" options={vendorOptions} placeholder="Choose a vendor" />
              <Choice field={f.partnerId} label="Member" options={usableFor} placeholder={usableFor.length === 1 ? undefined : "Choose a member"} />
              <Choice field={f.raceId} label="Race" options={races} placeholder={racePlaceholder ?? "Choose a race"} />
              <Input field={f.useDate} label="From date" type="date" />
              <Input field={f.purpose} label="Purpose" />
            </>
          )}
        </FormCard>
      ) : null}
      {canManage ? (
        <>
          <FormCard key={`vendor-${location.key}`} id="add-vendor" title="Add a vendor" intent="vendor" submit="Add vendor" schema={vendorForm}>
            {(f) => (
              <>
                <Input field={f.name} label="Vendor name" />
                <Input field={f.services} label="Services" />
              </>
            )}
          </FormCard>
          {vendors.length > 0 ? (
            <>
              {/* the schema's checks without its final reshaping: conform reads the fields of an object, not of a transform */}
              <FormCard key={`client-${location.key}`} id="add-client" title="Record a client the vendor served" intent="client" submit="Record client" schema={vendorClientForm.in}>
                {(f) => (
                  <>
                    <Choice field={f.vendorId} label="Vendor" options={vendorOptions} placeholder="Choose a vendor" />
                    <Choice field={f.kind} label="Client" options={CLIENT_KINDS} placeholder="Choose" />
                    <Choice field={f.raceId} label="Race (candidate clients)" options={races} placeholder={racePlaceholder ?? "—"} />
                    <Input field={f.servedFor} label="Served for" hint="The candidate's campaign or the party committee." />
                    <Input field={f.startDate} label="Start date" type="date" />
                    <Input field={f.lastServiceDate} label="Last date of service" type="date" hint="Leave empty while the vendor still serves the client." />
                  </>
                )}
              </FormCard>
              <FormCard key={`policy-${location.key}`} id="add-policy" title="Record a vendor's firewall policy" intent="policy" submit="Record policy" schema={vendorPolicyForm}>
                {(f) => (
                  <>
                    <Choice field={f.vendorId} label="Vendor" options={vendorOptions} placeholder="Choose a vendor" />
                    <Input field={f.policyOnFileAt} label="Date the policy was filed" type="date" />
                    <Input field={f.policyNote} label="Note" />
                  </>
                )}
              </FormCard>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
