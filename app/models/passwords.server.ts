import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/** scrypt parameters; stored beside each hash so they can be raised later. */
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 64;


export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize("NFKC"), salt, KEYLEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** Compares in constant time; a malformed stored hash never matches. */
export function verifyPassword(password: string, stored: string | null): boolean {
  const parts = (stored ?? DUMMY).split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltB64, hashB64] = parts;
  const expected = Buffer.from(hashB64, "base64");
  const salt = Buffer.from(saltB64, "base64");
  // An empty or truncated hash would compare equal to a zero-length key: never a match.
  if (expected.length < 16 || salt.length < 8) return false;
  let actual: Buffer;
  try {
    actual = scryptSync(password.normalize("NFKC"), salt, expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 64 * 1024 * 1024,
    });
  } catch {
    return false; // parameters scrypt refuses (N not a power of two, NaN, too much memory)
  }
  return timingSafeEqual(actual, expected) && stored !== null;
}

/**
 * Used when the email is unknown, so a wrong email costs the same time as a wrong password:
 * the same parameters, salt and key sizes as a real hash, so verifying against it runs the
 * same scrypt. Made of random bytes rather than hashed at start (which cost every server
 * process a scrypt run and its 32 MB at start; issue 11's cold start).
 */
const DUMMY = `scrypt$${N}$${R}$${P}$${randomBytes(16).toString("base64")}$${randomBytes(KEYLEN).toString("base64")}`;
