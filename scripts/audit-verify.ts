import { parseArgs } from "node:util";
import { db } from "../lib/server/db";
import { databaseUrl } from "../prisma/database-url";
import { checkpointFile } from "../lib/server/audit/audit-checkpoints";
import { verifyAuditChain } from "../lib/server/audit/verify-audit-chain";

/**
 * `npm run audit:verify [-- --checkpoint FILE]`: recomputes the keyed audit chain and checks it
 * against the latest signed checkpoint (by default the app's checkpoint file; pass a copy kept
 * elsewhere, e.g. one saved from the ERP exports, to check against what was published). Names the
 * first broken record and the kind of tampering; exits 1 when broken, so it can gate a backup or CI.
 */
const { values } = parseArgs({ options: { checkpoint: { type: "string" } } });
const file = values.checkpoint ?? checkpointFile();
const result = await verifyAuditChain(db, { checkpointFile: file });
if (result.status === "intact") {
  const against = result.checkpoint
    ? `checked against the checkpoint of record ${result.checkpoint.seq} signed at ${result.checkpoint.at} (key ${result.checkpoint.keyId}, ${file})`
    : `no checkpoint in ${file}: deletion of the newest records cannot be detected until one is published`;
  const keyed = result.keyedFrom === null ? "no keyed records yet" : `keyed from record ${result.keyedFrom}`;
  console.log(`Audit chain intact: ${result.records} records verified, ${keyed}; ${against} (${databaseUrl()}).`);
} else {
  console.error(`Audit chain BROKEN (${result.kind}) at record ${result.firstBrokenSeq}: ${result.reason}`);
  process.exitCode = 1;
}
await db.$disconnect();
