import { describe, expect, it } from "vitest";
import { parseForm } from "~/domain/forms";
import { advancesTo, allowedOutcomes, marginOf, outcomeProblem, planCarry, raceElections, resultForm, resultsProblem, subTableOpenUntil, withShares } from "~/domain/results";
import { previewResultsCsv } from "~/domain/results-csv";

const plain = { primaryDate: "2026-05-19", generalDate: "2026-11-03", runoffDate: null, specialDate: null, seats: 1 };
/** A primary runoff before the general (Texas, North Carolina). */
const primaryRunoff = { ...plain, runoffDate: "2026-07-14" };
/** A runoff after the general (Georgia). */
const generalRunoff = { ...plain, runoffDate: "2026-12-01" };
const special = { ...plain, specialDate: "2026-03-10", runoffDate: "2026-04-07" };

describe("outcomes per election type", () => {
  it("a primary nominates: nobody wins a seat in it; it goes to a runoff only when the race has one before the general", () => {
    expect(allowedOutcomes("primary", plain)).toEqual(["advanced_general", "lost", "withdrew"]);
    expect(allowedOutcomes("primary", primaryRunoff)).toEqual(["advanced_general", "advanced_runoff", "lost", "withdrew"]);
    expect(allowedOutcomes("primary", generalRunoff)).toEqual(["advanced_general", "lost", "withdrew"]);
    expect(outcomeProblem("primary", plain, "won")).toMatch(/not an outcome of this race's primary/);
  });
  it("a runoff before the general nominates; one after it decides the seat", () => {
    expect(allowedOutcomes("runoff", primaryRunoff)).toEqual(["advanced_general", "lost", "withdrew"]);
    expect(allowedOutcomes("runoff", generalRunoff)).toEqual(["won", "lost", "withdrew"]);
  });
  it("the general and a special decide the seat, or go to a runoff the race holds after them", () => {
    expect(allowedOutcomes("general", plain)).toEqual(["won", "lost", "withdrew"]);
    expect(allowedOutcomes("general", generalRunoff)).toEqual(["won", "advanced_runoff", "lost", "withdrew"]);
    expect(allowedOutcomes("special", special)).toContain("won");
    expect(allowedOutcomes("special", special)).toContain("advanced_runoff");
  });
  it("refuses an election the race does not have, and more winners than seats", () => {
    expect(outcomeProblem("runoff", plain, "won")).toBe("This race has no runoff date.");
    expect(resultsProblem("general", plain, ["won", "won", "lost"])).toBe("2 candidates marked as won, for 1 seat.");
    expect(resultsProblem("general", { ...plain, seats: 2 }, ["won", "won", "lost"])).toBeNull();
  });
  it("lists a race's elections in date order and says where an outcome sends the candidate", () => {
    expect(raceElections(special).map((e) => e.kind)).toEqual(["special", "runoff", "primary", "general"]);
    expect(advancesTo("advanced_general")).toBe("general");
    expect(advancesTo("advanced_runoff")).toBe("runoff");
    expect(advancesTo("won")).toBeNull();
  });
});

describe("shares and margins", () => {
  it("computes each share of the votes to one decimal, and the margin over the best other candidate", () => {
    const rows = [
      { candidateId: 1, votes: 5200 },
      { candidateId: 2, votes: 3900 },
      { candidateId: 3, votes: 900 },
    ];
    expect(withShares(rows).map((r) => r.share)).toEqual([52, 39, 9]);
    expect(marginOf(rows, 1)).toBe(13);
    expect(marginOf(rows, 2)).toBe(-13);
    expect(marginOf(rows, 3)).toBe(-43);
    expect(withShares([{ votes: 0 }])[0].share).toBeNull();
    expect(marginOf([{ candidateId: 1, votes: 10 }], 1)).toBeNull();
  });
});

describe("a results form and file", () => {
  it("needs a public web address and a date for its source", () => {
    const r = parseForm(resultForm, { election: "primary", candidateId: "3", votes: "12,0", outcome: "won", sourceUrl: "sos.example", sourceDate: "" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["sourceDate", "sourceUrl", "votes"]);
  });

  const candidates = [
    { id: 1, name: "Dana Ortiz" },
    { id: 2, name: "Sam Lee" },
    { id: 3, name: "Jo Park" },
  ];
  const ctx = { election: "primary" as const, race: plain, candidates };
  it("checks every row: unknown candidate, bad number, duplicate row, wrong outcome", () => {
    const p = previewResultsCsv("candidate,votes,outcome\nDana Ortiz,\"5,200\",advanced_general\nNobody Here,10,lost\nSam Lee,lots,lost\ndana ortiz,3,lost\nJo Park,900,won\n", ctx);
    if (!p.ok) throw new Error(p.message);
    expect(p.total).toBe(5);
    expect(p.valid).toBe(1);
    expect(p.results).toEqual([]);
    expect(p.errorRows.map((r) => [r.line, Object.keys(r.errors)])).toEqual([
      [3, ["candidate"]],
      [4, ["votes"]],
      [5, ["candidate"]],
      [6, ["outcome"]],
    ]);
    expect(p.errorRows[2].errors.candidate).toBe("Dana Ortiz is already on line 2.");
  });
  it("gives the rows to save when all are clean, reading outcomes by code or label", () => {
    const p = previewResultsCsv("\uFEFFCandidate,Votes,Outcome\nDana Ortiz,5200,Advanced to the general\nSam Lee,3900,lost\n", ctx);
    if (!p.ok) throw new Error(p.message);
    expect(p.results).toEqual([
      { candidateId: 1, votes: 5200, outcome: "advanced_general" },
      { candidateId: 2, votes: 3900, outcome: "lost" },
    ]);
  });
  it("refuses a file without the columns, and two winners of one seat", () => {
    expect(previewResultsCsv("name,votes\nDana Ortiz,1\n", ctx)).toEqual({ ok: false, message: "Missing column: candidate, outcome. The header must name candidate, votes and outcome.".replace("column:", "columns:") });
    const p = previewResultsCsv("candidate,votes,outcome\nDana Ortiz,5,won\nSam Lee,4,won\n", { ...ctx, election: "general" });
    expect(p.ok && p.problem).toBe("2 candidates marked as won, for 1 seat.");
    expect(p.ok && p.results).toEqual([]);
  });
});

describe("carrying a sub-table into the next election", () => {
  const base = { race: primaryRunoff, today: "2026-05-25", subTable: { closedAt: null, election: "primary" as const }, program: { startDate: "2026-03-01", endDate: "2026-05-19" } };
  it("carries a candidate who advanced into that election, the program running from the day after the primary to it", () => {
    expect(planCarry({ ...base, outcome: "advanced_runoff" })).toEqual({ ok: true, election: "runoff", electionDate: "2026-07-14", programStart: "2026-05-20", programEnd: "2026-07-14" });
    expect(planCarry({ ...base, outcome: "advanced_general" })).toMatchObject({ ok: true, election: "general", electionDate: "2026-11-03", programEnd: "2026-11-03" });
    expect(planCarry({ ...base, outcome: "advanced_general", program: null })).toMatchObject({ ok: true, programStart: null, programEnd: null });
  });
  it("carries from a runoff into the general", () => {
    expect(planCarry({ ...base, today: "2026-07-20", subTable: { closedAt: null, election: "runoff" }, outcome: "advanced_general" })).toMatchObject({ ok: true, election: "general", programStart: "2026-07-15" });
  });
  it("refuses without a result, after a loss, into an election the race lacks, or a closed sub-table", () => {
    expect(planCarry({ ...base, outcome: null })).toMatchObject({ ok: false, message: expect.stringMatching(/Record the primary results first/) });
    expect(planCarry({ ...base, outcome: "lost" })).toMatchObject({ ok: false, message: expect.stringMatching(/only a candidate who advanced/) });
    expect(planCarry({ ...base, race: plain, outcome: "advanced_runoff" })).toMatchObject({ ok: false, message: "The race has no runoff date. Add it to the race first." });
    expect(planCarry({ ...base, subTable: { closedAt: "2026-05-01T00:00:00Z", election: "primary" }, outcome: "advanced_general" })).toMatchObject({ ok: false });
    expect(planCarry({ ...base, today: "2026-11-04", outcome: "advanced_general" })).toMatchObject({ ok: false, message: expect.stringMatching(/already past/) });
  });
  it("a sub-table is open until its election: the primary unless carried", () => {
    expect(subTableOpenUntil("2026-05-19", null)).toBe("2026-05-19");
    expect(subTableOpenUntil("2026-05-19", "2026-11-03")).toBe("2026-11-03");
  });
});
