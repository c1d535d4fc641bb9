import type { Role } from "~/domain/vocabulary";

/** One role a person holds, with what it is held over. */
export type Grant = {
  id: number;
  role: Role;
  coalitionId: number | null;
  partnerId: number | null;
  affiliateId: number | null;
};

/** The signed-in person, with what the permission rules need to know, loaded once per request. */
export type Principal = {
  id: number;
  name: string;
  email: string;
  isAdmin: boolean;
  grants: Grant[];
  /** For each partner named in a grant (directly or through an affiliate): the tables it sits at. */
  partnerSeats: Record<number, number[]>;
  /** For each affiliate named in a grant: its partner. */
  affiliatePartner: Record<number, number>;
  /** Issue 13: for each regional ally named in a grant (through its affiliate): the programs it joined, and their tables. */
  allyPrograms?: Record<number, { coalitionId: number; programId: number }[]>;
};

export const ROLE_LABELS: Record<Role, string> = {
  facilitator: "Facilitator",
  partner_rep: "Partner representative",
  affiliate_lead: "Affiliate lead",
  counsel: "Compliance counsel",
};

export type Permission =
  | { action: "admin" }
  | { action: "table.create" }
  | { action: "table.view"; coalitionId: number }
  | { action: "table.manage"; coalitionId: number }
  /** A program's pages: whoever sees the table, or the lead of a regional ally that joined this program (issue 13). */
  | { action: "program.view"; coalitionId: number; programId: number }
  | { action: "people.manage"; coalitionId: number }
  | { action: "partner.manage"; coalitionId: number; partnerId: number }
  | { action: "affiliate.coverage"; coalitionId: number; partnerId: number; affiliateId: number }
  | { action: "stance.record"; coalitionId: number; partnerId: number; affiliateId: number | null }
  | { action: "stance.private"; partnerId: number }
  | { action: "audit.read"; partnerId: number }
  | { action: "firewall.manage"; partnerId: number }
  | { action: "policy.acknowledge"; partnerId: number }
  /** A regional ally's own written firewall policy (issue 13): its lead keeps it, from the ally's program. */
  | { action: "ally.keep"; coalitionId: number; partnerId: number }
  | { action: "shift.manage"; coalitionId: number; partnerId: number; affiliateId: number }
  | { action: "invite"; coalitionId: number; role: Role; partnerId: number | null; affiliateId: number | null }
  // ---- firewall F3–F5 (campaign contacts, wall roster, vendors) ----
  | { action: "contact.record"; coalitionId: number }
  | { action: "wall.read"; coalitionId: number }
  | { action: "wall.manage"; coalitionId: number; partnerId: number }
  | { action: "vendor.manage"; coalitionId: number }
  | { action: "vendor.use"; coalitionId: number; partnerId: number }
  // --- facilitator's desk (meetings, action items, agreements) ---
  | { action: "agreement.signoff"; coalitionId: number; partnerId: number }
  | { action: "actionItem.status"; coalitionId: number; partnerId: number; affiliateId: number | null }
  // ---- Joint field work, programs (issue 5) ----
  /** memberPartnerIds: the sub-table's current member partners. */
  | { action: "program.manage"; coalitionId: number; memberPartnerIds: readonly number[] }
  | { action: "program.turf"; coalitionId: number; memberPartnerIds: readonly number[] }
  | { action: "pledge.record"; coalitionId: number; partnerId: number; affiliateId: number; memberPartnerIds: readonly number[] }
  | ShiftPermission
  // ---- end joint field work, programs ----
  /** After the primary (issue 16): a sub-table's credit report. partnerIds: partners ever in it. */
  | { action: "credit.read"; coalitionId: number; partnerIds: readonly number[] }
  // ---- the members' own voice (issue 17): a member writes only its own ----
  | { action: "process.record"; coalitionId: number; partnerId: number }
  | { action: "concern.raise"; coalitionId: number; partnerId: number }
  | { action: "notice.give"; coalitionId: number; partnerId: number }
  // support from outside the table, capacity and red lines (issue 17)
  | { action: "outside.add"; coalitionId: number }
  | { action: "outside.edit"; coalitionId: number; addedBy: number }
  | { action: "capacity.keep"; coalitionId: number; partnerId: number }

  // issue 17, members write too: questions, answers, agenda and agreement proposals, comments
  | { action: "question.propose"; coalitionId: number; partnerId: number }
  /** partnerId: the question's partner (its own question), null for the table's. */
  | { action: "answer.record"; coalitionId: number; partnerId: number | null }
  | { action: "agenda.propose"; coalitionId: number; partnerId: number }
  | { action: "agreement.propose"; coalitionId: number; partnerId: number }
  /** partnerId: the member the author speaks for, null for neutral staff. */
  | { action: "comment.write"; coalitionId: number; partnerId: number | null }
  /** Editing or deleting a comment: its author only. */
  | { action: "comment.own"; coalitionId: number; authorId: number };

