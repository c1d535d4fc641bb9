import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { affiliates, coalitionPartners, invitations, partners, roleGrants, users, type Invitation } from "../../db/schema";
import type { Viewer } from "~/domain/actor";
import { type Role } from "~/domain/vocabulary";
import { keysetPage, PAGE_SIZE, type Cursor } from "~/domain/keyset";
import { NotFoundError } from "~/domain/errors";

/**
 * Who has an account and which roles (the People and admin pages' reads, DESIGN.md "Scale":
 * keyset-paged, searched in SQL). Signing in, invitations and grants themselves are written in
 * accounts.server.ts.
 */

/** Who holds which role at a table, and its pending invitations. */
// every read takes the viewer; the People page's guard (people.manage) has checked it
export function listPeople(db: Db, _viewer: Viewer, input: { coalitionId: number; now?: Date }) {
  const { coalitionId, now = new Date() } = input;
  const seated = db.select({ partnerId: coalitionPartners.partnerId }).from(coalitionPartners).where(eq(coalitionPartners.coalitionId, coalitionId)).all().map((s) => s.partnerId);
  const seatedAffiliates = seated.length
    ? db.select({ id: affiliates.id }).from(affiliates).where(inArray(affiliates.partnerId, seated)).all().map((a) => a.id)
    : [];
  const grants = db
    .select({
      grant: roleGrants,
      userName: users.name,
      email: users.email,
      partnerShortName: partners.shortName,
      affiliateName: affiliates.name,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .leftJoin(partners, or(eq(partners.id, roleGrants.partnerId), eq(partners.id, affiliates.partnerId)))
    .where(
      and(
        isNull(roleGrants.revokedAt),
        or(
          eq(roleGrants.coalitionId, coalitionId),
          seated.length ? inArray(roleGrants.partnerId, seated) : sql`0`,
          seatedAffiliates.length ? inArray(roleGrants.affiliateId, seatedAffiliates) : sql`0`,
        ),
      ),
    )
    .orderBy(asc(users.name), asc(roleGrants.role))
    .all()
    .map((r) => ({ ...r.grant, userName: r.userName, email: r.email, partnerShortName: r.partnerShortName, affiliateName: r.affiliateName }));
  const pending = db
    .select()
    .from(invitations)
    .where(and(eq(invitations.coalitionId, coalitionId), eq(invitations.kind, "invite"), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.id))
    .all()
    .map((i) => ({ ...i, expired: Date.parse(i.expiresAt) < now.getTime() }));
  return { grants, pending };
}

/** The role grants of a table: its own (facilitators), its seated partners' and their affiliates'. */
function grantsAtTable(coalitionId: number) {
  return and(
    isNull(roleGrants.revokedAt),
    or(
      eq(roleGrants.coalitionId, coalitionId),
      sql`${roleGrants.partnerId} in (select partner_id from coalition_partners where coalition_id = ${coalitionId})`,
      sql`${roleGrants.affiliateId} in (select a.id from affiliates a join coalition_partners cp on cp.partner_id = a.partner_id and cp.coalition_id = ${coalitionId})`,
    ),
  );
}

/**
 * One page of the People list (DESIGN.md "Scale"): live grants at the table in name order,
 * filtered in SQL by a name or email search and a role, keyset-paged by (name, role, grant id),
 * with the total; pending invitations newest first, paged the same way by id (`invites`).
 */
export function pagePeople(
  db: Db,
  _viewer: Viewer,
  input: { coalitionId: number; q?: string | null; role?: Role | null; cursor?: Cursor | null; invitesCursor?: Cursor | null; limit?: number; now?: Date },
) {
  const { coalitionId, now = new Date() } = input;
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 3 && typeof k[0] === "string" && typeof k[1] === "string" && typeof k[2] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const where = and(
    grantsAtTable(coalitionId),
    input.role ? eq(roleGrants.role, input.role) : undefined,
    q ? sql`(instr(lower(${users.name}), ${q}) > 0 or instr(lower(${users.email}), ${q}) > 0)` : undefined,
  );
  const key = sql`(${users.name}, ${roleGrants.role}, ${roleGrants.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} < (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]})` : sql`${key} > (${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]})`) : undefined;
  const fetched = db
    .select({
      grant: roleGrants,
      userName: users.name,
      email: users.email,
      partnerShortName: partners.shortName,
      affiliateName: affiliates.name,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .leftJoin(partners, or(eq(partners.id, roleGrants.partnerId), eq(partners.id, affiliates.partnerId)))
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(users.name), desc(roleGrants.role), desc(roleGrants.id)] : [asc(users.name), asc(roleGrants.role), asc(roleGrants.id)]))
    .limit(limit + 1)
    .all()
    .map((r) => ({ ...r.grant, userName: r.userName, email: r.email, partnerShortName: r.partnerShortName, affiliateName: r.affiliateName }));
  const page = keysetPage(fetched, limit, cursor, (g) => [g.userName, g.role, g.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(roleGrants).innerJoin(users, eq(users.id, roleGrants.userId)).where(where).get()?.n ?? 0;

  const ik = input.invitesCursor?.key;
  const invitesCursor = input.invitesCursor && ik && ik.length === 1 && typeof ik[0] === "number" ? input.invitesCursor : null;
  const invitesBack = invitesCursor?.dir === "before";
  const pendingWhere = and(eq(invitations.coalitionId, coalitionId), eq(invitations.kind, "invite"), isNull(invitations.usedAt), isNull(invitations.revokedAt));
  const invitesKey = invitesCursor ? (invitesBack ? gt(invitations.id, invitesCursor.key[0] as number) : lt(invitations.id, invitesCursor.key[0] as number)) : undefined;
  const pendingFetched = db
    .select()
    .from(invitations)
    .where(and(pendingWhere, invitesKey))
    .orderBy(invitesBack ? asc(invitations.id) : desc(invitations.id))
    .limit(limit + 1)
    .all();
  const pendingPage = keysetPage(pendingFetched, limit, invitesCursor, (i) => [i.id]);
  const pendingTotal = db.select({ n: sql<number>`count(*)` }).from(invitations).where(pendingWhere).get()?.n ?? 0;
  return {
    grants: page.rows,
    total,
    prev: page.prev,
    next: page.next,
    pending: pendingPage.rows.map((i) => ({ ...i, expired: Date.parse(i.expiresAt) < now.getTime() })),
    pendingTotal,
    pendingPrev: pendingPage.prev,
    pendingNext: pendingPage.next,
  };
}

/** How many people a form offers to tick at once; a search narrows the rest. */
export const PEOPLE_CHOICE_LIMIT = 50;

/**
 * The people holding roles at a table, one row each with what they hold ("KA", "facilitator"),
 * for a form's checkboxes, bounded (DESIGN.md "Scale"): in name order, those whose name or
 * email contains `q`, at most `limit`, or exactly those of `userIds`. Two statements, always.
 */
export function tablePeopleChoices(db: Db, _viewer: Viewer, input: { coalitionId: number; q?: string | null; userIds?: number[]; limit?: number }) {
  const limit = input.limit ?? PEOPLE_CHOICE_LIMIT;
  const q = input.q?.trim().toLowerCase() || null;
  const held = sql`${users.id} in (select ${roleGrants.userId} from ${roleGrants} where ${grantsAtTable(input.coalitionId)})`;
  const found = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        held,
        input.userIds ? inArray(users.id, input.userIds.length ? input.userIds : [-1]) : undefined,
        q ? sql`(instr(lower(${users.name}), ${q}) > 0 or instr(lower(${users.email}), ${q}) > 0)` : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(input.userIds ? input.userIds.length + 1 : limit + 1)
    .all();
  const truncated = !input.userIds && found.length > limit;
  const people = truncated ? found.slice(0, limit) : found;
  const ids = people.map((p) => p.id);
  const grants = db
    .select({ userId: roleGrants.userId, role: roleGrants.role, partnerShortName: partners.shortName, affiliateName: affiliates.name })
    .from(roleGrants)
    .leftJoin(affiliates, eq(affiliates.id, roleGrants.affiliateId))
    .leftJoin(partners, or(eq(partners.id, roleGrants.partnerId), eq(partners.id, affiliates.partnerId)))
    .where(and(inArray(roleGrants.userId, ids.length ? ids : [-1]), grantsAtTable(input.coalitionId)))
    .orderBy(asc(roleGrants.role), asc(roleGrants.id))
    .all();
  const rolesOf = new Map<number, string[]>();
  for (const g of grants) {
    const what = g.role === "facilitator" ? "facilitator" : (g.affiliateName ?? g.partnerShortName ?? g.role);
    const list = rolesOf.get(g.userId) ?? [];
    if (!list.includes(what)) list.push(what);
    rolesOf.set(g.userId, list);
  }
  return {
    people: people.map((p) => ({ ...p, label: `${p.name} (${(rolesOf.get(p.id) ?? []).join(", ")})` })),
    truncated,
    q,
  };
}

/** Whether a live grant is held at this table (the People page revokes only its own). */
// every read takes the viewer; the People page's guard (people.manage) has checked it
export function grantHeldAtTable(db: Db, _viewer: Viewer, input: { coalitionId: number; grantId: number }): boolean {
  return db.select({ id: roleGrants.id }).from(roleGrants).where(and(eq(roleGrants.id, input.grantId), grantsAtTable(input.coalitionId))).get() !== undefined;
}

// every read takes the viewer; the route checks the grant belongs to its table
export function getGrant(db: Db, _viewer: Viewer, { grantId }: { grantId: number }) {
  const g = db.select().from(roleGrants).where(eq(roleGrants.id, grantId)).get();
  if (!g) throw new NotFoundError("Role");
  return g;
}

// every read takes the viewer; the route checks the invitation is for its table
export function getInvitation(db: Db, _viewer: Viewer, { invitationId }: { invitationId: number }): Invitation {
  const inv = db.select().from(invitations).where(eq(invitations.id, invitationId)).get();
  if (!inv) throw new NotFoundError("Invitation");
  return inv;
}

/**
 * One page of the instance's people for the admin page (DESIGN.md "Scale"): in name order,
 * filtered in SQL by a name or email search, keyset-paged by (name, id), with the total.
 */
// every read takes the viewer; only the admin page asks (guarded by "admin")
export function pageUsers(db: Db, _viewer: Viewer, input: { q?: string | null; cursor?: Cursor | null; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const k = input.cursor?.key;
  const cursor = input.cursor && k && k.length === 2 && typeof k[0] === "string" && typeof k[1] === "number" ? input.cursor : null;
  const backwards = cursor?.dir === "before";
  const q = input.q?.trim().toLowerCase() || null;
  const where = q ? sql`(instr(lower(${users.name}), ${q}) > 0 or instr(lower(${users.email}), ${q}) > 0)` : undefined;
  const key = sql`(${users.name}, ${users.id})`;
  const keyCond = cursor ? (backwards ? sql`${key} < (${cursor.key[0]}, ${cursor.key[1]})` : sql`${key} > (${cursor.key[0]}, ${cursor.key[1]})`) : undefined;
  const fetched = db
    .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin, isDemo: users.isDemo, disabledAt: users.disabledAt, hasPassword: sql<number>`${users.passwordHash} is not null` })
    .from(users)
    .where(and(where, keyCond))
    .orderBy(...(backwards ? [desc(users.name), desc(users.id)] : [asc(users.name), asc(users.id)]))
    .limit(limit + 1)
    .all();
  const page = keysetPage(fetched, limit, cursor, (u) => [u.name, u.id]);
  const total = db.select({ n: sql<number>`count(*)` }).from(users).where(where).get()?.n ?? 0;
  return { ...page, total };
}

