/**
 * The permission rules of every route, written out by hand from app/domain/permissions.ts:
 * for each route file, who gets its loader's page and who may perform a representative
 * action. Read by the permission matrix (permissions.test.ts) and the cross-origin test.
 */
import { PASSWORD, PEOPLE, type RoleWorld, type Who } from "./roles";

/** What a request should get. */
export type Expected = "ok" | "login" | "forbidden" | { redirect: string };
export type Rule = (who: Who) => Expected;
/** performer: who the cross-origin test sends the action as (one who may perform it; the admin when not said). */
export type ActionCheck = { name: string; fields: (w: RoleWorld) => Record<string, string>; expect: Rule; performer?: Who };
export type RouteRule = { loader: Rule | null; actions: ActionCheck[] };

/** Signed-out visitors go to sign in; the listed people get through; everyone else gets a 403. */
const signedIn =
  (allowed: readonly Who[]): Rule =>
  (who) =>
    who === "out" ? "login" : allowed.includes(who) ? "ok" : "forbidden";
const everyone =
  (e: Expected): Rule =>
  () =>
    e;

export const SIGNED_IN = PEOPLE.filter((p) => p !== "out");
/** table.view: the admin, the table's facilitator, and anyone acting for a partner seated at it. */
export const VIEW: Who[] = ["admin", "facilitator", "rep", "counsel", "lead", "otherRep"];
/** table.manage and people.manage: the admin and the table's facilitator. */
export const MANAGE: Who[] = ["admin", "facilitator"];
/** partner.manage for Papa: + Papa's representative. */
export const PAPA_MANAGE: Who[] = [...MANAGE, "rep"];
/** Everyone acting for Papa: its representative, counsel, and its Alpha chapter's lead (comment.write for Papa). */
export const PAPA_PEOPLE: Who[] = ["rep", "counsel", "lead"];
/** stance.record for Papa's own stance. */
export const PAPA_STANCE: Who[] = [...MANAGE, "rep"];
/** stance.record for Papa's Alpha chapter's own stance (affiliate.coverage is the same people). */
export const ALPHA_STANCE: Who[] = [...MANAGE, "rep", "lead"];

const stanceFields = (w: RoleWorld, over: Record<string, string>) => ({
  intent: "stance",
  candidateId: String(w.otherCandidateId),
  partnerId: String(w.partnerId),
  stance: "considering",
  decidedOn: "2026-11-20",
  decidingBody: "Board",
  note: "",
  ...over,
});
const concernFields = (about: string, over: Record<string, string> = {}) => ({ intent: "concern", about, concern: "Her tenants record", reason: "She voted for the eviction bill.", sourceKind: "research", sourceUrl: "", capturedAt: "", ...over });
const outsideFields = { kind: "elected_official", name: "Mayor Ortiz", sourceUrl: "https://example.org/ortiz", endorsedOn: "2026-11-20", note: "" };
const raceFields = { office: "U.S. House", state: "PA", district: "9", seats: "1", primaryDate: "2027-05-18", generalDate: "2027-11-02", incumbent: "", timeZone: "" };
const meetingFields = { title: "December table meeting", kind: "table", date: "2026-12-01", time: "19:00", timeZone: "America/New_York", location: "", subCoalitionId: "", candidateId: "" };
const candidateFields = { name: "Mike Candidate", party: "Democratic", incumbency: "challenger", bio: "", website: "", socialLinks: "" };
const affiliateFields = (w: RoleWorld) => ({
  partnerId: String(w.partnerId),
  name: "Charlie Chapter",
  state: "PA",
  legalType: "",
  districts: "7",
  counties: "",
  leadName: "",
  leadContact: "",
});

