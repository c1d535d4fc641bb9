import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LEGAL_TYPE_LABELS } from "~/domain/legal-types";
import { partnersOf } from "~/domain/permissions";
import { workspaceGaps } from "~/models/firewall.server";
import { tableLengths } from "~/models/firewall-lengths.server";
import { FirewallLengthsSummary } from "~/components/firewall-lengths";
import type { FirewallLengths } from "~/domain/firewall-lengths";
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
      lengths: tableLengths(db, user, { coalitionId }),
      isCounsel: counselPartners(user).some((id) => seated.some((p) => p.id === id)),
    };
  });
}

/** The rules, with the table's own window and lookback (issue 13). */
const rules = ({ windowDays, lookbackDays }: FirewallLengths): [string, string][] => [
  ["F1", "A 501(c)(3) member never records, co-signs or joins an endorsement or a sub-table."],
  ["F2", "Information carries its source (public, campaign, research); an independent-side person never receives a campaign's information about the race."],
  ["F3", "Contacts with a campaign are logged; whoever heard its plans or needs is walled from independent-side work in that race until the general election."],
  ["F4", `Service for a candidate in the race, or for a party committee (every race), walls a person from independent-side work while the work date is within ${lookbackDays} days (the table's lookback) of the last service.`],
  ["F5", `A vendor that served a candidate in the race or a party within ${lookbackDays} days needs its own firewall policy on file before a member uses it there.`],
  ["F6", "Each member keeps a written firewall policy; each of its people acknowledges the current version before opening a race workspace."],
  ["F7", "Independent-side plans, turf, lists and results never go to a campaign: such exports, shares and shifts are refused."],
  ["F8", `Each election's content window is the ${windowDays} days before it (the table's window), both ends included; race pages show them.`],
  ["F9", "Counsel may override a refusal with a reason, scope and expiry; a joint canvass with a campaign needs two approvals."],
  ["F10", "Every firewall decision is appended to an audit log no one can edit, chained by hashes, exportable by counsel."],
  ["F11", "The check lives in one place on the server and fails closed."],
];

/**
 * Rule F10 as a documented promise (issue 18): which firewall decisions are written to the audit
 * log, and which are not and why.
 */
const WRITTEN: [string, string][] = [
  ["F1", "Every stance recorded (allowed) and every stance a 501(c)(3) member is refused."],
  ["F2", "Every withholding of a campaign's information from a person: one row per request, naming each race and what was withheld."],
  ["F3, F4", "Every placement of a person on field work: allowed (no wall), refused (a wall), or allowed by an override."],
  ["F5", "Every use of a vendor in a race, an export to a vendor included: allowed (no recent campaign or party service, or its policy on file), refused, or allowed by an override."],
  ["F6", "Every act refused because its person has not acknowledged the member's current policy, with the version; every policy version published and every acknowledgment."],
  ["F7", "Every shift, export or share with a campaign: refused, or allowed by an override."],
  ["F9", "Every override recorded, approved and revoked, with its approvers."],
  ["Counsel", "Every side set in a race, wall entry, campaign contact, vendor record, hybrid PAC account dedication and evidence packet downloaded."],
];
const NOT_WRITTEN: [string, string][] = [
  [
    "F2 allows",
    "A page that shows campaign information to someone allowed to see it writes nothing: every page view would be a write, and reads must not queue behind writes (one audit append per request at most). The allow follows from the sides counsel set, which are written, so it can be reconstructed.",
  ],
  [
    "F6 passes",
    "An act or a race page opened by a person who has acknowledged the current version writes no row of its own: the act's own row (a stance, a pledge, a sign-up, an export, a shift) and the acknowledgment's row, with its date, show it. A race page that sends a person to acknowledge first is a redirect, not an act.",
  ],
  ["No question asked", "Field work with no campaign counterparty asks F7 nothing, and a vendor export's F5 is asked only for a vendor; nothing to record."],
  ["F11", "Failing closed is how the code is built (one gate, asked by every model), not a decision per request."],
];

export default function FirewallHome() {
  const { coalitionId, members, gaps, isCounsel, lengths } = useLoaderData<typeof loader>();
  const base = `/tables/${coalitionId}/firewall`;
  return (
    <>
      <h1>Firewall</h1>
      <p className="hint">
        The table keeps the "uncoordinated electioneering" firewall its 501(c)(4) and other independent members owe the law. These are the
        table's own rules, built on 11 CFR 109.21 (coordinated communications: the conduct standards, the 120-day lookback, the firewall safe
        harbor, the 90-day window for House candidates) and the IRS rules for 501(c)(3) and 501(c)(4) organizations.
        {lengths.level === "federal" ? "" : " This table's races fall under state law: the federal figures are the model, not the law here (below)."} They are not
        legal advice: ask your counsel.
      </p>
      <FirewallLengthsSummary lengths={lengths} />
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
            <Link to={`${base}/lengths`}>Window and lookback</Link> — the table's lengths{isCounsel ? ", set by counsel" : ""} (F4, F5, F8)
          </li>
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
                <Link to={`${base}/accounts`}>Hybrid PAC accounts</Link> — dedicate a hybrid PAC's people to one account
              </li>
              <li>
                <Link to={`${base}/evidence`}>Evidence packet</Link> — the policy, its distribution and every decision, verifiable offline (109.21(h))
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
        {rules(lengths).map(([id, text]) => (
          <div key={id}>
            <dt>{id}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <h2 id="recorded">What the audit log records</h2>
      <p className="hint">
        Rule F10 promises every allow and deny. In practice these are the decisions written, each in the same transaction as the act it
        decides, chained by hashes; the rest are not, for the reasons given.
      </p>
      <h3>Written</h3>
      <dl className="rule-list">
        {WRITTEN.map(([id, text]) => (
          <div key={id}>
            <dt>{id}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <h3>Not written, and why</h3>
      <dl className="rule-list">
        {NOT_WRITTEN.map(([id, text]) => (
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
