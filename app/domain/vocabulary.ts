/**
 * The vocabulary the app speaks: every enum of stances, roles, legal types and kinds, with its
 * type. Pure data: the database schema imports these to declare its columns, the domain rules,
 * forms and components import them from here, so nothing above the database needs the ORM.
 */

// Candidate profiles
export const INCUMBENCY = ["incumbent", "challenger", "open_seat"] as const;
export type Incumbency = (typeof INCUMBENCY)[number];
export const SOURCE_KINDS = ["public", "campaign", "research"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const PROFILE_ITEM_KINDS = ["position", "fundraising", "poll", "strength", "risk", "note"] as const;
export type ProfileItemKind = (typeof PROFILE_ITEM_KINDS)[number];
/** What a cycle review's lesson is about (issue 16): the race, the person it backed there, or both. */
export const LESSON_SCOPES = ["race", "person", "both"] as const;
export type LessonScope = (typeof LESSON_SCOPES)[number];

// Tables
export const COALITION_LEVELS = ["federal", "state_legislative", "municipal"] as const;
export type CoalitionLevel = (typeof COALITION_LEVELS)[number];

// Races by level (issue 13)
/** How a race's nominees are chosen: a party primary, a nonpartisan or top-two primary, or none (the general decides). */
export const PRIMARY_KINDS = ["partisan", "nonpartisan", "top_two", "none"] as const;
export type PrimaryKind = (typeof PRIMARY_KINDS)[number];
/** A state legislature's chambers (Nebraska has only the upper one). */
export const CHAMBERS = ["upper", "lower"] as const;
export type Chamber = (typeof CHAMBERS)[number];
/** A municipal race's government: a city (or town) or a county. */
export const LOCALITY_KINDS = ["city", "county"] as const;
export type LocalityKind = (typeof LOCALITY_KINDS)[number];
/**
 * What a race's seat represents below the state: a state-legislative district (or a New
 * Hampshire-style floterial district laid over others), a city ward or council district, an
 * at-large seat, or the whole city or county (a mayor, a county executive).
 */
export const SEAT_KINDS = ["district", "floterial", "ward", "at_large", "citywide"] as const;
export type SeatKind = (typeof SEAT_KINDS)[number];

// Endorsements
export const STANCES = ["considering", "endorsed", "declined", "withdrawn"] as const;
export type Stance = (typeof STANCES)[number];

// Joint field work
/** Work types of a joint field program (Mobilize's CANVASS, PHONE_BANK, TEXT_BANK, ...). */
export const WORK_TYPES = ["doorknock", "phonebank", "textbank", "public_event", "organizing_call"] as const;
export type WorkType = (typeof WORK_TYPES)[number];
/** The side a piece of field work is on with respect to the race's campaigns (firewall). */
export const WORK_SIDES = ["independent", "coordinated"] as const;
export type WorkSide = (typeof WORK_SIDES)[number];
export const MATERIAL_KINDS = ["script", "talking_points", "literature", "attachment"] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const TURF_KINDS = ["walk_packet", "call_list", "text_list"] as const;
export type TurfKind = (typeof TURF_KINDS)[number];
/**
 * Who hosts a shift: one of the table's affiliates, or a campaign (a field office). A shift
 * on the independent side with a campaign host is refused (firewall rule F7) unless counsel
 * overrides it (F9, two approvers for a joint canvass).
 */
export const HOST_KINDS = ["affiliate", "campaign"] as const;
export type HostKind = (typeof HOST_KINDS)[number];

// The firewall
/**
 * A member's accounts: most have one ("main"); a 501(c)(5)'s members-only program and a
 * hybrid PAC's two accounts are sides of their own.
 */
export const ACCOUNTS = ["main", "members_only", "contribution", "non_contribution"] as const;
export type Account = (typeof ACCOUNTS)[number];
export const SIDES = ["independent", "coordinated"] as const;
export const WALL_REASONS = ["candidate_service", "party_service", "campaign_contact"] as const;
export type WallReason = (typeof WALL_REASONS)[number];
export const OVERRIDE_SCOPES = ["joint_canvass", "campaign_share", "wall", "vendor"] as const;
export type OverrideScope = (typeof OVERRIDE_SCOPES)[number];

// The facilitator's desk
export const MEETING_KINDS = ["table", "sub_table", "joint_call", "candidate_interview"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const AGENDA_STATUSES = ["draft", "published"] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];
export const ACTION_STATUSES = ["open", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

// Partners and affiliates
export const LEGAL_TYPES = ["c3", "c4", "c5", "pac", "super_pac", "hybrid_pac", "527"] as const;
export type LegalType = (typeof LEGAL_TYPES)[number];
/**
 * What an affiliate may cover (issue 13): its whole state, congressional districts ("district"),
 * state-legislative districts by chamber, counties, cities, and wards within a city.
 */
export const COVERAGE_KINDS = ["statewide", "district", "upper_district", "lower_district", "county", "city", "ward"] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];
/** The district a turf unit names, by its race's level: a congressional, a state-legislative (by chamber), a ward of a city, a county's own district. */
export const UNIT_DISTRICT_KINDS = ["congressional", "upper", "lower", "ward", "county_district"] as const;
export type UnitDistrictKind = (typeof UNIT_DISTRICT_KINDS)[number];
/** Whose stance counts toward critical mass at a table: the national partner's, or its affiliate covering the race. */
export const DECIDERS = ["national", "affiliate"] as const;
export type Decider = (typeof DECIDERS)[number];

// Accounts
export const ROLES = ["facilitator", "partner_rep", "affiliate_lead", "counsel"] as const;
export type Role = (typeof ROLES)[number];
export const INVITATION_KINDS = ["invite", "reset"] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

// After the election (issue 16)
/**
 * What an election did for a candidate: won the seat (or the special), lost, advanced to a
 * runoff or to the general election, or withdrew before the count.
 */
export const RESULT_OUTCOMES = ["won", "lost", "advanced_runoff", "advanced_general", "withdrew"] as const;
export type ResultOutcome = (typeof RESULT_OUTCOMES)[number];
// ---- the members' own voice (issue 17) ----
/** What a concern is about: a candidate, a sub-table, a sub-table's agreement, a decision recorded at a meeting. */
export const CONCERN_SUBJECTS = ["candidate", "sub_table", "agreement", "decision"] as const;
export type ConcernSubject = (typeof CONCERN_SUBJECTS)[number];
export const CONCERN_STATUSES = ["open", "answered"] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
/** What a member tells its sub-table it will do outside it, in advance. */
export const NOTICE_KINDS = ["endorsement", "own_program", "public_statement", "withdrawal", "other"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** A member's proposal to the table (a question, an agenda item, an agreement change): the facilitator accepts it or answers it with a reason. */
export const PROPOSAL_STATUSES = ["proposed", "accepted", "declined"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
// Mail (issue 14)
/**
 * An outbox message's state: queued (waiting for its time), sending (claimed by the queue
 * worker), sent (the SMTP server took it), kept (no SMTP configured: it stays in the outbox
 * for the admin to read), failed (the last attempt failed; it will be tried again), dead (gave
 * up after the last attempt), cancelled (no longer needed: a reminder for a cancelled sign-up).
 */
export const MAIL_STATUSES = ["queued", "sending", "sent", "kept", "failed", "dead", "cancelled"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export const MAIL_KINDS = ["signup_confirmation", "signup_cancelled", "signup_released", "shift_reminder", "shift_changed", "shift_cancelled", "notification", "digest", "test"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** How a sign-up came in: typed by a lead, or by the volunteer on a public shift page. */
export const SIGNUP_SOURCES = ["lead", "public", "walk_in"] as const;
export type SignupSource = (typeof SIGNUP_SOURCES)[number];
/** What a person at the table can be notified of (issue 14), each with its own setting. */
export const NOTIFICATION_KINDS = [
  "sub_table_formed",
  "sub_table_changed",
  "stance_changed",
  "meeting",
  "action_item_assigned",
  "action_item_overdue",
  "policy_version",
  "shift_signups",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** Per kind: an email at once, one daily digest, or in the app's inbox only. */
export const NOTIFY_MODES = ["instant", "digest", "off"] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];
// ---- support from outside the table, capacity and red lines (issue 17) ----
/** Who endorsed a candidate from outside the table. */
export const OUTSIDE_SUPPORTER_KINDS = ["organization", "union", "elected_official", "local_group"] as const;
export type OutsideSupporterKind = (typeof OUTSIDE_SUPPORTER_KINDS)[number];
/** One item of a partner's capacity profile: a count (members, active volunteers, staff organizers), a state where it is strong, something it can do, a red line. */
export const CAPACITY_KINDS = ["members", "volunteers", "organizers", "strong_state", "can_do", "red_line"] as const;
export type CapacityKind = (typeof CAPACITY_KINDS)[number];
/** What a partner can bring to joint work. */
export const CAPABILITIES = ["doors", "phones", "texts", "digital", "money"] as const;
export type Capability = (typeof CAPABILITIES)[number];
/** Who may read one capacity item: the whole table, the table's facilitator only, or the partner's own people. */
export const CAPACITY_READERS = ["table", "facilitator", "own"] as const;
export type CapacityReaders = (typeof CAPACITY_READERS)[number];