// ---- Joint field work (issue 5): program.manage is the facilitator and the sub-table's member
// partners' representatives (Papa and Quebec, for Kilo's program); program.turf adds their affiliates' leads;
// pledge.record for Alpha is its lead, Papa's representative and the facilitator.
export const PROGRAM_MANAGE: Who[] = [...MANAGE, "rep", "otherRep"];
export const PROGRAM_TURF: Who[] = [...PROGRAM_MANAGE, "lead"];
export const ALPHA_PLEDGE: Who[] = [...MANAGE, "rep", "lead"];
/** program.view (issue 13): table.view, plus the lead of the regional ally (Sierra) that joined Kilo's program. */
export const PROGRAM_VIEW: Who[] = [...VIEW, "allyLead"];
const programFields = { name: "Joint program", startDate: "2027-03-01", endDate: "2027-05-18", side: "independent", goal_doorknock: "500" };
const unitFields = { code: "W-2", kind: "walk_packet", name: "Ward 2", size: "80", state: "PA", district: "07", county: "Lehigh", precinct: "" };
const FIELD_RULES: Record<string, RouteRule> = {
  "tables.$coalitionId.programs._index.tsx": {
    loader: signedIn(VIEW),
    // Mike's sub-table: Romeo and Victor, partners without people here, so only the facilitator and the admin
    actions: [{ name: "start a program on Mike's sub-table", fields: (w) => ({ intent: "create", subTableId: String(w.freeSubTableId), ...programFields }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.programs.$programId._index.tsx": {
    loader: signedIn(PROGRAM_VIEW),
    actions: [
      { name: "edit the program", fields: () => ({ intent: "update", ...programFields }), expect: signedIn(PROGRAM_MANAGE) },
      { name: "re-split the turf", fields: () => ({ intent: "split" }), expect: signedIn(PROGRAM_MANAGE) },
      // issue 13: a regional ally's own written firewall policy, kept by its lead only
      {
        name: "record the ally's own firewall policy",
        fields: (w) => ({ intent: "ally-policy", partnerId: String(w.allyPartnerId), title: "Sierra firewall policy", body: "Sierra keeps its staff and volunteers away from any campaign's plans, polls and messages." }),
        expect: signedIn(["allyLead"]),
      },
      { name: "set the ally's coverage", fields: (w) => ({ intent: "ally-coverage", partnerId: String(w.allyPartnerId), counties: "Philadelphia" }), expect: signedIn(["allyLead"]) },
    ],
  },
  "tables.$coalitionId.programs.$programId.turf.tsx": {
    loader: signedIn(PROGRAM_VIEW),
    actions: [
      { name: "add a unit by hand", fields: () => ({ intent: "add", ...unitFields }), expect: signedIn(PROGRAM_TURF) },
      { name: "preview a CSV", fields: () => ({ intent: "preview", csv: "unit_id,kind,name,size,state,district,county\nW-3,walk_packet,Ward 3,10,PA,07,Lehigh" }), expect: signedIn(PROGRAM_TURF) },
      { name: "move a unit to Bravo", fields: (w) => ({ intent: "move", unitId: String(w.unitId), affiliateId: String(w.otherAffiliateId) }), expect: signedIn(PROGRAM_MANAGE) },
      { name: "lock a unit", fields: (w) => ({ intent: "lock", unitId: String(w.unitId) }), expect: signedIn(PROGRAM_MANAGE) },
    ],
  },
  "tables.$coalitionId.programs.$programId.pledges.tsx": {
    loader: signedIn(PROGRAM_VIEW),
    actions: [
      { name: "pledge hours for Alpha", fields: (w) => ({ intent: "pledge", affiliateId: String(w.affiliateId), workType: "doorknock", weekStart: "2027-03-01", hours: "12" }), expect: signedIn(ALPHA_PLEDGE) },
      // issue 13: a partner's national staff take part as the partner itself (partner.manage for Papa)
      { name: "bring Papa's national staff into the program", fields: (w) => ({ intent: "join-national", partnerId: String(w.partnerId) }), expect: signedIn(PAPA_MANAGE) },
      // issue 13: program.manage invites a regional ally; its lead pledges for its own organization
      { name: "invite a regional ally", fields: () => ({ intent: "invite-ally", name: "Tango Tenants Union", legalType: "c4", state: "PA", leadName: "Tia Tenant", leadEmail: "tia@example.test" }), expect: signedIn(PROGRAM_MANAGE) },
      { name: "pledge hours for the ally Sierra", fields: (w) => ({ intent: "pledge", affiliateId: String(w.allyAffiliateId), workType: "phonebank", weekStart: "2027-03-01", hours: "6" }), expect: signedIn([...MANAGE, "allyLead"]) },
    ],
  },
};
// ---- end joint field work ----

// ---- Joint field work: shifts (issue 5, branch shifts) ----
/** shift.manage for Alpha (the role world's shift host): Alpha's lead and Papa's representative. */
export const ALPHA_SHIFTS: Who[] = ["rep", "lead"];
/** shift.edit for the shift Alpha hosts and Bravo (Quebec's) co-hosts: + Quebec's representative. */
export const JOINT_SHIFT: Who[] = ["rep", "lead", "otherRep"];
/** Program-level field roles (feeds, exports): the table's facilitator and anyone managing a participating affiliate. */
export const FIELD_ROLES: Who[] = [...MANAGE, ...JOINT_SHIFT];
const shiftFields = (w: RoleWorld, over: Record<string, string> = {}) => ({
  workType: "doorknock",
  title: "Doors",
  startsAt: "2027-04-17T09:00",
  endsAt: "2027-04-17T12:00",
  location: "Union hall",
  callLink: "",
  hostAffiliateId: String(w.affiliateId),
  hostKind: "affiliate",
  campaignHost: "",
  capacity: "10",
  notes: "",
  ...over,
});
const SHIFT_RULES: Record<string, RouteRule> = {
  "tables.$coalitionId.programs.$programId.shifts._index.tsx": {
    loader: signedIn(PROGRAM_VIEW),
    actions: [
      { name: "schedule a shift hosted by Alpha", fields: (w) => ({ intent: "create", ...shiftFields(w) }), expect: signedIn(ALPHA_SHIFTS) },
      { name: "make a program calendar feed", fields: () => ({ intent: "feed" }), expect: signedIn([...FIELD_ROLES, "allyLead"]) },
      { name: "schedule a phonebank hosted by the ally Sierra", fields: (w) => ({ intent: "create", ...shiftFields(w, { workType: "phonebank", location: "", callLink: "https://meet.example.org/sierra", hostAffiliateId: String(w.allyAffiliateId) }) }), expect: signedIn(["allyLead"]) },
    ],
  },
  "tables.$coalitionId.programs.$programId.shifts.$shiftId.tsx": {
    loader: signedIn(PROGRAM_VIEW),
    actions: [
      { name: "edit the joint shift", fields: (w) => ({ intent: "update", ...shiftFields(w, { startsAt: "2027-04-10T09:00", endsAt: "2027-04-10T13:00", coHosts: String(w.otherAffiliateId) }) }), expect: signedIn(JOINT_SHIFT) },
      { name: "sign up a volunteer recruited by Alpha", fields: (w) => ({ intent: "signup", volunteerName: "Vic Volunteer", email: "vic@example.test", phone: "", recruitedByAffiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_SHIFTS) },
      { name: "cancel the shift (host only)", fields: () => ({ intent: "cancel" }), expect: signedIn(ALPHA_SHIFTS) },
    ],
  },
  // issue 14: attendance for a whole shift; its hosts and co-hosts take it (on the world's held shift, which has started)
  "tables.$coalitionId.programs.$programId.shifts.$shiftId_.attendance.tsx": {
    loader: signedIn(PROGRAM_VIEW),
    actions: [{ name: "take the whole shift's attendance", fields: () => ({ intent: "attendance", walkIn0Name: "Wally Walkin" }), expect: signedIn(JOINT_SHIFT) }],
  },
  "tables.$coalitionId.shifts.week.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.my-affiliate.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "make Alpha's calendar feed", fields: (w) => ({ intent: "feed", affiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_SHIFTS) }],
  },
  // public: the feed's token is the credential (revocable)
  "calendar.$feedToken[.]ics.tsx": { loader: everyone("ok"), actions: [] },
  "tables.$coalitionId.programs.$programId.export[.]csv.tsx": { loader: signedIn([...FIELD_ROLES, "allyLead"]), actions: [] },
};

export const RULES: Record<string, RouteRule> = {
  ...FIELD_RULES,
  ...SHIFT_RULES,
  "_index.tsx": {
    // every signed-in person gets the list (filtered to their tables: see below); a regional
    // ally's lead, at no table, goes straight to the one program its ally joined (issue 13)
    loader: (who) => (who === "allyLead" ? { redirect: "/tables/1/programs/1" } : signedIn(SIGNED_IN)(who)),
    actions: [{ name: "create a table", fields: () => ({ intent: "create", name: "New Table", level: "federal", cycle: "2026", threshold: "4" }), expect: signedIn(["admin"]) }],
  },
  "admin.tsx": {
    loader: signedIn(["admin"]),
    actions: [
      { name: "make a password reset link", fields: (w) => ({ intent: "reset", userId: String(w.users.noRole.id) }), expect: signedIn(["admin"]) },
      {
        name: "invite a facilitator",
        fields: (w) => ({ intent: "invite", coalitionId: String(w.coalitionId), name: "New Fac", email: "newfac@example.test", role: "facilitator" }),
        expect: signedIn(["admin"]),
      },
    ],
  },
  "admin_.outbox.tsx": { loader: signedIn(["admin"]), actions: [] },
  "admin_.outbox.$messageId.tsx": { loader: signedIn(["admin"]), actions: [{ name: "try a message again", fields: () => ({}), expect: (who) => (who === "out" ? "login" : who === "admin" ? "ok" : "forbidden") }] },
  // public (issue 14): the link is the credential; anyone may sign up or cancel with it
  "s.$shareToken.tsx": { loader: everyone("ok"), actions: [{ name: "sign up on the public page", fields: () => ({ volunteerName: "Pat Public", email: "pat@example.test", phone: "" }), expect: everyone("ok") }] },
  "e.$eventToken.tsx": { loader: everyone("ok"), actions: [] },
  "volunteer.$cancelToken.tsx": { loader: everyone("ok"), actions: [{ name: "cancel a sign-up by its link", fields: () => ({}), expect: everyone("ok") }] },
  "inbox.tsx": {
    loader: signedIn(SIGNED_IN),
    actions: [{ name: "mark all read", fields: () => ({ intent: "read" }), expect: (who) => (who === "out" ? "login" : { redirect: "/inbox" }) }],
  },
  "unsubscribe.$unsubscribeToken.tsx": { loader: everyone("ok"), actions: [{ name: "stop a kind of email", fields: () => ({}), expect: everyone("ok") }] },
  "invitations.$token.tsx": {
    // public: the link itself is the credential
    loader: everyone("ok"),
    actions: [{ name: "accept the invitation", fields: () => ({ name: "Ina Invitee", password: "a long new password", confirm: "a long new password" }), expect: everyone({ redirect: "/" }) }],
  },
  "login.tsx": {
    // public; someone already signed in is sent on
    loader: (who) => (who === "out" ? "ok" : { redirect: "/" }),
    actions: [{ name: "sign in", fields: (w) => ({ email: w.users.noRole.email, password: PASSWORD, redirectTo: "/" }), expect: everyone({ redirect: "/" }) }],
  },
  "logout.tsx": {
    // a GET goes home; signing out needs no permission (signed out or not, you end up signed out)
    loader: everyone({ redirect: "/" }),
    actions: [{ name: "sign out", fields: () => ({}), expect: everyone({ redirect: "/login?signedOut" }) }],
  },
  "tables.$coalitionId.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId._index.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.affiliates._index.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "create an affiliate of Papa", fields: (w) => ({ intent: "create", ...affiliateFields(w) }), expect: signedIn(PAPA_MANAGE) }],
  },
  "tables.$coalitionId.affiliates.$affiliateId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "edit Alpha (Papa's chapter)", fields: (w) => ({ intent: "update", ...affiliateFields(w), name: "Alpha Chapter Renamed" }), expect: signedIn(PAPA_MANAGE) },
      { name: "change Alpha's coverage", fields: () => ({ intent: "coverage", districts: "7, 12", counties: "" }), expect: signedIn(ALPHA_STANCE) },
    ],
  },
  "tables.$coalitionId.candidates.$candidateId._index.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "add a profile item", fields: () => ({ intent: "item", kind: "note", body: "Strong labor record.", sourceKind: "research" }), expect: signedIn(MANAGE) },
      // issue 17: comments, for a partner one acts for (its representative, counsel, leads) or as neutral staff; the author edits or deletes its own
      { name: "comment on Kilo for Papa", fields: (w) => ({ intent: "comment", partnerId: String(w.partnerId), body: "Good on transit.", sourceKind: "research", sourceUrl: "", capturedAt: "" }), expect: signedIn(PAPA_PEOPLE), performer: "rep" },
      { name: "comment on Kilo as neutral staff", fields: () => ({ intent: "comment", partnerId: "", body: "Filed in time.", sourceKind: "research", sourceUrl: "", capturedAt: "" }), expect: signedIn(MANAGE) },
      { name: "edit Papa's representative's comment", fields: (w) => ({ intent: "edit-comment", commentId: String(w.commentId), body: "Strong on housing and transit.", sourceKind: "research", sourceUrl: "", capturedAt: "" }), expect: signedIn(["rep"]), performer: "rep" },
      { name: "delete Papa's representative's comment", fields: (w) => ({ intent: "delete-comment", commentId: String(w.commentId) }), expect: signedIn(["rep"]), performer: "rep" },
      { name: "record Papa's stance", fields: (w) => stanceFields(w, { stance: "withdrawn" }), expect: signedIn(PAPA_STANCE) },
      { name: "record Alpha's own stance", fields: (w) => stanceFields(w, { stance: "endorsed", affiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_STANCE) },
      // issue 17: a member raises its own concern, through its representative
      { name: "raise Papa's concern about Kilo", fields: (w) => concernFields(`candidate:${w.candidateId}`, { partnerId: String(w.partnerId) }), expect: signedIn(["rep"]), performer: "rep" },
      { name: "answer Quebec's concern", fields: (w) => ({ intent: "answer-concern", concernId: String(w.concernId), answer: "Discussed." }), expect: signedIn(MANAGE) },
      // issue 17: support from outside the table; the facilitator and any seated member's representative add it
      { name: "add an outside endorsement of Kilo", fields: () => ({ intent: "outside-add", ...outsideFields }), expect: signedIn([...MANAGE, "rep", "otherRep"]), performer: "rep" },
      // ...the one who added it (Papa's representative) or the facilitator changes or removes it
      { name: "change Papa's outside endorsement", fields: (w) => ({ intent: "outside-edit", outsideId: String(w.outsideId), ...outsideFields }), expect: signedIn([...MANAGE, "rep"]), performer: "rep" },
      { name: "remove Papa's outside endorsement", fields: (w) => ({ intent: "outside-remove", outsideId: String(w.outsideId) }), expect: signedIn([...MANAGE, "rep"]), performer: "rep" },
    ],
  },
  "tables.$coalitionId.candidates.$candidateId.edit.tsx": {
    loader: signedIn(MANAGE),
    actions: [{ name: "edit the candidate", fields: () => ({ intent: "update", ...candidateFields, name: "Kilo Renamed" }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.candidates.$candidateId.history.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.matrix.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "record Papa's stance", fields: (w) => stanceFields(w, {}), expect: signedIn(PAPA_STANCE) },
      { name: "record Alpha's own stance", fields: (w) => stanceFields(w, { affiliateId: String(w.affiliateId) }), expect: signedIn(ALPHA_STANCE) },
      // issue 17: a partner's own process is its representative's alone (not the facilitator's, not the admin's)
      {
        name: "record where Lima stands in Papa's process",
        fields: (w) => ({ intent: "process", candidateId: String(w.otherCandidateId), partnerId: String(w.partnerId), stepId: "", expectedOn: "2026-12-15" }),
        expect: signedIn(["rep"]),
        performer: "rep",
      },
    ],
  },
  // issue 17: a partner's capacity and red lines: everyone at the table reads what it may, its representative keeps it
  "tables.$coalitionId.capacity.$partnerId.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "add to Papa's capacity", fields: () => ({ intent: "add", kind: "members", amount: "1200", state: "PA", readers: "facilitator", capability: "", detail: "" }), expect: signedIn(["rep"]), performer: "rep" }],
  },
  // ...and the facilitator sees the table's combined capacity per state
  "tables.$coalitionId.capacity._index.tsx": { loader: signedIn(MANAGE), actions: [] },
  // issue 17: outside support per race, for everyone at the table (public information)
  "tables.$coalitionId.outside-support.tsx": { loader: signedIn(VIEW), actions: [] },
  // issue 17: a partner's own endorsement process; everyone at the table reads it, its representative keeps it
  "tables.$coalitionId.processes.$partnerId.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "add a step to Papa's process", fields: () => ({ intent: "add", label: "Board vote" }), expect: signedIn(["rep"]), performer: "rep" }],
  },
  "tables.$coalitionId.partners._index.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "create a partner",
        fields: () => ({ intent: "create", name: "Sierra Network", shortName: "SIER", legalType: "c4", website: "", contactName: "", contactEmail: "" }),
        expect: signedIn(MANAGE),
      },
    ],
  },
  "tables.$coalitionId.partners.$partnerId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "edit Papa",
        fields: () => ({ intent: "update", name: "Papa Alliance Renamed", shortName: "PAPA", legalType: "c4", website: "", contactName: "", contactEmail: "" }),
        expect: signedIn(PAPA_MANAGE),
      },
      {
        // a representative invites its own affiliates' leads; so do the facilitator and the admin
        name: "invite a lead for Alpha",
        fields: (w) => ({ intent: "invite", name: "Alma Lead", email: "alma.lead@example.test", affiliateId: String(w.affiliateId) }),
        expect: signedIn(PAPA_MANAGE),
      },
    ],
  },
  // audit.read: the member's compliance counsel only (not the admin, not the facilitator)
  "tables.$coalitionId.audit.tsx": { loader: signedIn(["counsel"]), actions: [] },
  "tables.$coalitionId.audit[.]csv.tsx": { loader: signedIn(["counsel"]), actions: [] },
  // the evidence packet (issue 18): the member's counsel only, the admin included refused
  "tables.$coalitionId.evidence[.]zip.tsx": { loader: signedIn(["counsel"]), actions: [] },
  "tables.$coalitionId.firewall.evidence.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.matrix[.]csv.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.firewall._index.tsx": { loader: signedIn(VIEW), actions: [] },
  // the firewall by level (issue 13): everyone at the table reads the lengths; a seated member's counsel sets them
  "tables.$coalitionId.firewall.lengths.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "set the table's window and lookback as Papa's counsel",
        fields: (w) => ({ intent: "lengths", partnerId: String(w.partnerId), windowDays: "100", lookbackDays: "150", basisNote: "" }),
        expect: signedIn(["counsel"]),
        performer: "counsel",
      },
    ],
  },
  "tables.$coalitionId.firewall.policies.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "publish a new version of Papa's policy",
        fields: (w) => ({ intent: "publish", partnerId: String(w.partnerId), title: "Papa policy v2", body: "Independent-side staff never receive a campaign's plans, projects or needs." }),
        expect: signedIn(["counsel"]),
        performer: "counsel",
      },
      {
        // only Papa's own people acknowledge Papa's policy (not the facilitator, not Quebec)
        name: "acknowledge Papa's policy",
        fields: (w) => ({ intent: "acknowledge", policyId: String(w.policyId), version: "1" }),
        expect: signedIn(["rep", "counsel", "lead"]),
        performer: "counsel",
      },
    ],
  },
  "tables.$coalitionId.firewall.sides.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "set Papa's side in the race",
        fields: (w) => ({ intent: "side", partnerId: String(w.partnerId), raceId: String(w.raceId), account: "main", side: "independent", reason: "" }),
        expect: signedIn(["counsel"]),
        performer: "counsel",
      },
    ],
  },
  "tables.$coalitionId.firewall.accounts.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        // Papa is not a hybrid PAC: counsel confirms its representative stands on its every account (recorded)
        name: "confirm Papa's representative on both accounts",
        fields: (w) => ({ intent: "dedicate", partnerId: String(w.partnerId), userId: String(w.users.rep.id), account: "both", reason: "" }),
        expect: signedIn(["counsel"]),
        performer: "counsel",
      },
    ],
  },
  "tables.$coalitionId.firewall.overrides.tsx": {
    loader: signedIn(["counsel"]),
    actions: [
      {
        name: "record an override for Papa",
        fields: (w) => ({ intent: "create", partnerId: String(w.partnerId), raceId: String(w.raceId), scope: "wall", subjectId: "", reason: "Counsel reviewed the service dates.", expiresOn: "2099-01-01" }),
        expect: signedIn(["counsel"]),
        performer: "counsel",
      },
    ],
  },
  "tables.$coalitionId.people.tsx": {
    loader: signedIn(MANAGE),
    actions: [
      {
        name: "invite a representative for Quebec",
        fields: (w) => ({ intent: "invite", name: "Quincy", email: "quincy@example.test", role: "partner_rep", partnerId: String(w.otherPartnerId) }),
        expect: signedIn(MANAGE),
      },
      {
        // only the instance admin invites facilitators, even from the table's own page
        name: "invite a facilitator",
        fields: () => ({ intent: "invite", name: "Second Fac", email: "fac2@example.test", role: "facilitator" }),
        expect: signedIn(["admin"]),
      },
    ],
  },
  "tables.$coalitionId.races._index.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "create a race", fields: () => ({ intent: "create", ...raceFields }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.races.$raceId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "edit the race", fields: () => ({ intent: "update", ...raceFields, district: "7", incumbent: "Pat Doe" }), expect: signedIn(MANAGE) },
      { name: "add a candidate", fields: () => ({ intent: "candidate", ...candidateFields }), expect: signedIn(MANAGE) },
    ],
  },
  // ---- after the primary (issue 16): results are public; the facilitator records them ----
  "tables.$coalitionId.races.$raceId_.results.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        // a withdrawal can be recorded before election day (the world's primary is ahead)
        name: "record a withdrawal",
        fields: (w) => ({ intent: "result", election: "primary", candidateId: String(w.otherCandidateId), votes: "0", outcome: "withdrew", sourceUrl: "https://news.example.org/withdraws", sourceDate: "2026-11-20" }),
        expect: signedIn(MANAGE),
      },
    ],
  },
  // credit.read: the facilitator and the representatives of partners in Kilo's sub-table (Papa, Quebec)
  "tables.$coalitionId.credit.$subTableId.tsx": { loader: signedIn([...MANAGE, "rep", "otherRep"]), actions: [] },
  "tables.$coalitionId.credit.$subTableId[.]csv.tsx": { loader: signedIn([...MANAGE, "rep", "otherRep"]), actions: [] },
  "tables.$coalitionId.candidates.$candidateId.cycles.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "link the same person", fields: (w) => ({ intent: "link", otherCandidateId: String(w.otherCandidateId) }), expect: signedIn(MANAGE) },
      { name: "add another name", fields: () => ({ intent: "add-name", name: "Kilo Known-As" }), expect: signedIn(MANAGE) },
    ],
  },
  // issue 16: lessons on the review are the facilitator's
  "tables.$coalitionId.review.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "add a lesson", fields: (w) => ({ intent: "lesson", raceId: String(w.raceId), scope: "race", body: "Form the sub-table before the filing deadline.", sourceKind: "research" }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.settings.tsx": {
    loader: signedIn(MANAGE),
    actions: [{ name: "change the settings", fields: () => ({ intent: "update", name: "Tango Table", level: "federal", cycle: "2026", threshold: "3" }), expect: signedIn(MANAGE) }],
  },
  // ---- firewall F3–F5 (walls branch) ----
  // contact.record: neutral staff and the representatives and counsel of seated partners
  "tables.$coalitionId.firewall.contacts.tsx": {
    loader: signedIn(VIEW),
    actions: [
      {
        name: "log a contact without plans or needs",
        fields: (w) => ({ intent: "contact", raceId: String(w.raceId), contactDate: "2026-11-20", topic: "Introductions", attendees: String(w.users.rep.id) }),
        expect: signedIn(["admin", "facilitator", "rep", "counsel", "otherRep"]),
      },
    ],
  },
  // wall.read: counsel of a seated partner, the facilitator and the admin; wall.manage: that partner's counsel only
  "tables.$coalitionId.firewall.walls.tsx": {
    loader: signedIn(["admin", "facilitator", "counsel"]),
    actions: [
      {
        name: "add a party-service entry to Papa's roster",
        fields: (w) => ({ intent: "add", partnerId: String(w.partnerId), personName: "Wes Walled", email: "wes@example.org", reason: "party_service", servedFor: "State Committee", startDate: "2026-01-01" }),
        expect: signedIn(["counsel"]),
      },
    ],
  },
  // vendor.manage: the facilitator, the admin and seated partners' counsel (vendor.use is tested in firewall-walls.test.ts)
  "tables.$coalitionId.firewall.vendors.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "add a vendor", fields: () => ({ intent: "vendor", name: "Keystone Mail Co", services: "Mail" }), expect: signedIn(["admin", "facilitator", "counsel"]) }],
  },
  // ---- end firewall F3–F5 ----
  "tables.$coalitionId.sub-tables._index.tsx": { loader: signedIn(VIEW), actions: [] },
  // ---- facilitator's desk: meetings (table.manage writes; the owner sets an action item's status), agreements, health
  "tables.$coalitionId.meetings._index.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "create a meeting", fields: () => ({ intent: "create", ...meetingFields }), expect: signedIn(MANAGE) }],
  },
  "tables.$coalitionId.meetings.$meetingId._index.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "add an agenda item", fields: () => ({ intent: "item", title: "Turf for PA-07", about: "" }), expect: signedIn(MANAGE) },
      { name: "add an action item", fields: (w) => ({ intent: "action", text: "Call Quebec", owner: `partner:${w.otherPartnerId}`, dueDate: "2026-12-01", agendaItemId: "" }), expect: signedIn(MANAGE) },
      // Papa owns the item: its representative (or the facilitator) marks it done
      { name: "mark Papa's action item done", fields: (w) => ({ intent: "status", actionItemId: String(w.actionItemId), status: "done" }), expect: signedIn([...MANAGE, "rep"]) },
      { name: "answer Quebec's concern", fields: (w) => ({ intent: "answer-concern", concernId: String(w.concernId), answer: "Discussed." }), expect: signedIn(MANAGE) },
    ],
  },
  "tables.$coalitionId.meetings.$meetingId.markdown.tsx": { loader: signedIn(VIEW), actions: [] },
  "tables.$coalitionId.agreements.$subTableId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "write a new version", fields: () => ({ intent: "version", decidesTogether: "Turf", eachKeeps: "Stance", workAndCredit: "Pledges", actingAlone: "Tell us" }), expect: signedIn(MANAGE) },
      // only Papa's own representative signs for Papa: not the facilitator, not the admin
      { name: "sign off for Papa", fields: (w) => ({ intent: "signoff", versionId: String(w.agreementVersionId), partnerId: String(w.partnerId) }), expect: signedIn(["rep"]) },
      // issue 17: a current member's representative proposes a change; the facilitator accepts it as the next version or answers it
      {
        name: "propose a change for Papa",
        fields: (w) => ({ intent: "propose-change", partnerId: String(w.partnerId), baseVersionId: String(w.agreementVersionId), decidesTogether: "Turf and shifts", eachKeeps: "Stance", workAndCredit: "Pledges", actingAlone: "Tell the table", why: "Shifts too." }),
        expect: signedIn(["rep"]),
        performer: "rep",
      },
      { name: "accept Quebec's proposed change", fields: (w) => ({ intent: "accept-change", id: String(w.agreementProposalId) }), expect: signedIn(MANAGE) },
      { name: "decline Quebec's proposed change", fields: (w) => ({ intent: "decline-change", id: String(w.agreementProposalId), reply: "Budget stays per member." }), expect: signedIn(MANAGE) },
    ],
  },
  "tables.$coalitionId.health.tsx": { loader: signedIn(MANAGE), actions: [] },
  "tables.$coalitionId.sub-tables.$subTableId.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "close the sub-table", fields: () => ({ intent: "close" }), expect: signedIn(MANAGE) },
      // issue 17: a member's people comment on their sub-table
      { name: "comment on the sub-table for Papa", fields: (w) => ({ intent: "comment", partnerId: String(w.partnerId), body: "Ward 3 is ready.", sourceKind: "research", sourceUrl: "", capturedAt: "" }), expect: signedIn(PAPA_PEOPLE), performer: "rep" },
      { name: "comment on the sub-table for Quebec", fields: (w) => ({ intent: "comment", partnerId: String(w.otherPartnerId), body: "Ward 4 too.", sourceKind: "research", sourceUrl: "", capturedAt: "" }), expect: signedIn(["otherRep"]), performer: "otherRep" },
      // issue 17: a concern about the sub-table, raised by a member's representative
      { name: "raise Papa's concern about the sub-table", fields: (w) => concernFields(`sub_table:${w.subTableId}`, { partnerId: String(w.partnerId) }), expect: signedIn(["rep"]), performer: "rep" },
      { name: "raise a concern for Quebec", fields: (w) => concernFields(`sub_table:${w.subTableId}`, { partnerId: String(w.otherPartnerId) }), expect: signedIn(["otherRep"]), performer: "otherRep" },
      // a member tells its sub-table in advance what it will do outside it
      { name: "give Papa's notice", fields: (w) => ({ intent: "notice", partnerId: String(w.partnerId), kind: "public_statement", what: "A press release on housing", why: "Our members asked for it.", plannedOn: "" }), expect: signedIn(["rep"]), performer: "rep" },
    ],
  },
  // issue 17, members write too: the questionnaire (the facilitator keeps the table's questions; a representative proposes, or keeps its partner's own)
  "tables.$coalitionId.questionnaire.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "add a question of the table's", fields: () => ({ intent: "add-question", text: "Will you sign our pledge?" }), expect: signedIn(MANAGE) },
      { name: "propose a question for Papa", fields: (w) => ({ intent: "propose-question", partnerId: String(w.partnerId), text: "Will you hold town halls?", why: "" }), expect: signedIn(["rep"]), performer: "rep" },
      { name: "add Papa's own question", fields: (w) => ({ intent: "propose-question", own: "yes", partnerId: String(w.partnerId), text: "Will you hold town halls?", why: "" }), expect: signedIn(["rep"]), performer: "rep" },
      { name: "accept Quebec's proposed question", fields: (w) => ({ intent: "accept-question", id: String(w.proposedQuestionId) }), expect: signedIn(MANAGE) },
      { name: "decline Quebec's proposed question", fields: (w) => ({ intent: "decline-question", id: String(w.proposedQuestionId), reply: "Asked already." }), expect: signedIn(MANAGE) },
      { name: "remove Papa's own question", fields: (w) => ({ intent: "remove-question", questionId: String(w.papaQuestionId) }), expect: signedIn([...MANAGE, "rep"]), performer: "rep" },
      { name: "remove the table's question", fields: (w) => ({ intent: "remove-question", questionId: String(w.questionId) }), expect: signedIn(MANAGE) },
    ],
  },
  // the race's answers side by side: the facilitator records the table's; a representative its partner's own questions'
  "tables.$coalitionId.races.$raceId_.answers.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "record Kilo's answer to the table's question", fields: (w) => ({ intent: "answer", questionId: String(w.questionId), candidateId: String(w.candidateId), body: "Yes.", sourceKind: "campaign", sourceUrl: "", capturedAt: "" }), expect: signedIn(MANAGE) },
      {
        name: "record Kilo's answer to Papa's own question",
        fields: (w) => ({ intent: "answer", questionId: String(w.papaQuestionId), candidateId: String(w.candidateId), body: "Gladly.", sourceKind: "public", sourceUrl: "https://kilo.example.org/q", capturedAt: "2026-11-02" }),
        expect: signedIn([...MANAGE, "rep"]),
        performer: "rep",
      },
    ],
  },
  // members' proposed agenda items: a representative proposes for its own partner; the facilitator decides
  // (accepting needs a draft agenda ahead: tests/routes/proposals.test.ts)
  "tables.$coalitionId.agenda-proposals.tsx": {
    loader: signedIn(VIEW),
    actions: [
      { name: "propose an agenda item for Papa", fields: (w) => ({ intent: "propose-agenda", partnerId: String(w.partnerId), title: "Door-knocking budget", why: "Chapters ask." }), expect: signedIn(["rep"]), performer: "rep" },
      { name: "propose an agenda item for Quebec", fields: (w) => ({ intent: "propose-agenda", partnerId: String(w.otherPartnerId), title: "Door-knocking budget", why: "Chapters ask." }), expect: signedIn(["otherRep"]), performer: "otherRep" },
      { name: "decline Papa's proposed agenda item", fields: (w) => ({ intent: "decline-agenda", id: String(w.agendaProposalId), reply: "Covered in December." }), expect: signedIn(MANAGE) },
    ],
  },
  // issue 17: every member's concerns; the facilitator answers them
  "tables.$coalitionId.concerns.tsx": {
    loader: signedIn(VIEW),
    actions: [{ name: "answer Quebec's concern", fields: (w) => ({ intent: "answer-concern", concernId: String(w.concernId), answer: "Discussed at the table." }), expect: signedIn(MANAGE) }],
  },
};
