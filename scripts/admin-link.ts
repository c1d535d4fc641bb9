/**
 * The operator's way in on a new instance (no demo accounts): makes the person an instance
 * admin (creating them if new) and prints a one-time link, valid 7 days, where they choose
 * their password. Also the way back in for an admin who lost theirs.
 *
 *   npm run admin:link -- <email> "<name>"   (PUBLIC_URL=https://table.example.org for a full link)
 */
import { defaultDatabasePath, openDb } from "../db/client";
import { createPasswordReset, ensureInstanceAdmin } from "~/models/accounts.server";

const [email, ...nameParts] = process.argv.slice(2);
const name = nameParts.join(" ").trim();
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !name) {
  console.error('Usage: npm run admin:link -- <email> "<full name>"');
  process.exit(2);
}
const db = openDb();
const { user, created, promoted } = ensureInstanceAdmin(db, { email, name });
const { token, invitation } = createPasswordReset(db, { id: user.id, name: user.name }, user.id, "command line");
db.$client.close();
const base = (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
console.log(`${user.name} <${user.email}> is ${created ? "now an instance admin (new account)" : promoted ? "now an instance admin" : "an instance admin"} in ${defaultDatabasePath()}.`);
console.log(`One-time link to choose a password (valid until ${invitation.expiresAt.slice(0, 16).replace("T", " ")} UTC; send it by hand):`);
console.log(`  ${base}/invitations/${token}`);
