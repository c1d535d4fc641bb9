/**
 * The bench's national-scale database (scripts/bench-data.ts), made small: the counts it
 * promises, the same rows every time, sub-tables that are the fold of the stance history, and an
 * audit chain that verifies. The bench itself (npm run bench) is not part of npm test.
 */
import { describe, expect, it } from "vitest";
import { openDb, type Db } from "../../db/client";
import { benchCounts, generateBenchData, type BenchManifest } from "../../scripts/bench-data";
import { verifyAuditChain } from "~/models/audit.server";
import { checkStanceChange, currentStances, endorsingPartners, reachesCriticalMass, type StanceEvent } from "~/domain/critical-mass";
import type { Stance } from "~/domain/vocabulary";

const SCALE = 0.01;

function generate(): { db: Db; manifest: BenchManifest } {
  const db = openDb(":memory:");
  return { db, manifest: generateBenchData(db, { scale: SCALE }) };
}

const first = generate();
const { db, manifest } = first;
const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];

describe("the bench database at a small scale", () => {
  it("has the counts it promises", () => {
    const n = benchCounts(SCALE);
    expect(manifest.counts).toMatchObject({
      coalitions: 3,
      partners: n.partners,
      affiliates: n.affiliates,
      races: n.races,
      candidates: n.candidates,
      turf_units: n.turfUnits,
      shifts: n.shifts,
      signups: n.signups,
      meetings: n.meetings,
      audit_log: n.audit,
    });
    expect(manifest.counts.endorsement_events).toBeGreaterThan(n.candidates);
    expect(manifest.counts.sub_coalitions).toBeGreaterThan(1);
    expect(manifest.counts.turf_assignments).toBeGreaterThan(0);
    expect(all("pragma foreign_key_check")).toEqual([]);
  });

  it("is the same every time: counts, ids and the last audit hash", () => {
    const second = generate();
    expect(second.manifest).toEqual(manifest);
    const last = (d: Db) => d.$client.prepare("select id, hash from audit_log order by id desc limit 1").get();
    expect(last(second.db)).toEqual(last(db));
    expect(last(db)).toEqual({ id: benchCounts(SCALE).audit, hash: manifest.lastAuditHash });
  });

  it("keeps an audit chain that verifies (rule F10)", () => {
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: benchCounts(SCALE).audit });
  });

  it("has a stance history every step of which the rules allow (seats per race, F1)", () => {
    const events = all<{ id: number; candidateId: number; partnerId: number; affiliateId: number | null; fromStance: Stance | null; stance: Stance; raceId: number; seats: number; legalType: string }>(
      `select e.id, e.candidate_id as candidateId, e.partner_id as partnerId, e.affiliate_id as affiliateId, e.from_stance as fromStance, e.stance,
              c.race_id as raceId, r.seats, coalesce(a.legal_type, p.legal_type) as legalType
         from endorsement_events e join candidates c on c.id = e.candidate_id join races r on r.id = c.race_id
         join partners p on p.id = e.partner_id left join affiliates a on a.id = e.affiliate_id order by e.id`,
    );
    const current = new Map<string, Stance>();
    for (const e of events) {
      expect(e.legalType).not.toBe("c3");
      const holder = `${e.partnerId}:${e.affiliateId ?? "-"}`;
      const from = current.get(`${e.candidateId}:${holder}`) ?? null;
      expect(e.fromStance).toBe(from);
      const elsewhere = events.filter((o) => o.id < e.id && o.raceId === e.raceId && o.candidateId !== e.candidateId && `${o.partnerId}:${o.affiliateId ?? "-"}` === holder);
      const endorsedElsewhere = new Set<number>();
      for (const o of elsewhere) o.stance === "endorsed" ? endorsedElsewhere.add(o.candidateId) : endorsedElsewhere.delete(o.candidateId);
      expect(checkStanceChange({ from, to: e.stance, seats: e.seats, endorsedElsewhereInRace: endorsedElsewhere.size }).ok).toBe(true);
      current.set(`${e.candidateId}:${holder}`, e.stance);
    }
  });

  it("has the sub-tables the stance history forms: formed at the threshold, members = the current endorsers", () => {
    const events = all<StanceEvent>("select id, candidate_id as candidateId, partner_id as partnerId, affiliate_id as affiliateId, stance from endorsement_events order by id");
    const candidates = all<{ id: number; threshold: number }>("select c.id, t.threshold from candidates c join races r on r.id = c.race_id join coalitions t on t.id = r.coalition_id");
    const subs = new Map(all<{ id: number; candidateId: number; formedBy: number }>("select id, candidate_id as candidateId, formed_by_event_id as formedBy from sub_coalitions").map((s) => [s.candidateId, s]));
    let formed = 0;
    for (const c of candidates) {
      const mine = events.filter((e) => e.candidateId === c.id);
      // the first event after which the national endorsers reach the threshold
      const reached = mine.find((e, i) => e.affiliateId === null && e.stance === "endorsed" && reachesCriticalMass(endorsingPartners(mine.slice(0, i + 1), c.id).length, c.threshold));
      const sub = subs.get(c.id);
      expect(sub?.formedBy ?? null, `candidate ${c.id}`).toBe(reached?.id ?? null);
      if (!sub) continue;
      formed++;
      const open = all<{ partnerId: number }>("select partner_id as partnerId from sub_coalition_members where sub_coalition_id = ? and left_at is null order by partner_id", sub.id).map((m) => m.partnerId);
      expect(open, `sub-table ${sub.id}`).toEqual(endorsingPartners(mine, c.id));
    }
    expect(formed).toBe(subs.size);
    // every stay starts with its partner's endorsement and ends with one that is not
    const stays = all<{ partnerId: number; candidateId: number; joined: Stance; joinedPartner: number; left: Stance | null; leftPartner: number | null }>(
      `select m.partner_id as partnerId, s.candidate_id as candidateId, j.stance as joined, j.partner_id as joinedPartner, l.stance as "left", l.partner_id as leftPartner
         from sub_coalition_members m join sub_coalitions s on s.id = m.sub_coalition_id
         join endorsement_events j on j.id = m.joined_by_event_id left join endorsement_events l on l.id = m.left_by_event_id`,
    );
    for (const s of stays) {
      expect(s.joined).toBe("endorsed");
      if (s.left !== null) {
        expect(s.left).not.toBe("endorsed");
        expect(s.leftPartner).toBe(s.partnerId);
      }
    }
  });

  it("has the projection of the stance history that the fold gives (current_stances, candidate_tallies)", () => {
    const events = all<StanceEvent & { decidedOn: string }>(
      "select id, candidate_id as candidateId, partner_id as partnerId, affiliate_id as affiliateId, stance, decided_on as decidedOn from endorsement_events order by id",
    );
    const folded = [...currentStances(events).values()]
      .map((e) => ({ candidateId: e.candidateId, partnerId: e.partnerId, affiliateId: e.affiliateId, stance: e.stance, eventId: e.id, decidedOn: e.decidedOn }))
      .sort((a, b) => a.eventId - b.eventId);
    const projected = all("select candidate_id as candidateId, partner_id as partnerId, affiliate_id as affiliateId, stance, event_id as eventId, decided_on as decidedOn from current_stances order by event_id");
    expect(projected).toEqual(folded);
    const seats = new Set(all<{ k: string }>("select coalition_id || ':' || partner_id as k from coalition_partners").map((r) => r.k));
    const cands = all<{ id: number; coalitionId: number }>("select c.id, r.coalition_id as coalitionId from candidates c join races r on r.id = c.race_id order by c.id");
    const expected = cands.map((c) => {
      const mine = folded.filter((e) => e.candidateId === c.id && e.stance === "endorsed");
      const endorsers = mine.filter((e) => e.affiliateId === null && seats.has(`${c.coalitionId}:${e.partnerId}`)).length;
      return { candidateId: c.id, endorsers, sortCount: 0 - endorsers || 0, affiliateEndorsements: mine.length - mine.filter((e) => e.affiliateId === null).length };
    });
    expect(all("select candidate_id as candidateId, endorsers, sort_count as sortCount, affiliate_endorsements as affiliateEndorsements from candidate_tallies order by candidate_id")).toEqual(expected);
    expect(all("select coalition_id as c, decided_on as d, delta from endorsement_days where delta <> 0 order by 1, 2")).toEqual(
      all(`select coalition_id as c, decided_on as d, sum((stance = 'endorsed') - (coalesce(from_stance, '') = 'endorsed')) as delta
           from endorsement_events where affiliate_id is null group by 1, 2 having delta <> 0 order by 1, 2`),
    );
    expect(all("select id from endorsement_events where coalition_id is null or coalition_id <> (select r.coalition_id from candidates c join races r on r.id = c.race_id where c.id = candidate_id)")).toEqual([]);
  });

  it("gives the bench's people their roles and the current firewall policy acknowledged (F6), and its pages their rows", () => {
    const { facilitator, rep, counsel, lead } = manifest.users;
    const grants = (userId: number) => all<{ role: string; coalitionId: number | null; partnerId: number | null; affiliateId: number | null }>("select role, coalition_id as coalitionId, partner_id as partnerId, affiliate_id as affiliateId from role_grants where user_id = ?", userId);
    expect(grants(facilitator.id)).toEqual([{ role: "facilitator", coalitionId: manifest.showcase.coalitionId, partnerId: null, affiliateId: null }]);
    expect(grants(rep.id)).toMatchObject([{ role: "partner_rep", partnerId: manifest.partnerId }]);
    expect(grants(counsel.id)).toMatchObject([{ role: "counsel", partnerId: manifest.partnerId }]);
    expect(grants(lead.id)).toMatchObject([{ role: "affiliate_lead", affiliateId: manifest.leadAffiliateId }]);
    expect(all("select legal_type as t from partners where id = ?", manifest.partnerId)).toEqual([{ t: "c4" }]);
    for (const u of [rep, counsel, lead]) {
      const acked = all(
        `select 1 from policy_acknowledgments a join firewall_policies p on p.id = a.policy_id
          where a.user_id = ? and p.partner_id = ? and p.version = (select max(version) from firewall_policies where partner_id = p.partner_id)`,
        u.id,
        manifest.partnerId,
      );
      expect(acked, u.email).toHaveLength(1);
    }
    const s = manifest.showcase;
    expect(all("select 1 from sub_coalition_members where sub_coalition_id = ? and partner_id = ? and left_at is null", s.subTableId, manifest.partnerId)).toHaveLength(1);
    expect(all("select 1 from canvass_programs where id = ? and sub_coalition_id = ? and coalition_id = ?", s.programId, s.subTableId, s.coalitionId)).toHaveLength(1);
    expect(all("select 1 from shifts where id = ? and program_id = ?", s.shiftId, s.programId)).toHaveLength(1);
    expect(all("select 1 from meetings where id = ? and coalition_id = ?", s.meetingId, s.coalitionId)).toHaveLength(1);
    expect(all("select 1 from calendar_feeds where revoked_at is null")).toHaveLength(2);
  });
});

describe("the bench's stored split (issue 11)", () => {
  it("is, for every program, what a re-split would store: splitTurf of its units, coverage, pledges and locks", async () => {
    const { stored, expected } = await import("./support/stored-split");
    const programs = all<{ id: number; coalitionId: number }>("select id, coalition_id as coalitionId from canvass_programs order by id");
    expect(programs.length).toBeGreaterThan(0);
    for (const p of programs) expect(stored(db, p.id), `program ${p.id}`).toEqual(expected(db, { coalitionId: p.coalitionId, programId: p.id }));
    expect(all("select 1 from turf_assignments where locked = 1").length).toBeGreaterThan(0);
  });
});
