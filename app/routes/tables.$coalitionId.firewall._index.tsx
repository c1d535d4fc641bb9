import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { partnersOf } from "~/domain/permissions";
import { workspaceGaps } from "~/models/firewall.server";
import { listPartners } from "~/models/partners.server";
import { counselPartners } from "~/server/guards/audit-access.server";
import { tableAccess } from "~/server/guards/auth.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId } = await tableAccess({ params, request, context }, "table.view");
    const db = getDb();
    const mine = partnersOf(user);
    const seated = listPartners(db, user, { coalitionId });
    return {
      coalitionId,
      members: seated.filter((p) => mine.includes(p.id)).map((p) => ({ id: p.id, name: p.name, legalType: p.legalType })),
      gaps: workspaceGaps(db, user, { coalitionId }),
      isCounsel: counselPartners(user).some((id) => seated.some((p) => p.id === id)),
    };
  });
}

const RULES: [string, string][] = [
  ["F1", "A 501(c)(3) member never records, co-signs or joins an endorsement or a sub-table."],
  ["F2", "Information carries its source (public, campaign, research); an independent-side person never receives a campaign's information about the race."],
  ["F3", "Contacts with a campaign are logged; whoever heard its plans or needs is walled from independent-side work in that race until the general election."],
  ["F4", "Service for a candidate in the race, or for a party committee (every race), walls a person from independent-side work while the work date is within 120 days of the last service."],
  ["F5", "A vendor that served a candidate in the race or a party within 120 days needs its own firewall policy on file before a member uses it there."],
  ["F6", "Each member keeps a written firewall policy; each of its people acknowledges the current version before opening a race workspace."],
  ["F7", "Independent-side plans, turf, lists and results never go to a campaign: such exports, shares and shifts are refused."],
  ["F8", "Each election's content window is the 90 days before it, both ends included; race pages show them."],
  ["F9", "Counsel may override a refusal with a reason, scope and expiry; a joint canvass with a campaign needs two approvals."],
  ["F10", "Every firewall decision is appended to an audit log no one can edit, chained by hashes, exportable by counsel."],
  ["F11", "The check lives in one place on the server and fails closed."],
];

export default function FirewallHome() {
  const { coalitionId, members, gaps, isCounsel } = useLoaderData<typeof loader>();
  const base = `/tables/${coalitionId}/firewall`;
  return (
    <>
      <h1>Firewall</h1>
      <p className="hint">
        The table keeps the "uncoordinated electioneering" firewall its 501(c)(4) and other independent members owe the law. These are the
        table's own rules, built on 11 CFR 109.21 (coordinated communications: the conduct standards, the 120-day lookback, the firewall safe
        harbor, the 90-day window for House candidates) and the IRS rules for 501(c)(3) and 501(c)(4) organizations. They are not legal advice:
        ask your counsel.
      </p>
      {members.length > 0 ? (
        <section className="card" aria-labelledby="yours">
          <h2 id="yours">Your standing</h2>
          <ul>
            {members.map((m) => {
              const gap = gaps.find((g) => g.partnerId === m.id);
              return (
                <li key={m.id}>
                  {m.name} ({LEGAL_TYPE_LABELS[m.legalType]}):{" "}
                  {gap ? (
                    <Link to={`${base}/policies`}>{gap.problem === "no_policy" ? "no firewall policy on file yet" : `acknowledge policy version ${gap.version}`}</Link>
                  ) : (
                    "current policy acknowledged"
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <nav aria-label="Firewall pages">
        <ul className="link-list">
          <li>
            <Link to={`${base}/policies`}>Firewall policies</Link> — each member's written policy and your acknowledgment (F6)
          </li>
          <li>
            <Link to={`${base}/sides`}>Sides by race</Link> — who is independent and who coordinated, per race and account
          </li>
          <li>
            <Link to={`${base}/contacts`}>Campaign contact log</Link> — contacts with campaigns and who heard plans or needs (F3)
          </li>
          <li>
            <Link to={`${base}/walls`}>Wall roster</Link> — people walled by service for a candidate or party, or by a contact (F3, F4)
          </li>
          <li>
            <Link to={`${base}/vendors`}>Vendors</Link> — who they served and their firewall policies (F5)
          </li>
          {isCounsel ? (
            <>
              <li>
                <Link to={`${base}/overrides`}>Overrides</Link> — counsel's overrides of refusals (F9)
              </li>
              <li>
                <Link to={`/tables/${coalitionId}/audit`}>Audit trail</Link> — every decision, exportable (F10)
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      <h2>The rules</h2>
      <dl className="rule-list">
        {RULES.map(([id, text]) => (
          <div key={id}>
            <dt>{id}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
