/**
 * Each role's home at a table (issue 15): a representative's decisions and sub-tables, an
 * affiliate lead's turf, shifts and pledges, counsel's refusals, overrides, walls and missing
 * acknowledgments. Every list is cut at HOME_ITEMS with its total counted in SQL, and each home
 * runs the same statements whatever the table's size (tests/routes/statement-counts.test.ts).
 * The facilitator's home stays getTableHome (table-picture.server.ts).
 */
import { lengthsAt } from "./firewall-lengths.server";
import type { Db } from "../../db/client";
import { addDays } from "~/domain/dates";
import type { Principal } from "~/domain/permissions";
import { REFUSAL_DAYS, WALL_SOON_DAYS } from "~/domain/homes";
import type { TurfKind, WorkType } from "~/domain/vocabulary";
import { shifts } from "../../db/schema";
import { and, asc, gt, inArray, isNull, sql } from "drizzle-orm";
import { workspaceGaps } from "./firewall.server";
import { raceLabel } from "./races.server";
import { shiftQuery, shiftViews, hostedBy } from "./shift-rows.server";
import { SHIFT_MAX_MS } from "~/domain/field-lists";
import type { ShiftView } from "~/domain/field-views";

/** How many rows each list of a role's home shows. */
export const HOME_ITEMS = 10;

type Capped<T> = { rows: T[]; total: number };
type Race = { office: string; state: string; district: string | null };

/** The partners a person acts for at this table in a role (its seat checked). */
function seatedPartners(viewer: Principal, coalitionId: number, role: "partner_rep" | "counsel"): number[] {
  const ids = viewer.grants.filter((g) => g.role === role && g.partnerId !== null).map((g) => g.partnerId as number);
  return [...new Set(ids)].filter((id) => (viewer.partnerSeats[id] ?? []).includes(coalitionId)).sort((a, b) => a - b);
}

/** The affiliates a person leads at this table. */
function ledAffiliates(viewer: Principal, coalitionId: number): number[] {
  const ids = viewer.grants.filter((g) => g.role === "affiliate_lead" && g.affiliateId !== null).map((g) => g.affiliateId as number);
  return [...new Set(ids)].filter((id) => (viewer.partnerSeats[viewer.affiliatePartner[id]] ?? []).includes(coalitionId)).sort((a, b) => a - b);
}

const list = (ids: readonly number[]) => (ids.length ? ids.join(",") : "0"); // integers only, from the viewer's grants

/** Upcoming shifts (not ended, not cancelled) matching `where`, soonest first, decorated in one batch. */
function nextShifts(db: Db, where: ReturnType<typeof and>, now: Date): ShiftView[] {
  const upcoming = and(where, isNull(shifts.cancelledAt), gt(shifts.startsAt, new Date(now.getTime() - SHIFT_MAX_MS).toISOString()), gt(shifts.endsAt, now.toISOString()));
  return shiftViews(db, shiftQuery(db).where(upcoming).orderBy(asc(shifts.startsAt), asc(shifts.id)).limit(HOME_ITEMS).all());
}

// ---------------------------------------------------------------------------------------------
// A partner's representative

export type RepresentativeHome = {
  partner: { id: number; name: string; shortName: string } | null;
  /** Candidates in races nearing critical mass on which its partner is considering or has no stance. */
  /** With the step its partner's process reached ("Interview done") and the date it expects to decide (issue 17). */
  decisions: Capped<{ id: number; name: string; count: number; raceLabel: string; primaryDate: string; stance: "considering" | null; step: string | null; expectedOn: string | null }>;
  subTables: Capped<{ id: number; candidateName: string; raceLabel: string; memberCount: number; programId: number | null }>;
  shifts: ShiftView[];
  policyGaps: ReturnType<typeof workspaceGaps>;
};

