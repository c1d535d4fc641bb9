import { describe, expect, it } from "vitest";
import { can } from "~/domain/permissions";
import { A, B, matrix, P1, P2, people, X1, X2 } from "./permission-world";

/**
 * The shift permissions (issue 5) as a matrix, in the world of permission-world.ts (table A;
 * partners P1, P2 seated at A, P3 at table B only; affiliates X1, X2, X3 of each). The shift
 * is hosted by X1 and co-hosted by X2.
 */
const host = { partnerId: P1, affiliateId: X1 };
const coHost = { partnerId: P2, affiliateId: X2 };

describe("shift permissions", () => {
  it("shift.manage (create, cancel): the host affiliate's lead and its partner's representative", () => {
    matrix({ action: "shift.manage", coalitionId: A, ...host }, ["rep1", "lead1"]);
  });
  it("shift.edit: the host's and every co-host's lead and representative; not the admin or facilitator", () => {
    matrix({ action: "shift.edit", coalitionId: A, hosts: [host, coHost] }, ["rep1", "lead1", "rep2", "lead2"]);
    matrix({ action: "shift.edit", coalitionId: A, hosts: [] }, []);
  });
  it("shift.edit at a table where the partner is not seated: nobody", () => {
    matrix({ action: "shift.edit", coalitionId: B, hosts: [host, coHost] }, []);
  });
  it("signup.create: the recruiting affiliate's lead and its partner's representative", () => {
    matrix({ action: "signup.create", coalitionId: A, ...coHost }, ["rep2", "lead2"]);
    // a lead cannot credit an affiliate that is not theirs, even of the same table
    expect(can(people.lead1, { action: "signup.create", coalitionId: A, ...coHost }).ok).toBe(false);
  });
  it("signup.contacts: the table's facilitator, the hosts and the recruiter", () => {
    matrix({ action: "signup.contacts", coalitionId: A, hosts: [host], recruiter: coHost }, ["facA", "rep1", "lead1", "rep2", "lead2"]);
    matrix({ action: "signup.contacts", coalitionId: A, hosts: [host], recruiter: host }, ["facA", "rep1", "lead1"]);
  });
  it("a signed-out person may do none of it", () => {
    expect(can(null, { action: "shift.edit", coalitionId: A, hosts: [host] }).ok).toBe(false);
  });
});
