import "server-only";
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * Signed checkpoints of the audit chain's head, kept OUT of the database in an append-only JSON
 * Lines file (and shipped with every ERP export), so someone who rewrites the database cannot
 * rewrite what was already published. No "server-only" marker: `npm run audit:verify` reads them.
 */
export const DEFAULT_CHECKPOINT_FILE = path.join(process.cwd(), "data", "audit-checkpoints.jsonl");

export function checkpointFile(): string {
  return process.env.STOCKPILOT_AUDIT_CHECKPOINT_FILE || DEFAULT_CHECKPOINT_FILE;
}

export const ZAuditCheckpoint = z.object({
  /** Sequence number of the newest record covered (0 for an empty log). */
  seq: z.number().int().min(0),
  /** That record's hash. */
  headHash: z.string(),
  /** First record of the keyed chain (earlier ones predate the key); null while no keyed record exists. */
  keyedFrom: z.number().int().positive().nullable(),
  at: z.iso.datetime(),
  keyId: z.string(),
  /** Ed25519 over the canonical JSON of the fields above, base64. */
  signature: z.string(),
});
export type TAuditCheckpoint = z.infer<typeof ZAuditCheckpoint>;

export type UnsignedCheckpoint = Omit<TAuditCheckpoint, "signature">;

function signedBytes(c: UnsignedCheckpoint): Buffer {
  return Buffer.from(JSON.stringify(["stockpilot-audit-checkpoint-v1", c.seq, c.headHash, c.keyedFrom, c.at, c.keyId]));
}

export function signCheckpoint(unsigned: UnsignedCheckpoint, signingKey: KeyObject): TAuditCheckpoint {
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), signingKey).toString("base64") };
}

export function checkpointSignatureValid(checkpoint: TAuditCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    return false;
  }
}

/** One line per checkpoint; O_APPEND keeps concurrent writers' lines whole. */
export function appendCheckpoint(checkpoint: TAuditCheckpoint, file = checkpointFile()): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
}

export type CheckpointLine =
  | { line: number; status: "valid"; checkpoint: TAuditCheckpoint }
  | { line: number; status: "invalid"; reason: string };

/** Every line of a checkpoint file, each parsed and its signature checked; a missing file has none. */
export function readCheckpoints(publicKey: KeyObject, file = checkpointFile()): CheckpointLine[] {
  if (!existsSync(file)) return [];
  return parseCheckpointLines(readFileSync(file, "utf8"), 1, publicKey);
}

/** How much of the checkpoint file's end a new checkpoint is published against (a few hundred lines). */
export const RECENT_CHECKPOINT_BYTES = 64 * 1024;

/**
 * The last lines of a checkpoint file (its final `tailBytes`), parsed and signature-checked like
 * readCheckpoints. Publishing runs every minute and needs only the newest checkpoint: checking every
 * signature of a year of checkpoints (~0.1 ms each) each time would grow without bound. Full
 * verification still reads every line.
 */
export function readRecentCheckpoints(publicKey: KeyObject, file = checkpointFile(), tailBytes = RECENT_CHECKPOINT_BYTES): CheckpointLine[] {
  if (!existsSync(file)) return [];
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - tailBytes);
    const tail = Buffer.alloc(size - start);
    readSync(fd, tail, 0, tail.length, start);
    if (start === 0) return parseCheckpointLines(tail.toString("utf8"), 1, publicKey);
    // The tail starts inside a line: skip to the next whole one, numbering lines as the file does.
    const firstWhole = tail.indexOf(0x0a) + 1;
    const linesBefore = countNewlines(fd, start) + 1;
    return parseCheckpointLines(tail.subarray(firstWhole).toString("utf8"), linesBefore + 1, publicKey);
  } finally {
    closeSync(fd);
  }
}

function countNewlines(fd: number, end: number): number {
  const chunk = Buffer.alloc(1024 * 1024);
  let count = 0;
  for (let position = 0; position < end; position += chunk.length) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, end - position), position);
    for (let i = 0; i < read; i++) if (chunk[i] === 0x0a) count++;
  }
  return count;
}

function parseCheckpointLines(text: string, firstLine: number, publicKey: KeyObject): CheckpointLine[] {
  const out: CheckpointLine[] = [];
  text.split("\n").forEach((lineText, index) => {
    if (lineText.trim() === "") return;
    const line = firstLine + index;
    let json: unknown;
    try {
      json = JSON.parse(lineText);
    } catch {
      out.push({ line, status: "invalid", reason: "not JSON" });
      return;
    }
    const parsed = ZAuditCheckpoint.safeParse(json);
    if (!parsed.success) out.push({ line, status: "invalid", reason: "not a checkpoint" });
    else if (!checkpointSignatureValid(parsed.data, publicKey)) out.push({ line, status: "invalid", reason: "signature does not verify with the audit public key" });
    else out.push({ line, status: "valid", checkpoint: parsed.data });
  });
  return out;
}

/** The valid checkpoint covering the most records (the latest one retained). */
export function latestCheckpoint(lines: CheckpointLine[]): TAuditCheckpoint | null {
  let latest: TAuditCheckpoint | null = null;
  for (const l of lines) {
    if (l.status === "valid" && (!latest || l.checkpoint.seq > latest.seq)) latest = l.checkpoint;
  }
  return latest;
}
