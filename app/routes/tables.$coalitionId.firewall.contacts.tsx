import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FilterSelect, FormErrors, Input, Submit, Textarea, Tick, TickList, useActionForm } from "~/components/form";
import { formatDate } from "~/domain/dates";
import { withheldNotice } from "~/domain/firewall";
import { contactForm } from "~/domain/firewall-forms";
import { can } from "~/domain/permissions";
import { contactChoices, contactPeople, listContacts, recordContact } from "~/models/campaign-contacts.server";
import { PEOPLE_CHOICE_LIMIT } from "~/models/people.server";
import { Pager } from "~/components/pager";
import { pageSize, readCursor } from "~/domain/keyset";
import { getCoalition } from "~/models/coalitions.server";
import { listRaceStates } from "~/models/races.server";
import { isUsState } from "~/domain/states";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, intQuery, invalid, readForm, submit } from "~/server/http.server";
import { counselPartners } from "~/server/guards/audit-access.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    getCoalition(db, user, { coalitionId });
    const url = new URL(request.url);
    const raceId = intQuery(url, "race");
    const stateParam = (url.searchParams.get("state") ?? "").toUpperCase().slice(0, 2);
    const state = isUsState(stateParam) ? stateParam : null; // an unknown state reads as all
    const canRecord = can(user, { action: "contact.record", coalitionId }).ok;
    const page = listContacts(db, user, { coalitionId, raceId, state, cursor: readCursor(url), limit: pageSize(url) });
    const choices = contactChoices(db, user, { coalitionId, state });
    const people = canRecord ? contactPeople(db, user, { coalitionId, q: (url.searchParams.get("pq") ?? "").slice(0, 100) }) : null;
    return {
      coalitionId,
      raceId,
      state,
      states: listRaceStates(db, user, { coalitionId }),
      needState: choices.needState,
      races: choices.races.map((r) => ({ value: String(r.value), label: r.label })),
      candidates: canRecord ? choices.candidates.map((c) => ({ value: String(c.id), label: c.label })) : [],
      people: people ? people.people.map((p) => ({ id: p.id, label: p.label })) : [],
      peopleSearch: { q: people?.q ?? null, truncated: people?.truncated ?? false, limit: PEOPLE_CHOICE_LIMIT },
      contacts: page.contacts,
      total: page.total,
      prev: page.prev,
      next: page.next,
      notice: withheldNotice(page.withheld, "note", counselPartners(user).length > 0 ? "counsel" : "member"),
      canRecord,
      saved: url.searchParams.get("saved"),
    };
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    getCoalition(db, user, { coalitionId });
    requirePermission(user, { action: "contact.record", coalitionId }, context, db);
    const values = await readForm(request);
    if (values.intent !== "contact") return invalid("unknown", { _form: "This form could not be understood. Reload the page and try again." }, values);
    return submit(
      "contact",
      contactForm,
      values,
      (data) => recordContact(db, user, coalitionId, data),
      (r) => `/tables/${coalitionId}/firewall/contacts?saved=${r.walled}`,
    );
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * The contact form. The schema's checks without its final reshaping (conform reads the
 * fields of an object, not of a transform); the people present are one list field.
 */
function ContactForm({ races, candidates, people, needState }: Pick<Data, "races" | "candidates" | "people" | "needState">) {
  const { form, fields } = useActionForm(contactForm.in, { intent: "contact", actionData: useActionData<typeof action>() });
  return (
    <ConformForm form={form} intent="contact" className="stack">
      <FormErrors form={form} />
      <Choice field={fields.raceId} label="Race" options={races} placeholder={needState ? "Choose a state above first" : "Choose a race"} />
      <Choice field={fields.candidateId} label="Candidate" options={candidates} placeholder="None in particular" />
      <Input field={fields.contactDate} label="Date of the contact" type="date" />
      <Input field={fields.topic} label="Topic" />
      <Tick field={fields.plansOrNeeds} label="The campaign's plans, projects, activities or needs were discussed" hint="Ticking this walls everyone present (rule F3)." />
      <Input field={fields.campaignPeople} label="Campaign people present" />
      <Textarea field={fields.notes} label="Notes" hint="What the campaign said. Campaign information: withheld from independent-side viewers (rule F2)." />
      <TickList
        field={fields.attendees}
        label="Present from the table"
        options={people.map((p) => ({ value: p.id, label: p.label }))}
        hint={people.length === 0 ? "No one holds a role at this table yet." : undefined}
      />
      <Textarea field={fields.others} label="Other attendees" hint="One per line, as Name <email>." />
      <div className="actions">
        <Submit intent="contact">Save contact</Submit>
      </div>
    </ConformForm>
  );
}

