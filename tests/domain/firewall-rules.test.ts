import { describe, expect, it } from "vitest";
import {
  accountsOf,
  campaignHostRefusal,
  checkSideSetting,
  LOOKBACK_DAYS,
  overrideInForce,
  policyGaps,
  requiredApprovals,
  sideOf,
  sidesAllowed,
  vendorNeedsPolicy,
  wallActiveOn,
  wallClearsOn,
  wallCoversRace,
  type WallSpan,
} from "~/domain/firewall";
import { addDays } from "~/domain/dates";
import { LEGAL_TYPES } from "../../app/domain/vocabulary";

describe("sides from DESIGN.md's table of legal types", () => {
  it("each legal type has the accounts and the sides the table gives it; the first is the default", () => {
    expect(Object.fromEntries(LEGAL_TYPES.map((t) => [t, accountsOf(t).map((a) => [a, sidesAllowed(t, a)])]))).toEqual({
      c3: [["main", ["none"]]],
      c4: [["main", ["independent"]]],
      c5: [
        ["main", ["independent"]],
        ["members_only", ["independent", "coordinated"]],
      ],
      pac: [["main", ["independent", "coordinated"]]],
      super_pac: [["main", ["independent"]]],
      hybrid_pac: [
        ["contribution", ["independent", "coordinated"]],
        ["non_contribution", ["independent"]],
      ],
      "527": [["main", ["independent", "coordinated"]]],
    });
  });

  it("counsel's setting counts only where the law allows it; a stale setting falls back to the default", () => {
    expect(sideOf("pac", "main", "coordinated")).toBe("coordinated");
    expect(sideOf("c4", "main", "coordinated")).toBe("independent");
    expect(sideOf("c3", "main", "coordinated")).toBe("none");
    expect(sideOf("hybrid_pac", "non_contribution", "coordinated")).toBe("independent");
    expect(sideOf("hybrid_pac", "main", "coordinated")).toBe("independent");
    expect(checkSideSetting("super_pac", "main", "coordinated")).toMatch(/only be independent/);
    expect(checkSideSetting("527", "main", "coordinated")).toBeNull();
    expect(checkSideSetting("c4", "contribution", "independent")).toMatch(/no such account/);
  });
});

/** The federal lookback, as a federal table applies it. */
const F = LOOKBACK_DAYS;
const service = (over: Partial<WallSpan> = {}): WallSpan => ({ reason: "candidate_service", raceId: 1, startDate: "2026-01-01", lastServiceDate: "2026-06-01", untilDate: null, ...over });

describe("F4: service for a candidate in the race or for a party walls independent-side work while T − L ≤ 120 days", () => {
  it("T − L of 120 days is walled; 121 days is not", () => {
    const w = service();
    expect(wallActiveOn(w, addDays("2026-06-01", 120), F)).toBe(true);
    expect(wallActiveOn(w, addDays("2026-06-01", 121), F)).toBe(false);
    expect(LOOKBACK_DAYS).toBe(120);
    expect(wallClearsOn(w, F)).toBe(addDays("2026-06-01", 121));
  });

  it("is computed against the date of the work, not today: the same entry walls October work and not December work", () => {
    const w = service({ lastServiceDate: "2026-07-01" });
    expect(wallActiveOn(w, "2026-10-15", F)).toBe(true);
    expect(wallActiveOn(w, "2026-12-15", F)).toBe(false);
  });

  it("walls while still serving, and not before the service began", () => {
    const w = service({ lastServiceDate: null });
    expect(wallActiveOn(w, "2030-01-01", F)).toBe(true);
    expect(wallActiveOn(w, "2025-12-31", F)).toBe(false);
    expect(wallClearsOn(w, F)).toBeNull();
  });

  it("candidate service walls only its race; party committee service taints every race", () => {
    expect(wallCoversRace(service({ raceId: 1 }), 1)).toBe(true);
    expect(wallCoversRace(service({ raceId: 1 }), 2)).toBe(false);
    const party = service({ reason: "party_service", raceId: null });
    for (const race of [1, 2, 99]) expect(wallCoversRace(party, race)).toBe(true);
    expect(wallActiveOn(party, addDays("2026-06-01", 120), F)).toBe(true);
    expect(wallActiveOn(party, addDays("2026-06-01", 121), F)).toBe(false);
  });
});

