import "server-only";
import type { AuditBreakKind, AuditChainVerification, CheckpointSummary } from "../../contracts/audit";
import type { Db } from "../db";
import { latestCheckpoint, readCheckpoints, type CheckpointLine, type TAuditCheckpoint } from "./audit-checkpoints";
import { auditHashMatches, GENESIS_HASH, isKeyedHash } from "./audit-hash";
import { auditKeys } from "./audit-keys";

export interface VerifyAuditChainOptions {
  /** Checkpoints to verify against; defaults to the configured checkpoint file. */
  checkpointFile?: string;
  checkpoints?: CheckpointLine[];
  /**
   * Verify only from this (already verified and signed) checkpoint on: its record must still carry
   * the signed hash, and everything after it must chain from there. Used before signing a new one.
   */
  from?: TAuditCheckpoint | null;
}

const PAGE_SIZE = 5_000;

function summarize(c: TAuditCheckpoint): CheckpointSummary {
  return { seq: c.seq, at: c.at, keyId: c.keyId };
}

/**
 * Recomputes the chain from the first record: sequence without gaps, each record linked to its
 * predecessor, each hash the audit key's HMAC of the record (records older than the key: their
 * SHA-256, and only before the first keyed one), and every record a signed checkpoint covers equal
 * to the hash it signed. Names the first break and what kind of tampering it shows.
 */
export async function verifyAuditChain(db: Db, options: VerifyAuditChainOptions = {}): Promise<AuditChainVerification> {
  const keys = auditKeys();
  const lines = options.checkpoints ?? readCheckpoints(keys.publicKey, options.checkpointFile);
  const invalid = lines.find((l) => l.status === "invalid");
  if (invalid?.status === "invalid") {
    return {
      status: "broken",
      records: 0,
      firstBrokenSeq: 0,
      kind: "checkpoint_invalid",
      reason: `Checkpoint file line ${invalid.line}: ${invalid.reason}. Compare the file with the copies kept outside (ERP exports).`,
    };
  }
  const checkpoints = lines.flatMap((l) => (l.status === "valid" ? [l.checkpoint] : []));
  const checkpointsAt = new Map<number, TAuditCheckpoint[]>();
  for (const c of checkpoints) checkpointsAt.set(c.seq, [...(checkpointsAt.get(c.seq) ?? []), c]);
  const latest = latestCheckpoint(lines);

  const from = options.from?.seq ? options.from : null;
  if (from) checkpointsAt.set(from.seq, [...(checkpointsAt.get(from.seq) ?? []), from]);
  /** Null: the first record read is the starting checkpoint's, whose predecessor is not read. */
  let expectedPrevHash: string | null = from ? null : GENESIS_HASH;
  let expectedSeq = from ? from.seq : 1;
  let records = from ? from.seq - 1 : 0;
  let keyedFrom: number | null = from ? from.keyedFrom : null;
  /** Last record at which a checkpoint still matched: a consistent rewrite started after it. */
  let lastMatchedCheckpointSeq = 0;
  const broken = (firstBrokenSeq: number, kind: AuditBreakKind, reason: string): AuditChainVerification => ({
    status: "broken",
    records,
    firstBrokenSeq,
    kind,
    reason,
  });

  for (;;) {
    const page = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: PAGE_SIZE });
    for (const row of page) {
      records++;
      const { hash, ...content } = row;
      if (row.seq !== expectedSeq) {
        return broken(expectedSeq, "missing", `Record ${expectedSeq} is missing: it was deleted from the middle of the log.`);
      }
      if (expectedPrevHash !== null && row.prevHash !== expectedPrevHash) {
        return broken(row.seq, "relinked", `Record ${row.seq} does not link to record ${row.seq - 1}: records were removed, inserted or re-ordered.`);
      }
      if (isKeyedHash(hash)) keyedFrom ??= row.seq;
      else if (keyedFrom !== null) {
        return broken(row.seq, "forged", `Record ${row.seq} carries an unkeyed hash after the keyed chain began at record ${keyedFrom}: it was written without the audit key.`);
      }
      if (!auditHashMatches(content, hash, keys.chainKey)) {
        return broken(
          row.seq,
          "forged",
          keyedFrom === null
            ? `Record ${row.seq}'s content does not match its hash: it was edited.`
            : `Record ${row.seq}'s hash is not the audit key's signature of its content: it was edited, or forged without the key.`,
        );
      }
      for (const c of checkpointsAt.get(row.seq) ?? []) {
        const keyedFromDiffers = c.keyedFrom !== null && c.keyedFrom !== keyedFrom;
        if (c.headHash !== hash || keyedFromDiffers) {
          return broken(
            lastMatchedCheckpointSeq + 1,
            "rewritten",
            `Records ${lastMatchedCheckpointSeq + 1}–${row.seq} were rewritten: record ${row.seq} differs from the checkpoint signed at ${c.at}.`,
          );
        }
        lastMatchedCheckpointSeq = row.seq;
      }
      expectedPrevHash = hash;
      expectedSeq++;
    }
    if (page.length < PAGE_SIZE) break;
  }

  if (latest && records < latest.seq) {
    if (records === 0) {
      return broken(1, "deleted", `The log is empty, but the checkpoint signed at ${latest.at} covers ${latest.seq} records: every record was deleted.`);
    }
    return broken(
      records + 1,
      "truncated",
      `The log ends at record ${records}, but the checkpoint signed at ${latest.at} covers records up to ${latest.seq}: records ${records + 1}–${latest.seq} were deleted from the end.`,
    );
  }
  const headHash = expectedPrevHash === GENESIS_HASH ? "" : (expectedPrevHash ?? from?.headHash ?? "");
  return { status: "intact", records, headHash, keyedFrom, checkpoint: latest ? summarize(latest) : null };
}
