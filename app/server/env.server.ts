import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defaultDatabasePath } from "../../db/client";

/**
 * APP_ENV=production marks a real deployment: Secure cookies, no demo passwords printed,
 * and the server refuses to start while demo accounts exist (unless ALLOW_DEMO_USERS=1).
 * `npm start` on a laptop is the demo, so it is not production.
 */
export function isProduction(): boolean {
  return process.env.APP_ENV === "production";
}

let secret: string | undefined;

/** SESSION_SECRET, else one generated once into the data directory (never committed). */
export function sessionSecret(): string {
  if (secret) return secret;
  if (process.env.SESSION_SECRET) return (secret = process.env.SESSION_SECRET);
  const dbPath = defaultDatabasePath();
  if (dbPath === ":memory:") return (secret = randomBytes(32).toString("hex"));
  const file = path.join(path.dirname(path.resolve(dbPath)), ".session-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  } catch {
    // generated below
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  secret = randomBytes(32).toString("hex");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