export function representativeHome(db: Db, viewer: Principal, input: { coalitionId: number; threshold: number; today: string; now: Date }): RepresentativeHome {
  const { coalitionId, threshold, today } = input;
  const partnerId = seatedPartners(viewer, coalitionId, "partner_rep")[0] ?? 0;
  const partner = (db.$client.prepare("select id, name, short_name as shortName from partners where id = ?").get(partnerId) as RepresentativeHome["partner"] | undefined) ?? null;
  // nearing critical mass: the same band as the facilitator's list (threshold − 1 down to threshold − 2 endorsers, at least 1)
  const lo = -(threshold - 1);
  const hi = -Math.max(1, threshold - 2);
  const where = `t.coalition_id = @c and t.sort_count >= @lo and t.sort_count <= @hi and t.primary_date >= @today
     and coalesce((select s.stance from current_stances s where s.candidate_id = t.candidate_id and s.holder_affiliate = 0 and s.partner_id = @p), 'considering') = 'considering'`;
  const params = { c: coalitionId, lo, hi, today, p: partnerId };
  const decisions = db.$client
    .prepare(
      `select t.candidate_id as id, t.name as name, t.endorsers as count, t.primary_date as primaryDate, r.office as office, r.state as state, r.district as district,
         (select s.stance from current_stances s where s.candidate_id = t.candidate_id and s.holder_affiliate = 0 and s.partner_id = @p) as stance,
         ps.label as step, cp.expected_on as expectedOn
       from candidate_tallies t join races r on r.id = t.race_id
         left join candidate_processes cp on cp.candidate_id = t.candidate_id and cp.partner_id = @p left join process_steps ps on ps.id = cp.step_id
       where ${where} order by t.sort_count, t.primary_date, t.candidate_id limit ${HOME_ITEMS}`,
    )
    .all(params) as (Race & { id: number; name: string; count: number; primaryDate: string; stance: "considering" | null; step: string | null; expectedOn: string | null })[];
  const decisionTotal = (db.$client.prepare(`select count(*) as n from candidate_tallies t where ${where}`).get(params) as { n: number }).n;

  const subWhere = `m.partner_id = @p and m.left_at is null and s.coalition_id = @c and s.closed_at is null`;
  const subs = db.$client
    .prepare(
      `select s.id as id, c.name as candidateName, r.office as office, r.state as state, r.district as district, pr.id as programId,
         (select count(*) from sub_coalition_members m2 where m2.sub_coalition_id = s.id and m2.left_at is null) as memberCount
       from sub_coalition_members m join sub_coalitions s on s.id = m.sub_coalition_id join candidates c on c.id = s.candidate_id
         join races r on r.id = c.race_id left join canvass_programs pr on pr.sub_coalition_id = s.id
       where ${subWhere} order by r.primary_date, s.id limit ${HOME_ITEMS}`,
    )
    .all({ p: partnerId, c: coalitionId }) as (Race & { id: number; candidateName: string; programId: number | null; memberCount: number })[];
  const subTotal = (db.$client.prepare(`select count(*) as n from sub_coalition_members m join sub_coalitions s on s.id = m.sub_coalition_id where ${subWhere}`).get({ p: partnerId, c: coalitionId }) as { n: number }).n;
  const programIds = subs.map((s) => s.programId).filter((id): id is number => id !== null);
  return {
    partner,
    decisions: { rows: decisions.map(({ office, state, district, ...d }) => ({ ...d, raceLabel: raceLabel({ office, state, district }) })), total: decisionTotal },
    subTables: { rows: subs.map(({ office, state, district, ...s }) => ({ ...s, raceLabel: raceLabel({ office, state, district }) })), total: subTotal },
    // the next shifts of its sub-tables' programs (those shown), soonest first
    shifts: nextShifts(db, and(inArray(shifts.programId, programIds.length ? programIds : [0])), input.now),
    policyGaps: workspaceGaps(db, viewer, { coalitionId }),
  };
}

// ---------------------------------------------------------------------------------------------
// An affiliate lead

