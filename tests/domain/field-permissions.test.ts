import { describe, expect, it } from "vitest";
import { can, type Permission } from "~/domain/permissions";
import { A, B, matrix, P1, P2, P3, X1, X2, X3, type Who } from "./permission-world";

/**
 * The permissions of joint field work (issue 5), as a matrix like tests/domain/permissions.test.ts.
 * Table A (1) seats P1 and P2; B (2) seats P3. X1, X2, X3 are their affiliates.
 * The sub-table of the program has member partners P1 only, or P1 and P2.
 */
const cases: [string, Permission, Who[]][] = [
  ["program.manage, members P1", { action: "program.manage", coalitionId: A, memberPartnerIds: [P1] }, ["admin", "facA", "rep1"]],
  ["program.manage, members P1 P2", { action: "program.manage", coalitionId: A, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep1", "rep2"]],
  ["program.manage at A by a member not seated", { action: "program.manage", coalitionId: A, memberPartnerIds: [P3] }, ["admin", "facA"]],
  ["program.turf, members P1", { action: "program.turf", coalitionId: A, memberPartnerIds: [P1] }, ["admin", "facA", "rep1", "lead1"]],
  ["program.turf, members P1 P2", { action: "program.turf", coalitionId: A, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep1", "rep2", "lead1", "lead2"]],
  ["program.turf at B", { action: "program.turf", coalitionId: B, memberPartnerIds: [P3] }, ["admin", "facB", "rep3", "lead3"]],
  ["pledge.record X1", { action: "pledge.record", coalitionId: A, partnerId: P1, affiliateId: X1, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep1", "lead1"]],
  ["pledge.record X2", { action: "pledge.record", coalitionId: A, partnerId: P2, affiliateId: X2, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep2", "lead2"]],
  ["pledge.record X2 when P2 is not a member", { action: "pledge.record", coalitionId: A, partnerId: P2, affiliateId: X2, memberPartnerIds: [P1] }, []],
  ["pledge.record X1 claimed under P2", { action: "pledge.record", coalitionId: A, partnerId: P2, affiliateId: X1, memberPartnerIds: [P1, P2] }, ["admin", "facA", "rep2"]],
  ["pledge.record X3 at A (not seated)", { action: "pledge.record", coalitionId: A, partnerId: P3, affiliateId: X3, memberPartnerIds: [P3] }, ["admin", "facA"]],
];

describe("can(): joint field work", () => {
  it.each(cases)("%s", (_name, perm, allowed) => matrix(perm, allowed));
  it("nobody signed in may do any of it", () => {
    for (const [, perm] of cases) expect(can(null, perm).ok).toBe(false);
  });
});
