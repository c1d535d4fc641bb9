/** Thrown by models when an id names nothing; routes turn it into a 404 page. */
export class NotFoundError extends Error {
  constructor(public readonly what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** A model's refusal of valid-looking input, tied to a form field when there is one. */
/**
 * `acknowledge`: the refusal is rule F6's (the person has not acknowledged the member's current
 * policy, or the member has none): the page it names lets them read and acknowledge it, and come back.
 */
export type Refusal = { ok: false; field?: string; message: string; rule?: string; acknowledge?: PolicyToAcknowledge };
export type PolicyToAcknowledge = { coalitionId: number; partnerId: number; partnerName: string; policyId: number | null; version: number | null };
export type Result<T> = ({ ok: true } & T) | Refusal;

/** A refusal tied to a form field ("_form" for the whole form). */
export const refuse = (field: string, message: string): Refusal => ({ ok: false, field, message });

export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && "code" in err && String((err as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT_UNIQUE");
}

/**
 * SQLite could not take its lock in time: another connection (a backup, a migration, a
 * long write) holds it past the busy timeout. Nothing was written; the request may be
 * tried again in a moment.
 */
export function isDatabaseBusy(err: unknown): boolean {
  if (!(err instanceof Error) || !("code" in err)) return false;
  const code = String((err as { code: unknown }).code);
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}