export default function CampaignContacts() {
  const { raceId, state, states, needState, races, candidates, people, peopleSearch, contacts, total, prev, next, notice, canRecord, saved } = useLoaderData<typeof loader>();
  // a new page after a save clears the form; a refused post keeps what was typed
  const location = useLocation();
  return (
    <>
      <h1>Campaign contact log</h1>
      <p className="hint">
        Every contact with a candidate's campaign: when, who was there, the topic, and whether the campaign's plans, projects or needs came up. Anyone who
        heard plans or needs is walled from independent-side work in that race until the general election (firewall rule F3). This is the table's
        policy, built on 11 CFR 109.21; it is not legal advice.
      </p>
      {saved !== null ? (
        <p className="notice ok" role="status">
          Contact saved.{Number(saved) > 0 ? ` ${saved} ${Number(saved) === 1 ? "person is" : "people are"} now walled from independent-side work in that race until the general election.` : ""}
        </p>
      ) : null}
      {notice ? (
        <p className="notice warn" role="note">
          {notice}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Filter contacts">
        <FilterSelect name="state" label="State" value={state} allLabel="All states" options={states} />
        {races.length ? <FilterSelect name="race" label="Race" value={raceId} allLabel="All races" options={races} /> : null}
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      {contacts.length === 0 ? (
        <p className="empty">No contacts logged{raceId ? " in this race" : state ? ` in ${state}` : ""}.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Campaign contacts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Race</th>
                <th scope="col">Topic</th>
                <th scope="col">Plans or needs</th>
                <th scope="col">Attendees</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>{formatDate(c.contactDate)}</td>
                  <td>
                    {c.raceLabel}
                    {c.candidateName ? <div className="muted">{c.candidateName}</div> : null}
                  </td>
                  <td>{c.topic}</td>
                  <td>{c.plansOrNeeds ? <span className="badge decision-deny">Yes: walled until {formatDate(c.generalDate)}</span> : "No"}</td>
                  <td>
                    {c.attendees.map((a) => a.name).join(", ")}
                    {c.campaignPeople ? <div className="muted">Campaign: {c.campaignPeople}</div> : null}
                  </td>
                  <td>{c.notesWithheld ? <em className="muted">Withheld (rule F2)</em> : c.notes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} total={total} shown={contacts.length} noun="contacts" />
      {canRecord ? (
        <section className="card" aria-labelledby="log-contact">
          <h2 id="log-contact">Log a contact</h2>
          {needState ? <p className="hint">The table has too many races to list here: choose a state in the filter above, and the form offers its races and candidates.</p> : null}
          {peopleSearch.truncated || peopleSearch.q ? (
            <Form method="get" className="filters" aria-label="People offered by the contact form">
              <p className="hint">
                {peopleSearch.q
                  ? `People whose name or email contains “${peopleSearch.q}”${peopleSearch.truncated ? ` (the first ${peopleSearch.limit})` : ""}.`
                  : `The first ${peopleSearch.limit} people by name; search for the others who were present.`}
              </p>
              {state ? <input type="hidden" name="state" value={state} /> : null}
              {raceId ? <input type="hidden" name="race" value={raceId} /> : null}
              <div className="field">
                <label htmlFor="cc-pq">Person's name or email contains</label>
                <input id="cc-pq" type="search" name="pq" defaultValue={peopleSearch.q ?? ""} maxLength={100} />
              </div>
              <button type="submit" className="secondary">
                Find people
              </button>
            </Form>
          ) : null}
          <ContactForm key={location.key} races={races} candidates={candidates} people={people} needState={needState} />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