describe("F3: a contact with plans or needs walls each attendee from the contact until the general election", () => {
  it("from the contact date to the general election date inclusive, in that race only", () => {
    const w: WallSpan = { reason: "campaign_contact", raceId: 7, startDate: "2026-09-10", lastServiceDate: null, untilDate: "2026-11-03" };
    expect(wallActiveOn(w, "2026-09-09", F)).toBe(false);
    expect(wallActiveOn(w, "2026-09-10", F)).toBe(true);
    expect(wallActiveOn(w, "2026-11-03", F)).toBe(true);
    expect(wallActiveOn(w, "2026-11-04", F)).toBe(false);
    expect(wallCoversRace(w, 7)).toBe(true);
    expect(wallCoversRace(w, 8)).toBe(false);
  });
});

describe("F5: a vendor that served a candidate in the race or a party within 120 days needs its policy on file", () => {
  const client = (over: Partial<Parameters<typeof vendorNeedsPolicy>[0][number]> = {}) => ({ kind: "candidate" as const, raceId: 1, startDate: "2026-01-01", lastServiceDate: "2026-05-01", ...over });
  it("120 days after the last service it still needs one; 121 days after, not", () => {
    expect(vendorNeedsPolicy([client()], 1, addDays("2026-05-01", 120), F)).toBe(true);
    expect(vendorNeedsPolicy([client()], 1, addDays("2026-05-01", 121), F)).toBe(false);
  });
  it("a candidate in another race does not count; a party does, for every race; an ongoing client always does", () => {
    expect(vendorNeedsPolicy([client({ raceId: 2 })], 1, "2026-05-10", F)).toBe(false);
    expect(vendorNeedsPolicy([client({ kind: "party", raceId: null })], 1, "2026-05-10", F)).toBe(true);
    expect(vendorNeedsPolicy([client({ lastServiceDate: null })], 1, "2028-01-01", F)).toBe(true);
    expect(vendorNeedsPolicy([], 1, "2026-05-10", F)).toBe(false);
  });
});

describe("F4, F5 at a table whose counsel set its own lookback (issue 13)", () => {
  it("a 60-day lookback walls 60 days after the last service and clears on day 61", () => {
    const w = service();
    expect(wallActiveOn(w, addDays("2026-06-01", 60), 60)).toBe(true);
    expect(wallActiveOn(w, addDays("2026-06-01", 61), 60)).toBe(false);
    expect(wallClearsOn(w, 60)).toBe(addDays("2026-06-01", 61));
  });
  it("a 180-day lookback walls work the federal 120 days would have cleared", () => {
    const w = service();
    expect(wallActiveOn(w, addDays("2026-06-01", 150), LOOKBACK_DAYS)).toBe(false);
    expect(wallActiveOn(w, addDays("2026-06-01", 150), 180)).toBe(true);
    expect(wallActiveOn(w, addDays("2026-06-01", 181), 180)).toBe(false);
  });
  it("a vendor's F5 period follows the same lookback", () => {
    const clients = [{ kind: "candidate" as const, raceId: 1, startDate: "2026-01-01", lastServiceDate: "2026-05-01" }];
    expect(vendorNeedsPolicy(clients, 1, addDays("2026-05-01", 45), 45)).toBe(true);
    expect(vendorNeedsPolicy(clients, 1, addDays("2026-05-01", 46), 45)).toBe(false);
    expect(vendorNeedsPolicy(clients, 1, addDays("2026-05-01", 200), 200)).toBe(true);
  });
  it("a campaign contact's wall (F3) does not depend on the lookback", () => {
    const w: WallSpan = { reason: "campaign_contact", raceId: 7, startDate: "2026-09-10", lastServiceDate: null, untilDate: "2026-11-03" };
    for (const days of [1, 60, 120, 400]) expect(wallActiveOn(w, "2026-11-03", days)).toBe(true);
  });
});

