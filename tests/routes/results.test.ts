import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Actor } from "~/domain/actor";
import * as resultsPage from "~/routes/tables.$coalitionId.races.$raceId_.results";
import { importResults, raceResults, recordResult } from "~/models/results.server";
import { buildCandidate, buildCoalition, buildRace } from "../factories";
import { act, expectInvalid, expectRedirect, load, settle } from "./helpers";
import { auditRows, dump, freshDb, rows } from "./support";

let db: Db;
let actor: Actor;
let coalitionId: number;
let raceId: number;
let params: Record<string, string>;
let path: string;
beforeEach(() => {
  ({ db, actor } = freshDb());
  coalitionId = buildCoalition(db, actor).id;
  // a past primary (the clock is the real one): results can be recorded
  raceId = buildRace(db, actor, coalitionId, { primaryDate: "2026-05-19", generalDate: "2027-11-02" }).id;
  for (const name of ["Dana Ortiz", "Sam Lee", "Jo Park"]) buildCandidate(db, actor, coalitionId, raceId, { name });
  params = { coalitionId: String(coalitionId), raceId: String(raceId) };
  path = `/tables/${coalitionId}/races/${raceId}/results`;
});

const source = { election: "primary", sourceUrl: "https://sos.example.gov/2026-primary", sourceDate: "2026-05-29" };
const GOOD = "candidate,votes,outcome\nDana Ortiz,5200,advanced_general\nSam Lee,3900,lost\nJo Park,900,lost\n";

describe("the results import", () => {
  it("previews a file with bad rows, listing each row's errors, and writes nothing", async () => {
    const before = dump(db);
    const csv = "candidate,votes,outcome\nDana Ortiz,5200,advanced_general\nNobody,10,lost\nSam Lee,many,lost\nDana Ortiz,3,lost\n";
    const data = (await expectInvalid(act(resultsPage.action, path, params, { intent: "preview", ...source, csv }), [])) as unknown as { preview: { ok: true; errorRows: { line: number; errors: Record<string, string> }[] }; content: string };
    expect(data.preview.errorRows.map((r) => [r.line, Object.values(r.errors)[0]])).toEqual([
      [3, 'No candidate named "Nobody" runs in this race.'],
      [4, '"many" is not a number of votes.'],
      [5, "Dana Ortiz is already on line 2."],
    ]);
    expect(data.content).toBe("");
    // confirming the same file anyway is refused the same way: all or nothing
    await expectInvalid(act(resultsPage.action, path, params, { intent: "import", ...source, csv }), ["csv"]);
    expect(dump(db)).toEqual(before);
  });

  it("previews a clean file, then saves it in one go with its source, shares computed", async () => {
    const preview = await settle(act(resultsPage.action, path, params, { intent: "preview", ...source, csv: GOOD }));
    expect(preview.status).toBe(200);
    expect(rows(db, "election_results")).toBe(0);
    await expectRedirect(act(resultsPage.action, path, params, { intent: "import", ...source, csv: GOOD }), /results\?imported=3$/);
    const page = await load(resultsPage.loader, path, params);
    const primary = page.elections.find((e) => e.kind === "primary")!;
    expect(primary.rows.map((r) => [r.name, r.votes, r.share, r.outcome, r.sourceUrl])).toEqual([
      ["Dana Ortiz", 5200, 52, "advanced_general", source.sourceUrl],
      ["Sam Lee", 3900, 39, "lost", source.sourceUrl],
      ["Jo Park", 900, 9, "lost", source.sourceUrl],
    ]);
    expect(auditRows(db).filter((a) => a.action === "result.import")).toHaveLength(1);
    // a second file replaces the election's results
    await expectRedirect(act(resultsPage.action, path, params, { intent: "import", ...source, csv: "candidate,votes,outcome\nDana Ortiz,10,advanced_general\nSam Lee,5,lost\n" }), /imported=2/);
    expect(rows(db, "election_results")).toBe(2);
  });

  it("refuses an election that has not happened, and an election the race lacks", async () => {
    await expectInvalid(act(resultsPage.action, path, params, { intent: "import", ...source, election: "general", csv: GOOD.replace("advanced_general", "won") }), ["election"]);
    await expectInvalid(act(resultsPage.action, path, params, { intent: "preview", ...source, election: "runoff", csv: GOOD }), []);
    expect(rows(db, "election_results")).toBe(0);
  });

  it("needs a file or pasted lines and a public source", async () => {
    const data = await expectInvalid(act(resultsPage.action, path, params, { intent: "preview", election: "primary", sourceUrl: "not a url", sourceDate: "", csv: GOOD }), ["sourceUrl", "sourceDate"]);
    expect(data.values.sourceUrl).toBe("not a url");
    await expectInvalid(act(resultsPage.action, path, params, { intent: "preview", ...source, csv: " " }), ["csv"]);
  });

  it("a model import with a bad row writes nothing, even past the preview", () => {
    const r = importResults(db, actor, { coalitionId, raceId, ...source, election: "primary", content: "candidate,votes,outcome\nDana Ortiz,1,won\n" }, new Date("2026-06-01T12:00:00Z"));
    expect(r.ok).toBe(false);
    expect(rows(db, "election_results")).toBe(0);
  });
});

