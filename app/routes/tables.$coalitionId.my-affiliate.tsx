import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { single } from "~/domain/forms";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { CalendarFeeds } from "~/components/calendar-feeds";
import { UpcomingShifts } from "~/components/upcoming-shifts";
import { createFeed, revokeFeed } from "~/models/calendar-feeds.server";
import { myAffiliate } from "~/models/my-affiliate.server";
import { programLinks } from "~/models/programs.server";
import { shiftCard } from "~/domain/field-views";
import { requirePermission, tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle, invalid, parse, readForm, redirect, refused } from "~/server/http.server";
import { affiliateFeedForm, feedRevokeForm } from "~/domain/shift-forms";
import { listAffiliates } from "~/models/partners.server";
import { FEED_DAYS_AHEAD, FEED_DAYS_BACK } from "~/domain/field-lists";
import { TURF_KIND_LABELS, unitSize } from "~/domain/field-forms";

export const meta: MetaFunction = () => [{ title: "My affiliate · Coalition Table" }];

export async function loader(args: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess(args, "table.view");
    const db = getDb();
    // each shift as the page draws it: its card, or a sign-up's link to it
    const mine = myAffiliate(db, user, { coalitionId }).map((m) => ({
      ...m,
      shifts: { total: m.shifts.total, rows: m.shifts.rows.map((s) => ({ ...shiftCard(s), role: s.role })) },
      signups: { total: m.signups.total, rows: m.signups.rows.map((s) => ({ ...s, shift: { id: s.shift.id, programId: s.shift.programId, when: s.shift.when } })) },
    }));
    return { coalitionId, mine, programs: mine.length ? programLinks(db, user, { coalitionId }) : [] };
  });
}

export async function action(args: ActionFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess(args, "table.view");
    const db = getDb();
    const values = await readForm(args.request);
    const intent = values.intent === "revokeFeed" ? "revokeFeed" : "feed";
    const which = parse(affiliateFeedForm, values);
    // only an affiliate of a partner seated at this table
    const affiliate = which.ok ? listAffiliates(db, user, { coalitionId }).find((a) => a.id === which.data.affiliateId) : undefined;
    if (!affiliate) return invalid(intent, { _form: "Choose one of your affiliates." }, values);
    requirePermission(user, { action: "shift.manage", coalitionId, partnerId: affiliate.partnerId, affiliateId: affiliate.id }, args.context, db);
    if (values.intent === "feed") {
      const { token } = createFeed(db, user, { affiliateId: affiliate.id });
      return data({ intent: "feed", affiliateId: affiliate.id, link: new URL(`/calendar/${token}.ics`, args.request.url).toString(), errors: null, values: null });
    }
    if (values.intent !== "revokeFeed") return invalid("feed", { _form: "This form could not be understood. Reload the page and try again." }, values);
    const feed = parse(feedRevokeForm, values);
    if (!feed.ok) return invalid("revokeFeed", feed.errors, values);
    const r = revokeFeed(db, user, { affiliateId: affiliate.id, feedId: feed.data.feedId });
    if (!r.ok) return refused("revokeFeed", r, values);
    return redirect(`/tables/${coalitionId}/my-affiliate?revoked`);
  });
}

export default function MyAffiliate() {
  const { coalitionId, mine, programs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const feed = actionData && "link" in actionData ? actionData : null;
  const refusal = actionData && !("link" in actionData) ? actionData : null;
  const base = `/tables/${coalitionId}`;
  return (
    <>
      <h1>My affiliate</h1>
      {mine.length === 0 ? <p className="empty">You do not lead an affiliate at this table. Affiliate leads see their turf, shifts and volunteers here.</p> : null}
      {programs.length ? (
        <p className="actions">
          Programs:{" "}
          {programs.map((p) => (
            <Link key={p.id} to={`${base}/programs/${p.id}/shifts`}>
              {p.name} ({p.candidateName})
            </Link>
          ))}
        </p>
      ) : null}
      {mine.map((m) => (
        <section key={m.affiliate.id} aria-labelledby={`aff-${m.affiliate.id}`} className="my-affiliate">
          <h2 id={`aff-${m.affiliate.id}`}>
            {m.affiliate.name} <span className="muted">({m.affiliate.partnerName})</span>
          </h2>
          <h3>My units</h3>
          {m.units.rows.length === 0 ? (
            <p className="empty">No turf units yet.</p>
          ) : (
            <>
              <Shown shown={m.units.rows.length} total={m.units.total} noun="turf units" more="each program's turf page lists them all" />
              <ul className="item-list">
                {m.units.rows.map((u) => (
                  <li key={u.id}>
                    <strong>{u.code}</strong> {u.name} <span className="muted">· {TURF_KIND_LABELS[u.kind].toLowerCase()}, {unitSize(u.kind, u.size)} · {u.programName}{u.locked ? " · locked" : ""}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>My shifts</h3>
          <p className="hint">Hosted or co-hosted, from two weeks ago on; a program's shifts page lists the rest (“Only my affiliate's shifts”).</p>
          <Shown shown={m.shifts.rows.length} total={m.shifts.total} noun="shifts" />
          <UpcomingShifts shifts={m.shifts.rows.map((s) => ({ ...s, title: `${s.title || ""}${s.role === "co-host" ? " (co-host)" : ""}`.trim() }))} coalitionId={coalitionId} empty="No shifts hosted or co-hosted lately." showProgram />
          <h3>My sign-ups</h3>
          {m.signups.rows.length === 0 ? (
            <p className="empty">No volunteers signed up by {m.affiliate.name} lately.</p>
          ) : (
            <>
              <Shown shown={m.signups.rows.length} total={m.signups.total} noun="sign-ups" more="each shift's page lists its own" />
              <ul className="item-list">
                {m.signups.rows.map((s) => (
                  <li key={s.id}>
                    <strong>{s.volunteerName}</strong> <span className="muted">· {[s.email, s.phone].filter(Boolean).join(" · ")}</span> ·{" "}
                    <Link to={`${base}/programs/${s.shift.programId}/shifts/${s.shift.id}`}>{s.shift.when}</Link>
                    {s.attended !== null ? <span className="badge"> {s.attended ? "attended" : "no-show"}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Calendar feed</h3>
          <CalendarFeeds
            feeds={m.feeds}
            link={feed && feed.affiliateId === m.affiliate.id ? feed.link : null}
            hidden={{ affiliateId: m.affiliate.id }}
            what={`${m.affiliate.name}'s shifts from ${FEED_DAYS_BACK} days ago to ${FEED_DAYS_AHEAD} days ahead`}
            error={refusal && single(refusal.values.affiliateId) === String(m.affiliate.id) ? refusal.errors._form : null}
          />
        </section>
      ))}
    </>
  );
}

/** "50 shown of 240 shifts" when a list is cut at its limit; nothing when it is whole. */
function Shown({ shown, total, noun, more }: { shown: number; total: number; noun: string; more?: string }) {
  if (total <= shown) return null;
  return (
    <p className="hint">
      {shown} shown of {total.toLocaleString("en-US")} {noun}
      {more ? `; ${more}` : ""}.
    </p>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
