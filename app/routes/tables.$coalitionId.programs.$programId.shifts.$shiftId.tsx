import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getSelectProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Choice, ConformForm, FormErrors, Input, Submit, Tick, useActionForm, type FormState } from "~/components/form";
import { ResultsTable } from "~/components/charts/results-chart";
import { shiftDefaults, ShiftFields, TurfFinder } from "~/components/shift-fields";
import { readCursor } from "~/domain/keyset";
import { turfFilters } from "~/domain/field-lists";
import { ShiftPlace } from "~/components/upcoming-shifts";
import { WORK_TYPE_LABELS } from "~/domain/field-forms";
import { localToUtc } from "~/domain/zoned-time";
import { single } from "~/domain/forms";
import { can, type Principal } from "~/domain/permissions";
import { attendanceChoice, attendanceForm, RESULT_FIELDS, RESULT_LABELS, resultsForm, shiftFields, shiftForm, signupForm, signupRowForm } from "~/domain/shift-forms";
import { shiftHosts } from "~/domain/field-views";
import { recordResults } from "~/models/shift-results.server";
import { cancelShift, findTurf, getShift, updateShift, type ShiftDetail } from "~/models/shifts.server";
import { cancelSignup, confirmHeld, getSignup, setAttendance, signUp } from "~/models/signups.server";
import { publishShift, seriesTargets, shareLinks } from "~/models/public-shifts.server";
import { setReminders } from "~/models/reminders.server";
import { publishForm, remindersForm } from "~/domain/public-shift-forms";
import { PublicShiftPanel } from "~/components/public-shift-panel";
import { requirePermission } from "~/server/guards/auth.server";
import { programAccess } from "~/server/guards/program-access.server";
import { handle, idParam, invalid, parse, readForm, redirect, refused } from "~/server/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Coalition Table` : "Shift · Coalition Table" }];

/** What this person may do on this shift. */
function abilities(user: Principal, coalitionId: number, d: ShiftDetail) {
  const hosts = shiftHosts(d.shift);
  const edit = can(user, { action: "shift.edit", coalitionId, hosts }).ok;
  const host = d.shift.host;
  const cancel = host !== null && can(user, { action: "shift.manage", coalitionId, partnerId: host.partnerId, affiliateId: host.id }).ok;
  const recruiters = d.participants.filter((a) => can(user, { action: "signup.create", coalitionId, partnerId: a.partnerId, affiliateId: a.id }).ok);
  return { edit, cancel, recruiters, hosts };
}

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, db } = await programAccess(args);
    const d = getShift(db, user, { coalitionId, programId, shiftId: idParam(args.params, "shiftId", "Shift") });
    const may = abilities(user, coalitionId, d);
    const now = Date.now();
    const url = new URL(args.request.url);
    // the edit form's turf picker: the shift's own units and a page found by a search, never the program's every unit
    const tf = turfFilters(url.searchParams);
    const found = may.edit && !d.shift.cancelledAt ? findTurf(db, user, { programId, filters: tf, cursor: readCursor(url, "turfPage") }) : null;
    return {
      coalitionId,
      programId,
      title: d.shift.title || WORK_TYPE_LABELS[d.shift.workType],
      shift: d.shift,
      program: { name: d.program.program.name, timeZone: d.program.race.timeZone },
      participants: d.participants,
      turf: d.turf,
      choices: found ? [...d.turf, ...found.rows.filter((u) => !d.shift.turfUnitIds.includes(u.id))] : d.turf,
      finder: found ? { filters: tf, total: found.total, shown: found.rows.length, prev: found.prev, next: found.next, ignored: tf.ignored } : null,
      signupTotal: d.signupTotal,
      signups: d.signups.map((s) => ({ ...s, mayCancel: may.edit || may.recruiters.some((r) => r.id === s.recruitedBy.id) })),
      results: d.results,
      may: { edit: may.edit, cancel: may.cancel, recruiters: may.recruiters },
      started: Date.parse(d.shift.startsAt) <= now,
      /** The start's wall-clock time happens twice (the night clocks fall back): say which one. */
      ambiguous: [d.shift.startsLocal, d.shift.endsLocal].some((t) => happensTwice(t, d.program.race.timeZone)),
      ended: Date.parse(d.shift.endsAt) <= now,
      flash: url.searchParams.has("created") ? "Shift scheduled." : url.searchParams.has("saved") ? "Saved." : null,
      share: { published: d.shift.publishedAt !== null, links: d.shift.publishedAt ? shareLinks(db, user, { coalitionId, shift: d.shift }) : [], origin: url.origin, series: seriesOffer(db, user, coalitionId, d, may.edit) },
    };
  });
}