export type LeadHome = {
  affiliates: { id: number; name: string; partnerShortName: string }[];
  /** Its share of each program's turf, per kind: units and doors or numbers it holds, of the program's. */
  turf: { programId: number; programName: string; kind: TurfKind; units: number; size: number; programUnits: number; programSize: number }[];
  shifts: ShiftView[];
  signups: Capped<{ id: number; volunteerName: string; shiftId: number; programId: number; startsAt: string; timeZone: string; attended: boolean | null }>;
  /** Its pledges for this week and the weeks ahead, soonest first. */
  pledges: Capped<{ id: number; programId: number; programName: string; affiliateName: string; workType: WorkType; weekStart: string; hours: number }>;
};

export function leadHome(db: Db, viewer: Principal, input: { coalitionId: number; today: string; now: Date }): LeadHome {
  const { coalitionId, today } = input;
  const ids = ledAffiliates(viewer, coalitionId);
  const inIds = list(ids);
  const affiliates = db.$client
    .prepare(`select a.id as id, a.name as name, p.short_name as partnerShortName from affiliates a join partners p on p.id = a.partner_id where a.id in (${inIds}) order by a.name`)
    .all() as LeadHome["affiliates"];
  // its units, then the same programs' whole turf by kind: two grouped reads
  const mine = db.$client
    .prepare(
      `select u.program_id as programId, pr.name as programName, u.kind as kind, count(*) as units, coalesce(sum(u.size), 0) as size
       from turf_assignments ta join turf_units u on u.id = ta.turf_unit_id join canvass_programs pr on pr.id = u.program_id
       where ta.affiliate_id in (${inIds}) and pr.coalition_id = ? group by u.program_id, u.kind order by u.program_id, u.kind limit ${HOME_ITEMS}`,
    )
    .all(coalitionId) as { programId: number; programName: string; kind: TurfKind; units: number; size: number }[];
  const programs = [...new Set(mine.map((m) => m.programId))];
  const whole = db.$client
    .prepare(`select program_id as programId, kind, count(*) as units, coalesce(sum(size), 0) as size from turf_units where program_id in (${list(programs)}) group by program_id, kind`)
    .all() as { programId: number; kind: TurfKind; units: number; size: number }[];
  const turf = mine.map((m) => {
    const all = whole.find((w) => w.programId === m.programId && w.kind === m.kind);
    return { ...m, programUnits: all?.units ?? m.units, programSize: all?.size ?? m.size };
  });
  const now = input.now;
  const signupWhere = `s.recruited_by_affiliate_id in (${inIds}) and s.cancelled_at is null and sh.cancelled_at is null and sh.ends_at > @now and pr.coalition_id = @c`;
  const signups = db.$client
    .prepare(
      `select s.id as id, s.volunteer_name as volunteerName, sh.id as shiftId, sh.program_id as programId, sh.starts_at as startsAt, r.time_zone as timeZone, s.attended as attended
       from signups s join shifts sh on sh.id = s.shift_id join canvass_programs pr on pr.id = sh.program_id join races r on r.id = pr.race_id
       where ${signupWhere} order by sh.starts_at, s.id limit ${HOME_ITEMS}`,
    )
    .all({ now: now.toISOString(), c: coalitionId }) as (LeadHome["signups"]["rows"][number] & { attended: number | null })[];
  const signupTotal = (
    db.$client.prepare(`select count(*) as n from signups s join shifts sh on sh.id = s.shift_id join canvass_programs pr on pr.id = sh.program_id where ${signupWhere}`).get({ now: now.toISOString(), c: coalitionId }) as { n: number }
  ).n;
  // this week's pledge (its week started at most 6 days ago) and the weeks ahead
  const pledgeWhere = `pl.affiliate_id in (${inIds}) and pl.week_start >= @from and pl.hours > 0 and pr.coalition_id = @c`;
  const pledgeParams = { from: addDays(today, -6), c: coalitionId };
  const pledges = db.$client
    .prepare(
      `select pl.id as id, pl.program_id as programId, pr.name as programName, a.name as affiliateName, pl.work_type as workType, pl.week_start as weekStart, pl.hours as hours
       from pledges pl join canvass_programs pr on pr.id = pl.program_id join affiliates a on a.id = pl.affiliate_id
       where ${pledgeWhere} order by pl.week_start, pl.id limit ${HOME_ITEMS}`,
    )
    .all(pledgeParams) as LeadHome["pledges"]["rows"];
  const pledgeTotal = (db.$client.prepare(`select count(*) as n from pledges pl join canvass_programs pr on pr.id = pl.program_id where ${pledgeWhere}`).get(pledgeParams) as { n: number }).n;
  return {
    affiliates,
    turf,
    shifts: nextShifts(db, and(sql`+${shifts.programId} in (select id from canvass_programs where coalition_id = ${coalitionId})`, hostedBy(db, ids)), now),
    signups: { rows: signups.map((s) => ({ ...s, attended: s.attended === null ? null : Boolean(s.attended) })), total: signupTotal },
    pledges: { rows: pledges, total: pledgeTotal },
  };
}

