import { cellText } from "~/domain/processes";
import type { Stance } from "~/domain/vocabulary";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { CountOf } from "./badges";
import { UpcomingShifts } from "./upcoming-shifts";
import { formatDate } from "~/domain/dates";
import { TURF_KIND_LABELS, unitSize, WORK_TYPE_LABELS } from "~/domain/field-forms";
import { OVERRIDE_SCOPE_LABELS } from "~/domain/counsel-forms";
import { utcToLocal } from "~/domain/zoned-time";
import type { ShiftCard } from "~/domain/field-views";
import type { TurfKind, WorkType } from "~/domain/vocabulary";

/** The table in numbers, as every home shows it. */
export function TableNumbers({ counts }: { counts: { partners: number; affiliates: number; races: number; candidates: number; endorsements: number; subTables: number } }) {
  return (
    <ul className="stats" aria-label="The table in numbers">
      <li><span className="n">{counts.partners}</span><span className="l">partners</span></li>
      <li><span className="n">{counts.affiliates}</span><span className="l">affiliates</span></li>
      <li><span className="n">{counts.races}</span><span className="l">races</span></li>
      <li><span className="n">{counts.candidates}</span><span className="l">candidates</span></li>
      <li><span className="n">{counts.endorsements}</span><span className="l">endorsements</span></li>
      <li><span className="n">{counts.subTables}</span><span className="l">open sub-tables</span></li>
    </ul>
  );
}

/** A card of a home: a heading, its list or its empty line, and "n of total" with a link to the rest. */
function Card({ id, title, empty, shown, total, more, children }: { id: string; title: string; empty: string; shown: number; total: number; more?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {title}
      </h2>
      {shown === 0 ? <p className="empty">{empty}</p> : children}
      {total > shown ? (
        <p className="hint">
          {shown} of {total.toLocaleString("en-US")} shown. {more}
        </p>
      ) : shown > 0 && more ? (
        <p className="hint">{more}</p>
      ) : null}
    </section>
  );
}

type PolicyGap = { partnerId: number; partnerName: string; problem: "no_policy" | "not_acknowledged"; version: number | null };