describe("a result entered by hand", () => {
  it("saves one candidate's result and corrects it later", async () => {
    const dana = db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.name, "Dana Ortiz") }).sync()!;
    await expectRedirect(act(resultsPage.action, path, params, { intent: "result", ...source, candidateId: String(dana.id), votes: "5,200".replace(",", ""), outcome: "advanced_general" }), /results\?saved$/);
    await expectRedirect(act(resultsPage.action, path, params, { intent: "result", ...source, candidateId: String(dana.id), votes: "5300", outcome: "advanced_general" }), /saved/);
    const { elections } = raceResults(db, "system", { coalitionId, raceId });
    expect(elections[0].rows).toMatchObject([{ name: "Dana Ortiz", votes: 5300, share: 100 }]);
  });

  it("keeps what was typed next to the error: a bad number, an outcome the primary cannot give, a candidate of another race", async () => {
    const other = buildCandidate(db, actor, coalitionId, buildRace(db, actor, coalitionId, { primaryDate: "2026-05-19", generalDate: "2026-11-03" }).id);
    const dana = db.query.candidates.findFirst({ where: (c, { eq }) => eq(c.name, "Dana Ortiz") }).sync()!;
    const bad = await expectInvalid(act(resultsPage.action, path, params, { intent: "result", ...source, candidateId: String(dana.id), votes: "lots", outcome: "won" }), ["votes"]);
    expect(bad.values.votes).toBe("lots");
    await expectInvalid(act(resultsPage.action, path, params, { intent: "result", ...source, candidateId: String(dana.id), votes: "10", outcome: "won" }), ["outcome"]);
    await expectInvalid(act(resultsPage.action, path, params, { intent: "result", ...source, candidateId: String(other.id), votes: "10", outcome: "lost" }), ["candidateId"]);
    expect(rows(db, "election_results")).toBe(0);
  });

  it("records a withdrawal before election day, and nothing else", () => {
    const future = buildRace(db, actor, coalitionId, { primaryDate: "2030-05-21", generalDate: "2030-11-05" }).id;
    const quitter = buildCandidate(db, actor, coalitionId, future).id;
    const base = { coalitionId, raceId: future, ...source, election: "primary" as const, candidateId: quitter, votes: 0 };
    expect(recordResult(db, actor, { ...base, outcome: "lost" })).toMatchObject({ ok: false, field: "election" });
    expect(recordResult(db, actor, { ...base, outcome: "withdrew" }).ok).toBe(true);
  });

  it("allows no more winners than seats", () => {
    const [a, b] = db.query.candidates.findMany({ where: (c, { eq }) => eq(c.raceId, raceId) }).sync();
    const at = new Date("2027-11-10T12:00:00Z");
    expect(recordResult(db, actor, { coalitionId, raceId, ...source, election: "general", candidateId: a.id, votes: 10, outcome: "won" }, at).ok).toBe(true);
    expect(recordResult(db, actor, { coalitionId, raceId, ...source, election: "general", candidateId: b.id, votes: 9, outcome: "won" }, at)).toMatchObject({ ok: false, field: "outcome" });
  });
});

describe("who may", () => {
  it("answers unknown races with a 404", async () => {
    const r = await settle(load(resultsPage.loader, `/tables/${coalitionId}/races/999/results`, { ...params, raceId: "999" }));
    expect(r.status).toBe(404);
  });
});
