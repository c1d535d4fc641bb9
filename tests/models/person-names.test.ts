/**
 * Issue 16, a person under another name: other names of a person, and the search that finds a
 * candidacy by the start of its own name or any of its person's other names, in any case,
 * keyset-paged, at the tables the viewer may see.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import type { Actor } from "~/domain/actor";
import { readCursor } from "~/domain/keyset";
import { grantRole, loadPrincipal } from "~/models/accounts.server";
import { addOtherName, otherNames, removeOtherName, searchPeople } from "~/models/person-names.server";
import { linkCandidacies } from "~/models/persons.server";
import { buildCandidate, buildCoalition, buildRace } from "../factories";
import { testActor, testDb } from "../db";

let db: Db;
let actor: Actor;
let w: { t24: number; t26: number; hidden: number; robert24: number; jane24: number; bob26: number; r26: number };

beforeEach(() => {
  db = testDb();
  actor = testActor(db);
  const t24 = buildCoalition(db, actor, { name: "Table 2024", cycle: 2024 }).id;
  const r24 = buildRace(db, actor, t24, { district: "03", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id;
  const r24b = buildRace(db, actor, t24, { district: "04", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id;
  const robert24 = buildCandidate(db, actor, t24, r24, { name: "Robert Hale" }).id;
  // she ran in 2024 under her maiden name
  const jane24 = buildCandidate(db, actor, t24, r24b, { name: "Jane Doyle" }).id;
  const t26 = buildCoalition(db, actor, { name: "Table 2026", cycle: 2026 }).id;
  const r26 = buildRace(db, actor, t26, { district: "03", primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id;
  const bob26 = buildCandidate(db, actor, t26, r26, { name: "Bob Hale" }).id;
  // a table the 2026 facilitator cannot see, with a Bob in it
  const hidden = buildCoalition(db, actor, { name: "Hidden table", cycle: 2024 }).id;
  buildCandidate(db, actor, hidden, buildRace(db, actor, hidden, { district: "09", primaryDate: "2024-04-23", generalDate: "2024-11-05" }).id, { name: "Bobby Tables" });
  w = { t24, t26, hidden, robert24, jane24, bob26, r26 };
});

const facilitatorOf = (...coalitionIds: number[]) => {
  const u = db.insert(users).values({ name: "Fac", email: `fac${coalitionIds.join("-")}@example.org` }).returning().get();
  for (const coalitionId of coalitionIds) grantRole(db, actor, u.id, { role: "facilitator", coalitionId });
  return loadPrincipal(db, u.id)!;
};

describe("a person under another name", () => {
  it("is found by any of their names, in any case, once the name is recorded", () => {
    const fac = facilitatorOf(w.t24, w.t26);
    const find = (q: string) => searchPeople(db, fac, { coalitionId: w.t26, candidateId: w.bob26, q }).rows.map((r) => [r.name, r.matchedName, r.viaOtherName]);
    expect(find("bob")).toEqual([]);
    expect(addOtherName(db, actor, { coalitionId: w.t24, candidateId: w.robert24, name: "Bob Hale" }).ok).toBe(true);
    expect(find("BOB")).toEqual([["Robert Hale", "Bob Hale", true]]);
    expect(find("robert h")).toEqual([["Robert Hale", "Robert Hale", false]]);
    // a maiden name, the other way round: Jane runs as Jane Marsh in 2026; her 2024 person gets "Jane Marsh"
    expect(addOtherName(db, actor, { coalitionId: w.t24, candidateId: w.jane24, name: "jane marsh" }).ok).toBe(true);
    expect(find("Jane M")).toEqual([["Jane Doyle", "jane marsh", true]]);
    // too short to search; one letter finds nothing
    expect(find("j")).toEqual([]);
    // the same name twice, or the candidacy's own name, is refused by the field
    expect(addOtherName(db, actor, { coalitionId: w.t24, candidateId: w.robert24, name: "bob hale" })).toMatchObject({ ok: false, field: "name" });
    expect(addOtherName(db, actor, { coalitionId: w.t24, candidateId: w.robert24, name: "ROBERT HALE" })).toMatchObject({ ok: false, field: "name" });
    expect(db.select().from(auditLog).where(eq(auditLog.action, "person.add_name")).all()).toHaveLength(2);
  });

  it("stays within the tables the viewer can see, leaves out this person's own candidacies, and pages by the matched name", () => {
    const only26 = facilitatorOf(w.t26);
    addOtherName(db, actor, { coalitionId: w.t24, candidateId: w.robert24, name: "Bob Hale" });
    expect(searchPeople(db, only26, { coalitionId: w.t26, candidateId: w.bob26, q: "bo" }).rows).toEqual([]);
    const sys = (q: string, cursor?: string | null, limit?: number) => searchPeople(db, "system", { coalitionId: w.t26, candidateId: w.bob26, q, cursor: readCursor(cursor ?? null), limit });
    expect(sys("bo").rows.map((r) => r.name)).toEqual(["Robert Hale", "Bobby Tables"]);
    const first = sys("bo", null, 1);
    expect(first.rows.map((r) => r.name)).toEqual(["Robert Hale"]);
    const second = sys("bo", first.next, 1);
    expect(second.rows.map((r) => r.name)).toEqual(["Bobby Tables"]);
    expect(second.next).toBeNull();
    expect(sys("bo", second.prev, 1).rows.map((r) => r.name)).toEqual(["Robert Hale"]);
    // linked, Robert is this person: no longer a match
    expect(linkCandidacies(db, actor, { coalitionId: w.t26, candidateId: w.bob26, otherCandidateId: w.robert24 }).ok).toBe(true);
    expect(sys("bo").rows.map((r) => r.name)).toEqual(["Bobby Tables"]);
    expect(otherNames(db, "system", { coalitionId: w.t26, candidateId: w.bob26 }).map((n) => n.name)).toEqual(["Bob Hale"]);
  });

  it("keeps the other names when two people become one, and removes one on request", () => {
    addOtherName(db, actor, { coalitionId: w.t26, candidateId: w.bob26, name: "Robbie Hale" });
    addOtherName(db, actor, { coalitionId: w.t24, candidateId: w.robert24, name: "Bob Hale" });
    addOtherName(db, actor, { coalitionId: w.t24, candidateId: w.robert24, name: "Robbie Hale" });
    expect(linkCandidacies(db, actor, { coalitionId: w.t26, candidateId: w.bob26, otherCandidateId: w.robert24 }).ok).toBe(true);
    const names = otherNames(db, "system", { coalitionId: w.t26, candidateId: w.bob26 });
    expect(names.map((n) => n.name)).toEqual(["Bob Hale", "Robbie Hale"]);
    expect(removeOtherName(db, actor, { coalitionId: w.t26, candidateId: w.bob26, nameId: names[0].id }).ok).toBe(true);
    expect(otherNames(db, "system", { coalitionId: w.t24, candidateId: w.robert24 }).map((n) => n.name)).toEqual(["Robbie Hale"]);
    expect(() => removeOtherName(db, actor, { coalitionId: w.t26, candidateId: w.bob26, nameId: names[0].id })).toThrow(/not found/);
  });
});
