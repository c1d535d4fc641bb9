/** Thrown by models when an id names nothing; routes turn it into a 404 page. */
export class NotFoundError extends Error {
  constructor(public readonly what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** A model's refusal of valid-looking input, tied to a form field when there is one. */
export type Refusal = { ok: false; field?: string; message: string; rule?: string };
export type Result<T> = ({ ok: true } & T) | Refusal;

/** A refusal tied to a form field ("_form" for the whole form). */
export const refuse = (field: string, message: string): Refusal => ({ ok: false, field, message });

export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && "code" in err && String((err as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT_UNIQUE");
}
