import "server-only";
import type { Db } from "../db";
import { AppError } from "../app-error";
import { appendCheckpoint, checkpointFile, latestCheckpoint, readRecentCheckpoints, signCheckpoint, type TAuditCheckpoint } from "./audit-checkpoints";
import { auditKeys } from "./audit-keys";
import { verifyAuditChain } from "./verify-audit-chain";
import { type AuditChainVerification } from "../../contracts/audit";

export type CheckpointPublication =
  | { status: "published" | "unchanged"; checkpoint: TAuditCheckpoint; publicKey: string }
  | { status: "broken"; verification: Extract<AuditChainVerification, { status: "broken" }> };

/**
 * Signs the current head of the audit chain and appends it to the checkpoint file — after checking
 * that every record since the previous checkpoint chains from it (and that the file's recent lines
 * carry valid signatures), so a checkpoint never blesses a tampered log. Unchanged head: the
 * previous checkpoint is returned and nothing is written.
 */
export async function publishAuditCheckpoint(db: Db, file = checkpointFile(), now = new Date()): Promise<CheckpointPublication> {
  const keys = auditKeys();
  const lines = readRecentCheckpoints(keys.publicKey, file);
  const previous = latestCheckpoint(lines);
  const verification = await verifyAuditChain(db, { checkpoints: lines, from: previous });
  if (verification.status === "broken") return { status: "broken", verification };

  // Sign exactly the head that was verified, not one a concurrent writer appended since.
  if (previous && previous.seq === verification.records) return { status: "unchanged", checkpoint: previous, publicKey: keys.publicKeyBase64 };
  const checkpoint = signCheckpoint(
    { seq: verification.records, headHash: verification.headHash, keyedFrom: verification.keyedFrom, at: now.toISOString(), keyId: keys.keyId },
    keys.signingKey,
  );
  appendCheckpoint(checkpoint, file);
  return { status: "published", checkpoint, publicKey: keys.publicKeyBase64 };
}

/**
 * The current signed checkpoint, published if the head moved; refuses (409) while the log fails
 * verification, so nothing that depends on the audit trail ships on top of a tampered one.
 */
export async function requireAuditCheckpoint(db: Db): Promise<TAuditCheckpoint> {
  const publication = await publishAuditCheckpoint(db);
  if (publication.status === "broken") {
    throw new AppError("CONFLICT", `The audit log fails verification (${publication.verification.kind}): ${publication.verification.reason} An admin must investigate before this can proceed.`);
  }
  return publication.checkpoint;
}
