import { z } from "zod";
import { chosenId, optional } from "./forms";
import { partnersOf, type Principal } from "./permissions";
import { isUsState } from "./states";
import { CAPABILITIES, CAPACITY_KINDS, CAPACITY_READERS, type Capability, type CapacityKind, type CapacityReaders } from "./vocabulary";

/**
 * Capacity and red lines (issue 17): what each partner brings (members, active volunteers, staff
 * organizers, states where it is strong, what it can do) and its non-negotiables, each item with
 * who may read it. Pure: the reader rule, the form, the words.
 */

export const CAPACITY_KIND_LABELS: Record<CapacityKind, string> = {
  members: "Members",
  volunteers: "Active volunteers",
  organizers: "Staff organizers",
  strong_state: "A state where it is strong",
  can_do: "What it can do",
  red_line: "A red line (non-negotiable)",
};

export const CAPABILITY_LABELS: Record<Capability, string> = { doors: "Doors", phones: "Phones", texts: "Texts", digital: "Digital", money: "Money" };

export const CAPACITY_READER_LABELS: Record<CapacityReaders, string> = {
  table: "The whole table",
  facilitator: "The facilitator only",
  own: "Our own people only",
};

/** A partner keeps at most this many items (the profile page reads them all). */
export const MAX_CAPACITY_ITEMS = 120;

/** The kinds that are a count (members, volunteers, organizers). */
export const COUNT_KINDS: readonly CapacityKind[] = ["members", "volunteers", "organizers"];

export type CapacityItemLike = { partnerId: number; readers: CapacityReaders };

const facilitatorOf = (p: Principal, coalitionId: number) => p.grants.some((g) => g.role === "facilitator" && g.coalitionId === coalitionId);
const atTable = (p: Principal, coalitionId: number) => facilitatorOf(p, coalitionId) || p.isAdmin || partnersOf(p).some((id) => (p.partnerSeats[id] ?? []).includes(coalitionId));

/**
 * Who reads one capacity item at a table (the item's partner sits at it; the models read no
 * other): the partner's own people (its representatives, counsel and affiliate leads) always;
 * an item for the table, anyone at the table (its facilitator, the admin, the people of a
 * seated partner); an item for the facilitator, the table's facilitator (not the admin, not
 * another facilitator); an item for its own people, no one else.
 */
export function mayReadCapacityItem(p: Principal | null, coalitionId: number, item: CapacityItemLike): boolean {
  if (!p) return false;
  if (partnersOf(p).includes(item.partnerId)) return true;
  switch (item.readers) {
    case "table":
      return atTable(p, coalitionId);
    case "facilitator":
      return facilitatorOf(p, coalitionId);
    case "own":
      return false;
  }
}

/** The items this person reads, in the order given. */
export function readableCapacity<T extends CapacityItemLike>(p: Principal | null, coalitionId: number, items: readonly T[]): T[] {
  return items.filter((i) => mayReadCapacityItem(p, coalitionId, i));
}

/**
 * The reader settings whose items count in the table's combined capacity for this person: what
 * it may read of any partner not its own (the facilitator: the table's and the facilitator's;
 * anyone else at the table: the table's). A partner's own-people items never count there.
 */
export function combinedReaders(p: Principal | null, coalitionId: number): CapacityReaders[] {
  if (!p || !atTable(p, coalitionId)) return [];
  return facilitatorOf(p, coalitionId) ? ["table", "facilitator"] : ["table"];
}

const amount = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/[$,\s]/g, "") : null))
  .refine((v) => v === null || /^\d{1,12}$/.test(v), "Give a whole number (no more than 12 digits).")
  .transform((v) => (v === null ? null : Number(v)));

export const capacityItemForm = z
  .object({
    kind: z.enum(CAPACITY_KINDS, { error: "Choose what this item is." }),
    readers: z.enum(CAPACITY_READERS, { error: "Choose who may read it." }),
    state: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isUsState(v), "State must be a two-letter US state code, like PA."),
    amount,
    capability: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || (CAPABILITIES as readonly string[]).includes(v), "Choose doors, phones, texts, digital or money."),
    detail: optional("Details", 500),
  })
  .superRefine((v, ctx) => {
    if (COUNT_KINDS.includes(v.kind) && v.amount === null) ctx.addIssue({ code: "custom", path: ["amount"], message: "Give how many." });
    if (v.kind === "strong_state" && v.state === null) ctx.addIssue({ code: "custom", path: ["state"], message: "Name the state where it is strong." });
    if (v.kind === "can_do" && v.capability === null) ctx.addIssue({ code: "custom", path: ["capability"], message: "Choose what it can do." });
    if (v.kind === "red_line" && v.detail === null) ctx.addIssue({ code: "custom", path: ["detail"], message: "Say the red line in words." });
  })
  .transform((v) => ({
    ...v,
    capability: v.kind === "can_do" ? (v.capability as Capability) : null,
    // a count only for counts and money; a red line has no state
    amount: COUNT_KINDS.includes(v.kind) || (v.kind === "can_do" && v.capability === "money") ? v.amount : null,
    state: v.kind === "red_line" ? null : v.state,
  }));
export type CapacityItemInput = z.output<typeof capacityItemForm>;

export const capacityRemoveForm = z.object({ itemId: chosenId("Choose an item to remove.") });

/** One item in words: "12,000 members in PA", "Strong in OH", "Can do: phones", "Red line: …". */
export function capacityItemWords(i: { kind: CapacityKind; state: string | null; amount: number | null; capability: Capability | null; detail: string | null }): string {
  const where = i.state ? ` in ${i.state}` : " across the country";
  const n = i.amount === null ? "" : i.amount.toLocaleString("en-US");
  switch (i.kind) {
    case "members":
      return `${n} members${where}`;
    case "volunteers":
      return `${n} active volunteers${where}`;
    case "organizers":
      return `${n} staff organizers${where}`;
    case "strong_state":
      return `Strong in ${i.state}`;
    case "can_do":
      return `Can do: ${i.capability ? CAPABILITY_LABELS[i.capability].toLowerCase() : ""}${i.capability === "money" && i.amount !== null ? ` ($${n})` : ""}${i.state ? ` in ${i.state}` : ""}`;
    case "red_line":
      return `Red line: ${i.detail ?? ""}`;
  }
}