export type Decision = { ok: true } | { ok: false; missing: string };

const has = (p: Principal, role: Role, match: (g: Grant) => boolean) => p.grants.some((g) => g.role === role && match(g));
const facilitatorOf = (p: Principal, coalitionId: number) => has(p, "facilitator", (g) => g.coalitionId === coalitionId);
const seatedAt = (p: Principal, partnerId: number, coalitionId: number) => (p.partnerSeats[partnerId] ?? []).includes(coalitionId);
/** Issue 13: a regional ally in a program at this table: field work only, never a seat (no stance, no matrix). */
const allyAt = (p: Principal, partnerId: number, coalitionId: number) => (p.allyPrograms?.[partnerId] ?? []).some((j) => j.coalitionId === coalitionId);
/** Seated, or (for field work only) a regional ally in one of the table's programs. */
const inFieldAt = (p: Principal, partnerId: number, coalitionId: number) => seatedAt(p, partnerId, coalitionId) || allyAt(p, partnerId, coalitionId);
const repOf = (p: Principal, partnerId: number) => has(p, "partner_rep", (g) => g.partnerId === partnerId);
const counselOf = (p: Principal, partnerId: number) => has(p, "counsel", (g) => g.partnerId === partnerId);
const leadOf = (p: Principal, affiliateId: number) => has(p, "affiliate_lead", (g) => g.affiliateId === affiliateId);
/** Leads this affiliate, and the affiliate belongs to this partner. */
const leadOfAffiliateOf = (p: Principal, partnerId: number, affiliateId: number) => leadOf(p, affiliateId) && p.affiliatePartner[affiliateId] === partnerId;
const leadInPartner = (p: Principal, partnerId: number) =>
  has(p, "affiliate_lead", (g) => g.affiliateId !== null && p.affiliatePartner[g.affiliateId] === partnerId);

/** Firewall F3–F5: holds one of these roles for some partner seated at this table. */
const seatedAs = (p: Principal, coalitionId: number, roles: Role[]) =>
  p.grants.some((g) => roles.includes(g.role) && g.partnerId !== null && seatedAt(p, g.partnerId, coalitionId));

const allow: Decision = { ok: true };
const deny = (missing: string): Decision => ({ ok: false, missing });

/** The partners a person acts for (as representative, counsel, or through an affiliate they lead). */
export function partnersOf(p: Principal): number[] {
  const ids = new Set<number>();
  for (const g of p.grants) {
    if ((g.role === "partner_rep" || g.role === "counsel") && g.partnerId) ids.add(g.partnerId);
    if (g.role === "affiliate_lead" && g.affiliateId && p.affiliatePartner[g.affiliateId]) ids.add(p.affiliatePartner[g.affiliateId]);
  }
  return [...ids];
}

/**
 * The one permission rule. Pure: everything it needs is in the principal and the request.
 * Anything not explicitly allowed here is denied (fail closed), with what is missing.
 */
