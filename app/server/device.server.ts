import { createCookie } from "@remix-run/node";
import { isProduction, sessionSecret } from "./env.server";

/**
 * The device cookie (OWASP's "device cookies" against lockout): a signed list of the people
 * who have signed in on this browser. Sign-in asks it so that failures a stranger piles up,
 * at the same address or against the same account elsewhere, do not lock out a person on a
 * browser they have used before. It carries user ids only, never a session.
 */
export const DEVICE_COOKIE = "__coalition_device";
const KEEP = 10;

let cookie: ReturnType<typeof createCookie> | undefined;
function deviceCookie() {
  cookie ??= createCookie(DEVICE_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    maxAge: 365 * 86_400,
    secrets: [sessionSecret()],
  });
  return cookie;
}

/** The people who have signed in on this browser (a forged or unreadable cookie names nobody). */
export async function knownUserIds(request: Request): Promise<number[]> {
  let value: unknown;
  try {
    value = await deviceCookie().parse(request.headers.get("Cookie"));
  } catch {
    return [];
  }
  const ids = (value as { u?: unknown } | null)?.u;
  return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id) && id > 0).slice(0, KEEP) : [];
}

/** The Set-Cookie value that adds this person to the browser's list (most recent first). */
export async function rememberDevice(request: Request, userId: number): Promise<string> {
  const ids = [userId, ...(await knownUserIds(request)).filter((id) => id !== userId)].slice(0, KEEP);
  return deviceCookie().serialize({ u: ids });
}
