import "server-only";
import type { Db } from "../db";
import { GENESIS_HASH, hashAuditContent } from "./audit-hash";

export type AuditChainVerification =
  | { status: "intact"; records: number }
  | { status: "broken"; records: number; firstBrokenSeq: number; reason: string };

const PAGE_SIZE = 5_000;

/** Recomputes the hash chain from the first record and names the first one that does not match. */
export async function verifyAuditChain(db: Db): Promise<AuditChainVerification> {
  let expectedPrevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let records = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: PAGE_SIZE,
    });
    for (const row of page) {
      records++;
      const { hash, ...content } = row;
      if (row.seq !== expectedSeq) {
        return { status: "broken", records, firstBrokenSeq: expectedSeq, reason: `record ${expectedSeq} is missing` };
      }
      if (row.prevHash !== expectedPrevHash) {
        return { status: "broken", records, firstBrokenSeq: row.seq, reason: "previous-hash link does not match" };
      }
      if (hashAuditContent(content) !== hash) {
        return { status: "broken", records, firstBrokenSeq: row.seq, reason: "content does not match its hash" };
      }
      expectedPrevHash = hash;
      expectedSeq++;
    }
    if (page.length < PAGE_SIZE) return { status: "intact", records };
  }
}