export function can(p: Principal | null, perm: Permission): Decision {
  if (!p) return deny("You need to sign in.");
  const admin = p.isAdmin;
  switch (perm.action) {
    case "admin":
    case "table.create":
      return admin ? allow : deny("This needs the instance admin.");
    case "table.view": {
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (partnersOf(p).some((id) => seatedAt(p, id, perm.coalitionId))) return allow;
      return deny("You need a role at this table: facilitator, or someone acting for a partner that sits at it.");
    }
    case "program.view": {
      if (can(p, { action: "table.view", coalitionId: perm.coalitionId }).ok) return allow;
      const joined = Object.values(p.allyPrograms ?? {}).some((js) => js.some((j) => j.coalitionId === perm.coalitionId && j.programId === perm.programId));
      return joined ? allow : deny("This needs a role at this table, or the lead of an ally that joined this program.");
    }
    case "table.manage":
    case "people.manage":
      return admin || facilitatorOf(p, perm.coalitionId) ? allow : deny("This needs the table's facilitator or the instance admin.");
    case "partner.manage":
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)) return allow;
      return deny("This needs this partner's representative, the table's facilitator or the instance admin.");
    case "affiliate.coverage":
      if (can(p, { action: "partner.manage", coalitionId: perm.coalitionId, partnerId: perm.partnerId }).ok) return allow;
      return leadOfAffiliateOf(p, perm.partnerId, perm.affiliateId) && seatedAt(p, perm.partnerId, perm.coalitionId) ? allow : deny("This needs the affiliate's lead, its partner's representative or the table's facilitator.");
    case "stance.record": {
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      const seated = seatedAt(p, perm.partnerId, perm.coalitionId);
      if (seated && repOf(p, perm.partnerId)) return allow;
      if (seated && perm.affiliateId !== null && leadOfAffiliateOf(p, perm.partnerId, perm.affiliateId)) return allow;
      return deny("Only this partner's representative (or, for an affiliate's own stance, its lead) or the table's facilitator may record this stance.");
    }
    case "stance.private":
      return repOf(p, perm.partnerId) || counselOf(p, perm.partnerId) || leadInPartner(p, perm.partnerId)
        ? allow
        : deny("A private note is for this partner's own people.");
    case "audit.read":
    case "firewall.manage":
      return counselOf(p, perm.partnerId) ? allow : deny("This needs this partner's compliance counsel.");
    case "policy.acknowledge":
      return partnersOf(p).includes(perm.partnerId) ? allow : deny("Only this member's own people acknowledge its firewall policy.");
    case "ally.keep":
      return leadInPartner(p, perm.partnerId) && allyAt(p, perm.partnerId, perm.coalitionId) ? allow : deny("Only a regional ally's own lead keeps its written firewall policy and its coverage.");
    case "shift.manage":
      if (leadOfAffiliateOf(p, perm.partnerId, perm.affiliateId) && inFieldAt(p, perm.partnerId, perm.coalitionId)) return allow;
      if (repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)) return allow;
      return deny("This needs the affiliate's lead or its partner's representative.");
    case "invite": {
      if (admin) return allow;
      if (perm.role === "facilitator") return deny("Only the instance admin invites facilitators.");
      if (facilitatorOf(p, perm.coalitionId)) return allow;
      if (perm.role === "affiliate_lead" && perm.partnerId !== null && repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)) {
        return allow;
      }
      return deny("This needs the table's facilitator or the instance admin (a partner's representative may invite its own affiliates' leads).");
    }
    // ---- firewall F3–F5: campaign contacts, the wall roster, vendors ----------------------
    case "contact.record":
      // neutral staff, and the people who speak for a seated member, log contacts with campaigns
      if (admin || facilitatorOf(p, perm.coalitionId) || seatedAs(p, perm.coalitionId, ["partner_rep", "counsel"])) return allow;
      return deny("This needs the table's facilitator, or a representative or counsel of a partner seated at it.");
    case "wall.read":
      // counsel reads its own member's roster; neutral staff read the walls made by contacts
      if (admin || facilitatorOf(p, perm.coalitionId) || seatedAs(p, perm.coalitionId, ["counsel"])) return allow;
      return deny("The wall roster needs a partner's compliance counsel or the table's facilitator.");
    case "wall.manage":
      return counselOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId) ? allow : deny("This needs this partner's compliance counsel.");
    case "vendor.manage":
      if (admin || facilitatorOf(p, perm.coalitionId) || seatedAs(p, perm.coalitionId, ["counsel"])) return allow;
      return deny("This needs the table's facilitator or a seated partner's compliance counsel.");
    case "vendor.use":
      if ((repOf(p, perm.partnerId) || counselOf(p, perm.partnerId)) && seatedAt(p, perm.partnerId, perm.coalitionId)) return allow;
      return deny("Only this partner's representative or counsel may record its use of a vendor.");
    // ---- end firewall F3–F5 ---------------------------------------------------------------
    // --- facilitator's desk (meetings, action items, agreements) ---
    case "agreement.signoff":
      // a partner signs its own sub-table agreement through its representative; no one signs for it
      return repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)
        ? allow
        : deny("Only this partner's representative may sign off its agreement.");
    case "actionItem.status":
      // the facilitator, or the item's owner: the partner's representative, or the owning affiliate's lead
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (!seatedAt(p, perm.partnerId, perm.coalitionId)) return deny("This needs the action item's owner or the table's facilitator.");
      if (repOf(p, perm.partnerId)) return allow;
      if (perm.affiliateId !== null && leadOfAffiliateOf(p, perm.partnerId, perm.affiliateId)) return allow;
      return deny("This needs the action item's owner or the table's facilitator.");
    // --- end facilitator's desk ---
    // ---- Joint field work, programs (issue 5) ----
    // Create or edit a program, run the split, move and lock units: the facilitator or a
    // member partner's representative.
    case "program.manage":
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (perm.memberPartnerIds.some((id) => repOf(p, id) && seatedAt(p, id, perm.coalitionId))) return allow;
      return deny("This needs the table's facilitator or the representative of a partner in this sub-table.");
    // Import, add and edit turf units: also the leads of member partners' affiliates.
    case "program.turf":
      if (can(p, { action: "program.manage", coalitionId: perm.coalitionId, memberPartnerIds: perm.memberPartnerIds }).ok) return allow;
      if (perm.memberPartnerIds.some((id) => leadInPartner(p, id) && seatedAt(p, id, perm.coalitionId))) return allow;
      return deny("This needs the table's facilitator, or a representative or affiliate lead of a partner in this sub-table.");
    // An affiliate's pledge: its lead, its partner's representative, the facilitator; only for a member partner's affiliate.
    case "pledge.record":
      if (!perm.memberPartnerIds.includes(perm.partnerId)) return deny("Only affiliates of the sub-table's partners pledge to this program.");
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (!inFieldAt(p, perm.partnerId, perm.coalitionId)) return deny("This needs the affiliate's lead, its partner's representative or the table's facilitator.");
      if (repOf(p, perm.partnerId) || leadOfAffiliateOf(p, perm.partnerId, perm.affiliateId)) return allow;
      return deny("This needs the affiliate's lead, its partner's representative or the table's facilitator.");
    // ---- end joint field work, programs ----
    // After the primary (issue 16): the facilitator, or a representative of a partner that is or was in the sub-table
    case "credit.read":
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (perm.partnerIds.some((id) => repOf(p, id) && seatedAt(p, id, perm.coalitionId))) return allow;
      return deny("A sub-table's credit report needs the table's facilitator or the representative of a partner in this sub-table.");
    // ---- the members' own voice (issue 17) ----
    // a partner's own endorsement process (its steps, where each candidate stands): its representative only
    case "process.record":
      return repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)
        ? allow
        : deny("Only this partner's representative may keep its endorsement process.");
    // a member raises its own concerns, through its representative; the facilitator answers them (table.manage)
    case "concern.raise":
      return repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)
        ? allow
        : deny("Only a seated partner's representative may raise a concern for it.");
    // a member tells its sub-tables in advance what it will do outside them: its representative (the model checks membership)
    case "notice.give":
      return repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)
        ? allow
        : deny("Only a member partner's representative may give its sub-table notice.");
    // support from outside the table is public information: the facilitator and any seated member's representative add it
    case "outside.add":
      if (admin || facilitatorOf(p, perm.coalitionId) || seatedAs(p, perm.coalitionId, ["partner_rep"])) return allow;
      return deny("This needs the table's facilitator or the representative of a partner seated at it.");
    // ...and the one who added it (while still at the table) or the facilitator changes or removes it
    case "outside.edit":
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (p.id === perm.addedBy && seatedAs(p, perm.coalitionId, ["partner_rep"])) return allow;
      return deny("Only the person who added this endorsement or the table's facilitator may change it.");
    // a partner's capacity profile and red lines: its representative only
    case "capacity.keep":
      return repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)
        ? allow
        : deny("Only this partner's representative may keep its capacity profile.");

    // members write too: a representative proposes questions (and keeps its partner's own), agenda items and agreement changes
    case "question.propose":
    case "agenda.propose":
    case "agreement.propose":
      return repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)
        ? allow
        : deny("Only a seated partner's representative may propose this for it.");
    // the table's questions are answered by neutral staff; a partner's own, also by its representative
    case "answer.record":
      if (admin || facilitatorOf(p, perm.coalitionId)) return allow;
      if (perm.partnerId !== null && repOf(p, perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId)) return allow;
      return deny("This needs the table's facilitator (a partner's own questions: also its representative).");
    // a comment speaks for someone: neutral staff, or anyone acting for a seated partner
    case "comment.write":
      if (perm.partnerId === null) return admin || facilitatorOf(p, perm.coalitionId) ? allow : deny("Only neutral staff comment for no partner: comment for a partner you act for.");
      return partnersOf(p).includes(perm.partnerId) && seatedAt(p, perm.partnerId, perm.coalitionId) ? allow : deny("Only a seated partner's own people comment for it.");
    case "comment.own":
      return p.id === perm.authorId ? allow : deny("Only a comment's author may edit or delete it.");
    case "shift.edit":
    case "signup.create":
    case "signup.contacts":
      return canShift(p, perm);
    default:
      return deny("This action is not known, so it is not allowed.");
  }
}

