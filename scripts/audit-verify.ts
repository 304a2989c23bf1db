import { db } from "../lib/server/db";
import { databaseUrl } from "../lib/server/database-url";
import { verifyAuditChain } from "../lib/server/audit/verify-audit-chain";

/**
 * `npm run audit:verify`: recomputes the audit log's hash chain and names the first broken record.
 * Exits 1 when the chain is broken, so it can gate a backup or a CI step.
 */
const result = await verifyAuditChain(db);
if (result.status === "intact") {
  console.log(`Audit chain intact: ${result.records} records verified (${databaseUrl()}).`);
} else {
  console.error(`Audit chain BROKEN at record ${result.firstBrokenSeq}: ${result.reason} (${result.records} records read).`);
  process.exitCode = 1;
}
await db.$disconnect();
