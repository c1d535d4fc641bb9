/**
 * The schemas the table pages (people, partners, affiliates, races, candidates, stances,
 * agreements, sign-in, invitations) give conform in the browser: conform reads each one's
 * constraints when the page renders (a transform of a whole form would make it throw), and the
 * "*" of a label comes from them, so a field is marked required exactly when the schema says so.
 */
import { getZodConstraint } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { adminInvitationForm, existingAccountForm, invitationForm, leadInvitationForm, loginForm, newPasswordForm } from "~/domain/auth-forms";
import { affiliateForm, candidateForm, coverageForm, partnerForm, profileItemForm, raceForm, seatPartnerForm, stanceForm } from "~/domain/forms";
import { agreementForm, signoffForm } from "~/domain/meeting-forms";

const BROWSER: Record<string, [z.ZodType, string[]]> = {
  loginForm: [loginForm, ["email", "password"]],
  newPasswordForm: [newPasswordForm, ["password", "confirm"]],
  existingAccountForm: [existingAccountForm, ["password"]],
  invitationForm: [invitationForm, ["name", "email", "role"]],
  adminInvitationForm: [adminInvitationForm, ["coalitionId", "name", "email", "role"]],
  leadInvitationForm: [leadInvitationForm, ["name", "email", "affiliateId"]],
  partnerForm: [partnerForm, ["name", "shortName", "legalType"]],
  seatPartnerForm: [seatPartnerForm, ["partnerId"]],
  affiliateForm: [affiliateForm, ["partnerId", "name", "state"]],
  coverageForm: [coverageForm, []],
  // issue 13: the primary date may be empty for a race with no primary (the schema asks for it otherwise)
  raceForm: [raceForm, ["office", "state", "seats", "generalDate"]],
  candidateForm: [candidateForm, ["name", "party", "incumbency"]],
  profileItemForm: [profileItemForm, ["kind", "sourceKind"]],
  // the candidate and the partner are carried hidden (or chosen); the note's source has a usual answer
  stanceForm: [stanceForm, ["candidateId", "partnerId", "stance", "decidedOn"]],
  agreementForm: [agreementForm, ["decidesTogether", "eachKeeps", "workAndCredit", "actingAlone"]],
  signoffForm: [signoffForm, ["versionId", "partnerId"]],
};

describe.each(Object.entries(BROWSER))("%s", (_name, [schema, requiredFields]) => {
  it("gives conform its constraints, requiring exactly the fields the form marks with a *", () => {
    const constraint = getZodConstraint(schema) as Record<string, { required?: boolean }>;
    const required = Object.entries(constraint)
      .filter(([, c]) => c.required)
      .map(([name]) => name);
    expect(required.sort()).toEqual([...requiredFields].sort());
  });
});

it("reads a stance's note source as our own research when none is chosen", () => {
  expect(stanceForm.parse({ candidateId: "1", partnerId: "2", stance: "endorsed", decidedOn: "2026-11-20" }).noteSource).toBe("research");
});