/** "Publish all N shifts of this series": the series' shifts still to come that this host may publish, and how many are not yet public. */
function seriesOffer(db: Parameters<typeof seriesTargets>[0], user: Principal, coalitionId: number, d: ShiftDetail, edit: boolean) {
  if (!edit || d.shift.seriesId === null || d.shift.hostKind === "campaign") return null;
  const list = seriesTargets(db, user, { coalitionId, shiftId: d.shift.id, seriesId: d.shift.seriesId });
  return list.length > 1 ? { total: list.length, unpublished: list.filter((s) => s.publishedAt === null).length } : null;
}

function happensTwice(local: string, timeZone: string): boolean {
  const r = localToUtc(local, timeZone);
  return r.ok && r.ambiguous;
}

const id = (v: string | undefined) => (/^[1-9]\d{0,15}$/.test(v ?? "") ? Number(v) : null);

export async function action(args: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, programId, db } = await programAccess(args);
    const shiftId = idParam(args.params, "shiftId", "Shift");
    const at = { coalitionId, programId, shiftId };
    const d = getShift(db, user, at);
    const may = abilities(user, coalitionId, d);
    const values = await readForm(args.request);
    const here = `/tables/${coalitionId}/programs/${programId}/shifts/${shiftId}`;
    const needEdit = () => requirePermission(user, { action: "shift.edit", coalitionId, hosts: may.hosts }, args.context, db);
    switch (values.intent) {
      case "update": {
        needEdit();
        // the host stays: whatever was posted, the shift's own host is read
        const parsed = parse(shiftForm, { ...values, hostAffiliateId: String(d.shift.hostAffiliateId ?? "") });
        if (!parsed.ok) return invalid("update", parsed.errors, values);
        const r = updateShift(db, user, { ...at, ...parsed.data });
        return r.ok ? redirect(`${here}?saved`) : refused("update", r, values, 400, args.request);
      }
      case "cancel": {
        const host = d.shift.host;
        if (!host) return invalid("cancel", { _form: "This shift has no host affiliate." }, values);
        requirePermission(user, { action: "shift.manage", coalitionId, partnerId: host.partnerId, affiliateId: host.id }, args.context, db);
        const r = cancelShift(db, user, at);
        return r.ok ? redirect(`${here}?saved`) : refused("cancel", r, values);
      }
      case "signup": {
        const recruiter = d.participants.find((a) => a.id === id(single(values.recruitedByAffiliateId)));
        requirePermission(
          user,
          recruiter
            ? { action: "signup.create", coalitionId, partnerId: recruiter.partnerId, affiliateId: recruiter.id }
            : { action: "shift.edit", coalitionId, hosts: d.participants.map((a) => ({ partnerId: a.partnerId, affiliateId: a.id })) },
          args.context,
          db,
        );
        const parsed = parse(signupForm, values);
        if (!parsed.ok) return invalid("signup", parsed.errors, values);
        const r = signUp(db, user, { ...at, ...parsed.data });
        if (!r.ok) return refused("signup", r, { ...values, ...("warning" in r ? { doubleBooking: "on" } : {}) }, 400, args.request);
        return redirect(`${here}?saved`);
      }
      case "cancelSignup": {
        const which = parse(signupRowForm, values);
        if (!which.ok) return invalid("cancelSignup", which.errors, values);
        const { signupId } = which.data;
        const s = getSignup(db, user, { shiftId, signupId });
        if (!may.edit) requirePermission(user, { action: "signup.create", coalitionId, partnerId: s.recruiter.partnerId, affiliateId: s.recruiter.id }, args.context, db);
        const r = cancelSignup(db, user, { ...at, signupId });
        return r.ok ? redirect(`${here}?saved`) : refused("cancelSignup", r, values);
      }
      case "publish": {
        needEdit();
        const parsed = parse(publishForm, values);
        if (!parsed.ok) return invalid("publish", parsed.errors, values);
        const r = publishShift(db, user, { ...at, publish: parsed.data.publish });
        return r.ok ? redirect(`${here}?saved`) : refused("publish", r, values);
      }
      case "publishSeries": {
        needEdit();
        const parsed = parse(publishForm, values);
        if (!parsed.ok) return invalid("publishSeries", parsed.errors, values);
        // the series' shifts this person hosts: shift.edit on each, as on one
        const series = seriesTargets(db, user, { coalitionId, shiftId, seriesId: d.shift.seriesId }).map((s) => s.id);
        const r = publishShift(db, user, { ...at, publish: parsed.data.publish, series });
        return r.ok ? redirect(`${here}?saved`) : refused("publishSeries", r, values);
      }
      case "reminders": {
        needEdit();
        const parsed = parse(remindersForm, values);
        if (!parsed.ok) return invalid("reminders", parsed.errors, values);
        const r = setReminders(db, user, { ...at, ...parsed.data });
        return r.ok ? redirect(`${here}?saved`) : refused("reminders", r, values);
      }
      case "confirmHeld": {
        const which = parse(signupRowForm, values);
        if (!which.ok) return invalid("confirmHeld", which.errors, values);
        const s = getSignup(db, user, { shiftId, signupId: which.data.signupId });
        requirePermission(user, { action: "signup.create", coalitionId, partnerId: s.recruiter.partnerId, affiliateId: s.recruiter.id }, args.context, db);
        const r = confirmHeld(db, user, { ...at, signupId: s.id });
        return r.ok ? redirect(`${here}?saved`) : refused("confirmHeld", r, values);
      }
      case "attendance": {
        needEdit();
        const parsed = parse(attendanceForm, values);
        if (!parsed.ok) return invalid("attendance", parsed.errors, values);
        const { signupId, attended } = parsed.data;
        getSignup(db, user, { shiftId, signupId });
        const r = setAttendance(db, user, { ...at, signupId, attended });
        return r.ok ? redirect(`${here}?saved`) : refused("attendance", r, values, 400, args.request);
      }
      case "results": {
        needEdit();
        const parsed = parse(resultsForm, values);
        if (!parsed.ok) return invalid("results", parsed.errors, values);
        const r = recordResults(db, user, { ...at, ...parsed.data });
        return r.ok ? redirect(`${here}?saved`) : refused("results", r, values, 400, args.request);
      }
      default:
        return invalid("update", { _form: "This form could not be understood. Reload the page and try again." }, values);
    }
  });
}