// ---------------------------------------------------------------------------------------------
// Counsel

export type CounselHome = {
  members: { id: number; name: string; shortName: string }[];
  /** Overrides in force or pending that still lack an approval (a joint canvass needs two). */
  waiting: Capped<{ id: number; partnerShortName: string; scope: string; rule: string; raceLabel: string; expiresOn: string; approvals: number; requiredApprovals: number }>;
  /** The firewall's refusals for its members in the last REFUSAL_DAYS days, newest first. */
  refusals: Capped<{ id: number; at: string; action: string; rule: string | null; partnerShortName: string; detail: string; raceId: number | null }>;
  /** Walls of its members that end within WALL_SOON_DAYS days. */
  wallsEnding: Capped<{ id: number; personName: string; partnerShortName: string | null; raceLabel: string | null; endsOn: string }>;
  /** Per member: its current policy's version and the people who have not acknowledged it. */
  acknowledgments: { partnerId: number; shortName: string; version: number | null; missing: Capped<{ id: number; name: string; email: string }> }[];
};

export function counselHome(db: Db, viewer: Principal, input: { coalitionId: number; today: string; now: Date }): CounselHome {
  const { coalitionId, today } = input;
  const ids = seatedPartners(viewer, coalitionId, "counsel");
  const inIds = list(ids);
  const members = db.$client.prepare(`select id, name, short_name as shortName from partners where id in (${inIds}) order by short_name`).all() as CounselHome["members"];

  const waitWhere = `o.partner_id in (${inIds}) and o.revoked_at is null and o.expires_on >= @today and r.coalition_id = @c
     and (select count(*) from override_approvals a where a.override_id = o.id) < o.required_approvals`;
  const waitParams = { today, c: coalitionId };
  const waiting = db.$client
    .prepare(
      `select o.id as id, p.short_name as partnerShortName, o.scope as scope, o.rule as rule, r.office as office, r.state as state, r.district as district, o.expires_on as expiresOn,
         (select count(*) from override_approvals a where a.override_id = o.id) as approvals, o.required_approvals as requiredApprovals
       from firewall_overrides o join races r on r.id = o.race_id join partners p on p.id = o.partner_id
       where ${waitWhere} order by o.expires_on, o.id limit ${HOME_ITEMS}`,
    )
    .all(waitParams) as (Race & CounselHome["waiting"]["rows"][number])[];
  const waitTotal = (db.$client.prepare(`select count(*) as n from firewall_overrides o join races r on r.id = o.race_id where ${waitWhere}`).get(waitParams) as { n: number }).n;

  // by audit_log_partner (partner_id, at): a range per member, newest first
  const since = new Date(input.now.getTime() - REFUSAL_DAYS * 86_400_000).toISOString();
  // refusals of acts (a stance, a shift, an export, a placement); a page read that withheld campaign notes (F2) is logged, not listed here
  const refusalWhere = `l.partner_id in (${inIds}) and l.at >= @since and l.decision = 'deny' and l.action <> 'firewall.campaign_info' and (l.race_id is null or l.race_id in (select id from races where coalition_id = @c))`;
  const refusals = db.$client
    .prepare(
      `select l.id as id, l.at as at, l.action as action, l.rule as rule, p.short_name as partnerShortName, l.detail as detail, l.race_id as raceId
       from audit_log l join partners p on p.id = l.partner_id where ${refusalWhere} order by l.at desc, l.id desc limit ${HOME_ITEMS}`,
    )
    .all({ since, c: coalitionId }) as CounselHome["refusals"]["rows"];
  const refusalTotal = (db.$client.prepare(`select count(*) as n from audit_log l where ${refusalWhere}`).get({ since, c: coalitionId }) as { n: number }).n;

  // a wall ends on its until date, or (rule F4) the table's lookback after the last service (an integer, from the table's settings)
  const { lookbackDays } = lengthsAt(db, coalitionId);
  const ends = `coalesce(w.until_date, case when w.last_service_date is not null then date(w.last_service_date, '+${Math.trunc(lookbackDays)} days') end)`;
  const wallWhere = `w.coalition_id = @c and w.partner_id in (${inIds}) and ${ends} between @today and @soon`;
  const wallParams = { c: coalitionId, today, soon: addDays(today, WALL_SOON_DAYS) };
  const wallsEnding = db.$client
    .prepare(
      `select w.id as id, w.person_name as personName, p.short_name as partnerShortName, r.office as office, r.state as state, r.district as district, ${ends} as endsOn
       from walls w left join partners p on p.id = w.partner_id left join races r on r.id = w.race_id where ${wallWhere} order by endsOn, w.id limit ${HOME_ITEMS}`,
    )
    .all(wallParams) as (Partial<Race> & { id: number; personName: string; partnerShortName: string | null; endsOn: string })[];
  const wallTotal = (db.$client.prepare(`select count(*) as n from walls w where ${wallWhere}`).get(wallParams) as { n: number }).n;

  // the people of each member (its representatives, counsel and its affiliates' leads) who have not acknowledged its current policy
  const people = `select g.user_id as id from role_grants g where g.partner_id = @p
     union select g.user_id from role_grants g join affiliates a on a.id = g.affiliate_id where a.partner_id = @p`;
  const missingWhere = `u.id in (${people}) and not exists (select 1 from policy_acknowledgments k where k.policy_id = @policy and k.user_id = u.id)`;
  const missingRows = db.$client.prepare(`select u.id as id, u.name as name, u.email as email from users u where ${missingWhere} order by u.name, u.id limit ${HOME_ITEMS}`);
  const missingCount = db.$client.prepare(`select count(*) as n from users u where ${missingWhere}`);
  const current = db.$client.prepare(`select id, version from firewall_policies where partner_id = ? order by version desc limit 1`);
  const acknowledgments = members.map((m) => {
    const policy = current.get(m.id) as { id: number; version: number } | undefined;
    const params = { p: m.id, policy: policy?.id ?? 0 };
    return {
      partnerId: m.id,
      shortName: m.shortName,
      version: policy?.version ?? null,
      missing: { rows: missingRows.all(params) as { id: number; name: string; email: string }[], total: (missingCount.get(params) as { n: number }).n },
    };
  });
  const label = (r: Partial<Race>) => (r.office && r.state ? raceLabel({ office: r.office, state: r.state, district: r.district ?? null }) : null);
  return {
    members,
    waiting: { rows: waiting.map(({ office, state, district, ...o }) => ({ ...o, raceLabel: raceLabel({ office, state, district }) })), total: waitTotal },
    refusals: { rows: refusals, total: refusalTotal },
    wallsEnding: { rows: wallsEnding.map(({ office, state, district, ...w }) => ({ ...w, raceLabel: label({ office, state, district }) })), total: wallTotal },
    acknowledgments,
  };
}