/** A partner representative's home: its decisions, its sub-tables and their next shifts, policies to acknowledge. */
export function RepresentativeHomeView(props: {
  base: string;
  threshold: number;
  partner: { name: string; shortName: string } | null;
  decisions: { rows: { id: number; name: string; count: number; raceLabel: string; primaryDate: string; stance: Stance | null; step: string | null; expectedOn: string | null }[]; total: number };
  subTables: { rows: { id: number; candidateName: string; raceLabel: string; memberCount: number; programId: number | null }[]; total: number };
  shifts: ShiftCard[];
  policyGaps: PolicyGap[];
  coalitionId: number;
}) {
  const { base } = props;
  const who = props.partner ? props.partner.shortName : "Your partner";
  return (
    <>
      {props.policyGaps.length > 0 ? <PolicyGaps base={base} gaps={props.policyGaps} /> : null}
      <div className="grid">
        <Card
          id="decisions"
          title={`${who}: decisions near critical mass`}
          empty={`${who} has a stance on every candidate nearing critical mass.`}
          shown={props.decisions.rows.length}
          total={props.decisions.total}
          more={<Link to={`${base}/matrix?status=nearing`}>All candidates nearing critical mass in the matrix</Link>}
        >
          <ul className="history">
            {props.decisions.rows.map((c) => (
              <li key={c.id}>
                <CountOf count={c.count} threshold={props.threshold} /> <Link to={`${base}/candidates/${c.id}`}>{c.name}</Link>{" "}
                <span className="muted">
                  · {c.raceLabel} · primary {formatDate(c.primaryDate)} · {cellText(c.stance, c.step) || "No stance yet"}
                  {c.expectedOn ? ` · decision expected ${formatDate(c.expectedOn)}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card
          id="my-subs"
          title={`${who}'s sub-tables`}
          empty={`${who} is not on a sub-table yet. One forms when ${props.threshold} partners endorse the same candidate.`}
          shown={props.subTables.rows.length}
          total={props.subTables.total}
          more={<Link to={`${base}/sub-tables`}>All sub-tables</Link>}
        >
          <ul className="history">
            {props.subTables.rows.map((s) => (
              <li key={s.id}>
                <Link to={`${base}/sub-tables/${s.id}`}>{s.candidateName}</Link> <span className="muted">· {s.raceLabel} · {s.memberCount} members</span>
                {s.programId ? (
                  <>
                    {" "}
                    · <Link to={`${base}/programs/${s.programId}/shifts`}>shifts</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <section aria-labelledby="next-shifts">
        <h2 id="next-shifts">Next shifts of its sub-tables</h2>
        <UpcomingShifts shifts={props.shifts} coalitionId={props.coalitionId} empty="No shifts scheduled in its sub-tables' programs." showProgram />
      </section>
    </>
  );
}

function PolicyGaps({ base, gaps }: { base: string; gaps: PolicyGap[] }) {
  return (
    <section className="notice warn" aria-labelledby="policy-gaps">
      <h2 id="policy-gaps" style={{ marginTop: 0 }}>
        Policies to acknowledge
      </h2>
      <p>Race workspaces open once you have acknowledged your member's current firewall policy (rule F6).</p>
      <ul>
        {gaps.map((g) => (
          <li key={g.partnerId}>
            {g.partnerName}:{" "}
            <Link to={`${base}/firewall/policies`}>{g.problem === "no_policy" ? "no firewall policy on file yet" : `acknowledge policy version ${g.version}`}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An affiliate lead's home: its share of turf, its next shifts and sign-ups, pledges due. */
export function LeadHomeView(props: {
  base: string;
  coalitionId: number;
  affiliates: { id: number; name: string; partnerShortName: string }[];
  turf: { programId: number; programName: string; kind: TurfKind; units: number; size: number; programUnits: number; programSize: number }[];
  shifts: ShiftCard[];
  signups: { rows: { id: number; volunteerName: string; shiftId: number; programId: number; startsAt: string; timeZone: string; attended: boolean | null }[]; total: number };
  pledges: { rows: { id: number; programId: number; programName: string; affiliateName: string; workType: WorkType; weekStart: string; hours: number }[]; total: number };
}) {
  const { base } = props;
  const names = props.affiliates.map((a) => a.name).join(", ") || "Your affiliate";
  return (
    <>
      <p className="lede">{names}: your turf, shifts, volunteers and pledges at this table.</p>
      <div className="grid">
        <Card id="turf-share" title="Your share of the turf" empty="No turf units are yours yet: the split gives each affiliate its share." shown={props.turf.length} total={props.turf.length}>
          <ul className="history">
            {props.turf.map((t) => (
              <li key={`${t.programId}-${t.kind}`}>
                <Link to={`${base}/programs/${t.programId}/turf`}>{t.programName}</Link>:{" "}
                {t.units} of {t.programUnits} {TURF_KIND_LABELS[t.kind].toLowerCase()}s, {unitSize(t.kind, t.size)} of {t.programSize.toLocaleString("en-US")}
              </li>
            ))}
          </ul>
        </Card>
        <Card
          id="pledges-due"
          title="Pledges due"
          empty="No pledges for this week or the weeks ahead."
          shown={props.pledges.rows.length}
          total={props.pledges.total}
          more={props.pledges.rows[0] ? <Link to={`${base}/programs/${props.pledges.rows[0].programId}/pledges`}>Pledges</Link> : null}
        >
          <ul className="history">
            {props.pledges.rows.map((p) => (
              <li key={p.id}>
                Week of {formatDate(p.weekStart)}: {p.hours} hours of {WORK_TYPE_LABELS[p.workType].toLowerCase()} <span className="muted">· {p.affiliateName} · {p.programName}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <section aria-labelledby="lead-shifts">
        <h2 id="lead-shifts">Your next shifts</h2>
        <UpcomingShifts shifts={props.shifts} coalitionId={props.coalitionId} empty="No shifts hosted or co-hosted ahead." showProgram />
      </section>
      <Card id="lead-signups" title="Your volunteers signed up" empty="No volunteers signed up for shifts ahead." shown={props.signups.rows.length} total={props.signups.total} more={<Link to={`${base}/my-affiliate`}>My affiliate</Link>}>
        <ul className="history">
          {props.signups.rows.map((s) => (
            <li key={s.id}>
              <strong>{s.volunteerName}</strong> · <Link to={`${base}/programs/${s.programId}/shifts/${s.shiftId}`}>{utcToLocal(s.startsAt, s.timeZone).replace("T", " ")}</Link>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

/** Counsel's home: overrides waiting, recent refusals, walls ending soon, acknowledgments missing. */
export function CounselHomeView(props: {
  base: string;
  members: { id: number; shortName: string }[];
  waiting: { rows: { id: number; partnerShortName: string; scope: string; raceLabel: string; expiresOn: string; approvals: number; requiredApprovals: number }[]; total: number };
  refusals: { rows: { id: number; at: string; action: string; rule: string | null; partnerShortName: string; detail: string }[]; total: number };
  wallsEnding: { rows: { id: number; personName: string; partnerShortName: string | null; raceLabel: string | null; endsOn: string }[]; total: number };
  acknowledgments: { partnerId: number; shortName: string; version: number | null; missing: { rows: { id: number; name: string; email: string }[]; total: number } }[];
  refusalDays: number;
  wallDays: number;
}) {
  const { base } = props;
  return (
    <>
      <p className="lede">Counsel for {props.members.map((m) => m.shortName).join(", ") || "your member"}: what waits on you at this table.</p>
      <div className="grid">
        <Card id="waiting" title="Overrides waiting for approval" empty="No override waits for an approval." shown={props.waiting.rows.length} total={props.waiting.total} more={<Link to={`${base}/firewall/overrides`}>Overrides</Link>}>
          <ul className="history">
            {props.waiting.rows.map((o) => (
              <li key={o.id}>
                {o.partnerShortName}: {OVERRIDE_SCOPE_LABELS[o.scope as keyof typeof OVERRIDE_SCOPE_LABELS] ?? o.scope} <span className="muted">· {o.raceLabel} · {o.approvals} of {o.requiredApprovals} approvals · expires {formatDate(o.expiresOn)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card id="refusals" title={`Refusals in the last ${props.refusalDays} days`} empty={`The firewall refused nothing for your members in the last ${props.refusalDays} days.`} shown={props.refusals.rows.length} total={props.refusals.total} more={<Link to={`${base}/audit?decision=deny`}>The audit trail's refusals</Link>}>
          <ul className="history">
            {props.refusals.rows.map((r) => (
              <li key={r.id}>
                <strong>{r.rule ?? "refused"}</strong> {r.partnerShortName}: {r.detail || r.action} <span className="muted">· {formatDate(r.at.slice(0, 10))}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card id="walls-ending" title={`Walls ending within ${props.wallDays} days`} empty={`No wall of your members ends in the next ${props.wallDays} days.`} shown={props.wallsEnding.rows.length} total={props.wallsEnding.total} more={<Link to={`${base}/firewall/walls`}>Wall roster</Link>}>
          <ul className="history">
            {props.wallsEnding.rows.map((w) => (
              <li key={w.id}>
                {w.personName} <span className="muted">· {w.partnerShortName ?? ""}{w.raceLabel ? ` · ${w.raceLabel}` : " · every race"} · ends {formatDate(w.endsOn)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <section className="card" aria-labelledby="acks">
          <h2 id="acks" style={{ marginTop: 0 }}>
            Acknowledgments missing
          </h2>
          {props.acknowledgments.map((a) => (
            <div key={a.partnerId}>
              {a.version === null ? (
                <p>
                  {a.shortName}: no firewall policy on file. <Link to={`${base}/firewall/policies`}>Publish one</Link>
                </p>
              ) : a.missing.total === 0 ? (
                <p>{a.shortName}: everyone has acknowledged version {a.version}.</p>
              ) : (
                <>
                  <p>
                    {a.shortName}: {a.missing.total} {a.missing.total === 1 ? "person has" : "people have"} not acknowledged version {a.version}.
                  </p>
                  <ul className="history">
                    {a.missing.rows.map((p) => (
                      <li key={p.id}>
                        {p.name} <span className="muted">· {p.email}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))}
          <p className="hint">
            <Link to={`${base}/firewall/policies`}>Firewall policies</Link>
          </p>
        </section>
      </div>
    </>
  );
}