describe("F6: each person acknowledges the current version of each member's written policy", () => {
  it("names a member with no policy and a member whose current version is not acknowledged", () => {
    expect(
      policyGaps([
        { partnerId: 1, partnerName: "A", currentVersion: null, acknowledgedVersion: null },
        { partnerId: 2, partnerName: "B", currentVersion: 2, acknowledgedVersion: null },
        { partnerId: 3, partnerName: "C", currentVersion: 3, acknowledgedVersion: 3 },
      ]),
    ).toEqual([
      { partnerId: 1, partnerName: "A", problem: "no_policy", version: null },
      { partnerId: 2, partnerName: "B", problem: "not_acknowledged", version: 2 },
    ]);
    expect(policyGaps([])).toEqual([]);
  });
});

describe("F7: independent-side shifts, exports and shares with a campaign are refused, naming the rule and the override", () => {
  it("refuses the independent side and a nonpartisan side; the coordinated side and non-campaign counterparts pass", () => {
    for (const what of ["shift", "export", "share"] as const) {
      expect(campaignHostRefusal("independent", true, what)).toMatch(/F7.*override.*F9/s);
      expect(campaignHostRefusal("none", true, what)).not.toBeNull();
      expect(campaignHostRefusal("coordinated", true, what)).toBeNull();
      expect(campaignHostRefusal("independent", false, what)).toBeNull();
    }
    expect(campaignHostRefusal("independent", true, "shift")).toMatch(/two counsel approvals/);
  });
});

describe("F9: an override is in force with its approvals, until its expiry, unless revoked", () => {
  const o = { revokedAt: null, expiresOn: "2026-12-31", requiredApprovals: 2, approvers: [1, 2] };
  it("a joint canvass with a campaign needs two approvers; the others one", () => {
    expect(requiredApprovals("joint_canvass")).toBe(2);
    for (const s of ["campaign_share", "wall", "vendor"] as const) expect(requiredApprovals(s)).toBe(1);
  });
  it("counts distinct approvers, includes the expiry day, and stops when revoked", () => {
    expect(overrideInForce(o, "2026-12-31")).toBe(true);
    expect(overrideInForce(o, "2027-01-01")).toBe(false);
    expect(overrideInForce({ ...o, approvers: [1] }, "2026-06-01")).toBe(false);
    expect(overrideInForce({ ...o, approvers: [1, 1] }, "2026-06-01")).toBe(false);
    expect(overrideInForce({ ...o, revokedAt: "2026-06-01T00:00:00Z" }, "2026-06-01")).toBe(false);
  });
});

describe("hybrid PAC accounts (issue 18)", () => {
  it("a dedicated person stands on one account; anyone else on all of the member's", async () => {
    const { personAccounts, checkDedication } = await import("~/domain/firewall");
    expect(personAccounts("hybrid_pac", null)).toEqual(["contribution", "non_contribution"]);
    expect(personAccounts("hybrid_pac", "contribution")).toEqual(["contribution"]);
    expect(personAccounts("hybrid_pac", "non_contribution")).toEqual(["non_contribution"]);
    // a dedication that does not fit the legal type (after a change of type) is ignored: all accounts
    expect(personAccounts("hybrid_pac", "main")).toEqual(["contribution", "non_contribution"]);
    expect(personAccounts("pac", "contribution")).toEqual(["main"]);
    expect(personAccounts("c5", "contribution")).toEqual(["main", "members_only"]);
    expect(checkDedication("hybrid_pac", "contribution")).toBeNull();
    expect(checkDedication("hybrid_pac", "main")).toMatch(/contribution or the non-contribution/);
    expect(checkDedication("pac", "contribution")).toMatch(/Only a hybrid PAC/);
  });
});