/** The action's answer if it is for this row's form (its hidden id), so one row's refusal stays on that row. */
function forRow(actionData: unknown, key: string, id: number) {
  const values = (actionData as FormState | undefined)?.values;
  return values && single(values[key]) === String(id) ? actionData : undefined;
}

/** A sign-up's attendance, in its row: a select and Save. */
function AttendanceForm({ signup, actionData }: { signup: { id: number; volunteerName: string; attended: boolean | null }; actionData: unknown }) {
  const { form, fields } = useActionForm(attendanceChoice, {
    intent: "attendance",
    id: `attendance-${signup.id}`,
    actionData: forRow(actionData, "signupId", signup.id),
    defaultValue: { attended: signup.attended === null ? "" : signup.attended ? "yes" : "no" },
  });
  const error = fields.attended.errors?.[0];
  const { key, ...select } = getSelectProps(fields.attended);
  return (
    <ConformForm form={form} intent="attendance" className="inline">
      <input type="hidden" name="signupId" value={signup.id} />
      <label className="visually-hidden" htmlFor={fields.attended.id}>
        Attendance of {signup.volunteerName}
      </label>
      <select key={key} {...select}>
        <option value="">Not taken</option>
        <option value="yes">Attended</option>
        <option value="no">No-show</option>
      </select>
      <Submit intent="attendance">Save</Submit>
      {error ? (
        <span className="field-error" id={fields.attended.errorId} role="alert">
          {error}
        </span>
      ) : null}
    </ConformForm>
  );
}

/** Signing up a volunteer; keyed by the sign-ups so far, so a saved sign-up gives a fresh, empty form. */
function SignupForm({ recruiters, actionData }: { recruiters: { id: number; name: string }[]; actionData: unknown }) {
  const { form, fields, state } = useActionForm(signupForm, { intent: "signup", actionData, defaultValue: { recruitedByAffiliateId: recruiters[0] ? String(recruiters[0].id) : "" } });
  return (
    <ConformForm form={form} intent="signup" className="stack">
      <FormErrors form={form} state={state} />
      <Input field={fields.volunteerName} label="Volunteer name" autoComplete="off" />
      <Input field={fields.email} label="Email" type="email" inputMode="email" hint="An email or a phone number." autoComplete="off" />
      <Input field={fields.phone} label="Phone" type="tel" autoComplete="off" />
      <Choice field={fields.recruitedByAffiliateId} label="Recruited by" options={recruiters.map((r) => ({ value: String(r.id), label: r.name }))} hint="The affiliate credited with this volunteer." />
      {state?.values?.doubleBooking === "on" ? <Tick field={fields.confirmDouble} label="Book them anyway" /> : null}
      <Submit intent="signup">Sign up</Submit>
    </ConformForm>
  );
}

