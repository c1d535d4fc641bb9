import { z } from "zod";
import type { WallSpan } from "./firewall";
import { addDays, isIsoDate } from "./dates";
import { checkbox, chosenId, idList, isoDate, optional as optionalOrNull, optionalChosenId, optionalIsoDate, required } from "./forms";

/**
 * Form schemas and small pure helpers for firewall rules F3–F5: the campaign contact log,
 * the wall roster and vendors. Each field error is a sentence for a person.
 */

/** Optional text as "" rather than null: the columns it fills are NOT NULL with an empty default. */
const optional = (label: string, max = 2000) => optionalOrNull(label, max).transform((v) => v ?? "");

const id = (label: string) => chosenId(`Choose ${label}.`);
const optionalId = (label: string) => optionalChosenId(`Choose ${label}.`);

const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export type NamedEmail = { name: string; email: string };

/** The most "other attendees" lines one contact may list. */
export const MAX_OTHER_ATTENDEES = 50;

/**
 * "Name <email>" one per line (blank lines skipped) → the people, lower-cased emails, one
 * per email; the lines that are not of that form come back in `bad`.
 */
export function parseAttendeeLines(raw: string): { people: NamedEmail[]; bad: string[] } {
  const people: NamedEmail[] = [];
  const bad: string[] = [];
  const seen = new Set<string>();
  for (const line of raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*<([^<>]+)>$/.exec(line);
    const name = m?.[1].trim().replace(/^"|"$/g, "").trim() ?? "";
    const email = m?.[2].trim().toLowerCase() ?? "";
    if (!m || !name || name.length > 120 || !EMAIL_RE.test(email) || email.length > 200) {
      bad.push(line.length > 60 ? `${line.slice(0, 57)}...` : line);
      continue;
    }
    if (seen.has(email)) continue;
    seen.add(email);
    people.push({ name, email });
  }
  return { people, bad };
}

/** Rule F3: a contact with a campaign, who was present, and whether plans or needs were discussed. */
export const contactForm = z
  .object({
    raceId: id("the race"),
    candidateId: optionalId("a candidate of the race"),
    contactDate: isoDate("Date of the contact"),
    topic: required("Topic", 200),
    plansOrNeeds: checkbox,
    campaignPeople: optional("Campaign people present", 1000),
    notes: optional("Notes", 5000),
    others: z.string().optional().default(""),
    /** The people of the table ticked as present (user ids). */
    attendees: idList("Tick people of this table from the list."),
  })
  .superRefine((v, ctx) => {
    const { people, bad } = parseAttendeeLines(v.others);
    if (bad.length) ctx.addIssue({ code: "custom", path: ["others"], message: `Write each other attendee as Name <email>, one per line (not: ${bad.slice(0, 3).join("; ")}).` });
    else if (people.length > MAX_OTHER_ATTENDEES) ctx.addIssue({ code: "custom", path: ["others"], message: `List at most ${MAX_OTHER_ATTENDEES} other attendees.` });
    if (v.attendees.length === 0 && people.length === 0 && bad.length === 0) {
      ctx.addIssue({ code: "custom", path: ["attendees"], message: "Tick who from the table was present, or list other attendees: a contact needs at least one attendee." });
    }
    // said along with the other fields' errors (a missing date, say), once both lists could be read
  }, { when: (payload) => !payload.issues.some((i) => i.path?.[0] === "attendees" || i.path?.[0] === "others") })
  .transform((v) => ({
    raceId: v.raceId,
    candidateId: v.candidateId,
    contactDate: v.contactDate,
    topic: v.topic,
    plansOrNeeds: v.plansOrNeeds,
    campaignPeople: v.campaignPeople,
    notes: v.notes,
    attendeeUserIds: v.attendees,
    others: parseAttendeeLines(v.others).people,
  }));
export type ContactInput = z.output<typeof contactForm>;

const endAfterStart = (v: { startDate: string; lastServiceDate: string | null }, ctx: z.RefinementCtx) => {
  if (v.lastServiceDate && isIsoDate(v.startDate) && v.lastServiceDate < v.startDate) {
    ctx.addIssue({ code: "custom", path: ["lastServiceDate"], message: "The last date of service cannot be before the start." });
  }
};

/** Rule F4: one entry on a member's wall roster. */
export const wallForm = z
  .object({
    partnerId: id("the member"),
    userId: optionalId("a person of your member"),
    personName: optional("Name", 120),
    email: optional("Email", 200).transform((v) => v.toLowerCase()),
    reason: z.enum(["candidate_service", "party_service"], { error: "Choose candidate service or party committee service." }),
    raceId: optionalId("the race"),
    servedFor: optional("Served for", 200),
    startDate: isoDate("Start date"),
    lastServiceDate: optionalIsoDate("Last date of service"),
    evidence: optional("Evidence", 5000),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.userId === null) {
      if (!v.personName) need("personName", "Pick a person, or give the name of someone not in the app.");
      if (!v.email) need("email", "Give the person's email, so the wall finds them when they are signed up for work.");
      else if (!EMAIL_RE.test(v.email)) need("email", "Email must look like name@example.org.");
    }
    if (v.reason === "candidate_service" && v.raceId === null) need("raceId", "Choose the race of the candidate the person served.");
    if (v.reason === "party_service" && !v.servedFor) need("servedFor", "Name the party committee the person served.");
    endAfterStart(v, ctx);
  });
export type WallInput = z.output<typeof wallForm>;

/** Ends an ongoing service entry with its last date of service. */
export const endWallForm = z.object({
  wallId: id("the entry"),
  lastServiceDate: isoDate("Last date of service"),
});

/** Rule F5: a vendor on the table's list. */
export const vendorForm = z.object({
  name: required("Vendor name", 160),
  services: optional("Services", 500),
});

/** A candidate or party committee a vendor served, and when. */
export const vendorClientForm = z
  .object({
    vendorId: id("the vendor"),
    kind: z.enum(["candidate", "party"], { error: "Choose a candidate or a party committee." }),
    raceId: optionalId("the race"),
    servedFor: required("Served for", 200),
    startDate: isoDate("Start date"),
    lastServiceDate: optionalIsoDate("Last date of service"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "candidate" && v.raceId === null) ctx.addIssue({ code: "custom", path: ["raceId"], message: "Choose the race of the candidate the vendor served." });
    endAfterStart(v, ctx);
  })
  .transform((v) => ({ ...v, raceId: v.kind === "party" ? null : v.raceId }));

/** The vendor's own written firewall policy, on file from a date. */
export const vendorPolicyForm = z.object({
  vendorId: id("the vendor"),
  policyOnFileAt: isoDate("Date the policy was filed"),
  policyNote: optional("Note", 1000),
});

/** A member's use of a vendor in a race from a date. */
export const vendorUseForm = z.object({
  vendorId: id("the vendor"),
  partnerId: id("the member"),
  raceId: id("the race"),
  useDate: isoDate("From date"),
  purpose: optional("Purpose", 500),
});

/**
 * How long a wall entry lasts, for the roster: a contact until the general election (its
 * untilDate), service while serving, then through the last date of service + the table's lookback.
 */
export function walledUntil(wall: WallSpan, lookbackDays: number): { kind: "general"; date: string | null } | { kind: "serving" } | { kind: "date"; date: string } {
  if (wall.reason === "campaign_contact") return { kind: "general", date: wall.untilDate };
  if (!wall.lastServiceDate) return { kind: "serving" };
  return { kind: "date", date: addDays(wall.lastServiceDate, lookbackDays) };
}
