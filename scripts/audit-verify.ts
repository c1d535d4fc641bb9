/** Walks the audit log's hash chain and reports the first broken link (rule F10). */
import { openDb, defaultDatabasePath } from "../db/client";
import { verifyAuditChain } from "~/models/audit.server";

const file = process.argv[2] ?? defaultDatabasePath();
const db = openDb(file);
const result = verifyAuditChain(db);
if (result.ok) {
  console.log(`Audit log intact: ${result.rows} rows verified in ${file}.`);
} else {
  console.error(`Audit log BROKEN at row ${result.brokenAt}: ${result.reason} (${result.rows} rows read) in ${file}.`);
  process.exit(1);
}