export default function ShiftPage() {
  const { coalitionId, programId, title, shift, program, participants, turf, choices, finder, signupTotal, signups, results, may, started, ended, ambiguous, flash, share } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const update = useActionForm(shiftFields, { intent: "update", actionData, defaultValue: shiftDefaults({ ...shift, coHostIds: shift.coHosts.map((c) => c.id) }) });
  const res = useActionForm(resultsForm, {
    intent: "results",
    actionData,
    defaultValue: { affiliateId: shift.host ? String(shift.host.id) : "", ...Object.fromEntries(RESULT_FIELDS.map((f) => [f, "0"])) },
  });
  // the single buttons (cancel the shift, cancel a sign-up) and a refused attendance say it at the top
  const other = actionData && ["cancel", "cancelSignup", "attendance"].includes(actionData.intent) ? (actionData.errors?._form ?? null) : null;
  const base = `/tables/${coalitionId}/programs/${programId}/shifts`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={base}>Shifts: {program.name}</Link>
      </p>
      <h1>{title}</h1>
      {flash && !actionData ? (
        <p className="notice ok" role="status">
          {flash}
        </p>
      ) : null}
      {shift.cancelledAt ? (
        <p className="notice warn" role="note">
          This shift was cancelled.
        </p>
      ) : null}
      {other ? (
        <p className="form-error" role="alert">
          {other}
        </p>
      ) : null}
      {ambiguous ? (
        <p className="notice" role="note">
          The clocks fall back during this shift, so one of its times happens twice; the time zone abbreviation (e.g. EDT or EST) says which is meant. Editing keeps the earlier one.
        </p>
      ) : null}
      <dl className="facts card">
        <dt>When</dt>
        <dd>{shift.when}</dd>
        <dt>Work</dt>
        <dd>{WORK_TYPE_LABELS[shift.workType]}</dd>
        <dt>Place</dt>
        <dd>
          <ShiftPlace shift={shift} />
          {shift.location && shift.callLink ? (
            <>
              {" "}
              · <a href={shift.callLink}>Meeting link</a>
            </>
          ) : null}
        </dd>
        <dt>Host</dt>
        <dd>
          {shift.host?.name ?? "—"}
          {shift.hostKind === "campaign" ? ` with ${shift.campaignHost} (campaign)` : ""}
        </dd>
        <dt>Co-hosts</dt>
        <dd>{shift.coHosts.length ? shift.coHosts.map((c) => c.name).join(", ") : "—"}</dd>
        <dt>Side</dt>
        <dd>{shift.side}</dd>
        <dt>Sign-ups</dt>
        <dd>
          {shift.signedUp} of {shift.capacity}
          {shift.seatsLeft === 0 ? " (full)" : ""}
        </dd>
        <dt>Turf</dt>
        <dd>{turf.length ? turf.map((u) => `${u.code} ${u.name}`).join("; ") : "—"}</dd>
        {shift.notes ? (
          <>
            <dt>Notes</dt>
            <dd className="pre-line">{shift.notes}</dd>
          </>
        ) : null}
      </dl>

      <PublicShiftPanel
        published={share.published}
        links={share.links}
        mayEdit={may.edit}
        origin={share.origin}
        campaignHosted={shift.hostKind === "campaign"}
        closed={!!shift.cancelledAt || ended}
        remind24h={shift.remind24h}
        remind2h={shift.remind2h}
        series={share.series}
      />
      {actionData && ["publish", "publishSeries", "reminders", "confirmHeld"].includes(actionData.intent) ? (
        <p className="form-error" role="alert">
          {Object.values(actionData.errors ?? {}).flat().join(" ")}
        </p>
      ) : null}
      <section aria-labelledby="signups-title">
        <h2 id="signups-title">Sign-ups</h2>
        {may.edit && started && !shift.cancelledAt ? (
          <p>
            <Link to={`/tables/${coalitionId}/programs/${programId}/shifts/${shift.id}/attendance`}>Take attendance for the whole shift</Link> (everyone attended, then the exceptions and walk-ins)
          </p>
        ) : null}
        {signupTotal > signups.length ? (
          <p className="hint">
            The first {signups.length} of {signupTotal.toLocaleString("en-US")} sign-ups (cancelled ones included); the program's sign-ups export has them all.
          </p>
        ) : null}
        {signups.length === 0 ? (
          <p className="empty">Nobody is signed up yet.</p>
        ) : (
          <ul className="item-list signup-list">
            {signups.map((s) => (
              <li key={s.id} className={s.cancelledAt ? "muted" : undefined}>
                <strong>{s.volunteerName}</strong>
                {s.contactsHidden ? null : <span className="muted"> · {[s.email, s.phone].filter(Boolean).join(" · ")}</span>}
                <span className="muted"> · recruited by {s.recruitedBy.name}</span>
                {s.source === "public" ? <span className="badge"> signed up on the public page</span> : null}
                {s.held && !s.cancelledAt ? <span className="badge decision-deny"> held for review</span> : null}
                {s.holdReason && !s.cancelledAt ? (
                  <p className="hint">
                    {s.holdReason} Confirm once counsel has recorded an override, or cancel the sign-up (the volunteer is told the place could not be confirmed, with no reason).
                  </p>
                ) : null}
                {s.holdReason && !s.cancelledAt && !ended ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="confirmHeld" />
                    <input type="hidden" name="signupId" value={s.id} />
                    <Submit intent="confirmHeld" pendingText="Checking…">
                      Confirm sign-up
                    </Submit>
                  </Form>
                ) : null}
                {s.cancelledAt ? <span className="badge status-closed"> cancelled</span> : null}
                {s.attended !== null ? <span className="badge"> {s.attended ? "attended" : "no-show"}</span> : null}
                {!s.cancelledAt && may.edit && started ? <AttendanceForm signup={s} actionData={actionData} /> : null}
                {!s.cancelledAt && s.mayCancel && !ended ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="cancelSignup" />
                    <input type="hidden" name="signupId" value={s.id} />
                    <Submit intent="cancelSignup" pendingText="Cancelling…">
                      Cancel sign-up
                    </Submit>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {may.recruiters.length > 0 && !shift.cancelledAt && !ended ? (
          shift.seatsLeft > 0 || actionData?.intent === "signup" ? (
            <section className="card" aria-labelledby="signup-title">
              <h3 id="signup-title">Sign up a volunteer</h3>
              <SignupForm key={signups.length} recruiters={may.recruiters} actionData={actionData} />
            </section>
          ) : (
            <p className="notice">This shift is full.</p>
          )
        ) : null}
      </section>

      <section aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        {results.length === 0 ? (
          <p className="empty">No results recorded yet.</p>
        ) : (
          <ResultsTable rows={results.map((r) => ({ ...r, label: r.affiliate.name }))} first="Affiliate" caption="Results of this shift per affiliate" />
        )}
        {may.edit && !started && !shift.cancelledAt ? <p className="hint">Attendance and results are recorded here once the shift has started.</p> : null}
        {may.edit && started && !shift.cancelledAt ? (
          <section className="card" aria-labelledby="record-title">
            <h3 id="record-title">Record results</h3>
            <p className="hint">One row per affiliate; recording again for the same affiliate corrects it.</p>
            <ConformForm form={res.form} intent="results" className="stack">
              <FormErrors form={res.form} />
              <Choice field={res.fields.affiliateId} label="Affiliate" options={participants.map((p) => ({ value: String(p.id), label: p.name }))} />
              <div className="form-row">
                {RESULT_FIELDS.map((f) => (
                  <Input key={f} field={res.fields[f]} label={RESULT_LABELS[f]} inputMode="numeric" />
                ))}
              </div>
              <Submit intent="results">Save results</Submit>
            </ConformForm>
          </section>
        ) : null}
      </section>

      {may.edit && !shift.cancelledAt ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">Edit the shift</h2>
          {finder ? <TurfFinder id="edit-turf" state={finder} keep={{}} /> : null}
          <ConformForm form={update.form} intent="update" className="stack">
            <FormErrors form={update.form} state={update.state} />
            <ShiftFields fields={update.fields} timeZone={program.timeZone} hosts={null} participants={participants} units={choices} hostAffiliateId={shift.hostAffiliateId} />
            <Submit intent="update">Save the shift</Submit>
          </ConformForm>
        </section>
      ) : null}
      {may.cancel && !shift.cancelledAt ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <p className="hint">Only the host affiliate cancels a shift; co-hosts can edit it.</p>
          <Submit intent="cancel" pendingText="Cancelling…">
            Cancel this shift
          </Submit>
        </Form>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