/** The partners whose stances this person may record at a table (all of them for facilitators). */
export function recordablePartners(p: Principal, coalitionId: number, seated: readonly number[]): number[] {
  return seated.filter((partnerId) => can(p, { action: "stance.record", coalitionId, partnerId, affiliateId: null }).ok);
}

// ---- Joint field work: shifts, sign-ups, results (issue 5, branch shifts) -----------------

type AffiliateRef = { partnerId: number; affiliateId: number };

/**
 * shift.manage (above) is the host affiliate's: create, cancel. The rest:
 * - shift.edit: the host's or any co-host's lead or partner rep (edit, turf, co-hosts,
 *   attendance, results). Co-hosts edit but do not cancel.
 * - signup.create: the recruiting affiliate's lead or partner rep (the model checks the
 *   affiliate takes part in the program).
 * - signup.contacts: who sees a volunteer's email and phone: the shift's hosts, the recruiter,
 *   the table's facilitator. Everyone else at the table sees names only.
 */
export type ShiftPermission =
  | { action: "shift.edit"; coalitionId: number; hosts: AffiliateRef[] }
  | { action: "signup.create"; coalitionId: number; partnerId: number; affiliateId: number }
  | { action: "signup.contacts"; coalitionId: number; hosts: AffiliateRef[]; recruiter: AffiliateRef };

function canShift(p: Principal, perm: ShiftPermission): Decision {
  const manages = (a: AffiliateRef) => can(p, { action: "shift.manage", coalitionId: perm.coalitionId, partnerId: a.partnerId, affiliateId: a.affiliateId }).ok;
  switch (perm.action) {
    case "shift.edit":
      return perm.hosts.some(manages) ? allow : deny("This needs the lead (or partner representative) of the shift's host or a co-host affiliate.");
    case "signup.create":
      return manages(perm) ? allow : deny("This needs the lead (or partner representative) of the affiliate that recruited the volunteer.");
    case "signup.contacts":
      return facilitatorOf(p, perm.coalitionId) || perm.hosts.some(manages) || manages(perm.recruiter)
        ? allow
        : deny("A volunteer's contact details are for the shift's hosts, the recruiting affiliate and the facilitator.");
  }
}
