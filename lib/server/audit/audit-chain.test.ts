import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { db } from "../db";
import { checkpointFile, readCheckpoints, readRecentCheckpoints } from "./audit-checkpoints";
import { hashAuditContent, keyedAuditHash, type AuditContent } from "./audit-hash";
import { auditKeys, deriveAuditKeys } from "./audit-keys";
import { publishAuditCheckpoint } from "./publish-audit-checkpoint";
import { recordAuditEvent } from "./record-audit-event";
import { checkpointIntervalMs, startAuditCheckpoints } from "./start-audit-checkpoints";
import { verifyAuditChain } from "./verify-audit-chain";

const actor = { id: "u-admin", role: "admin", scopes: [] } as const;

async function append(...entityIds: string[]) {
  for (const entityId of entityIds) {
    await db.$transaction((tx) => recordAuditEvent(tx, { actor, action: "user.updated", entityType: "User", entityId, after: { entityId } }));
  }
}

/** What an attacker with write access to the database file does: drop the triggers, then edit freely. */
function attacker() {
  const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
  raw.exec(`DROP TRIGGER IF EXISTS "AuditEvent_refuse_update"; DROP TRIGGER IF EXISTS "AuditEvent_refuse_delete";`);
  return raw;
}

type Row = AuditContent & { hash: string; at: string | number };

function rowsOf(raw: Database.Database): (AuditContent & { hash: string })[] {
  return (raw.prepare(`SELECT * FROM "AuditEvent" ORDER BY seq`).all() as Row[]).map((r) => ({ ...r, at: new Date(r.at) }));
}

/** Re-hashes every record from `fromSeq` on with `hash`, keeping each link consistent. */
function rehashFrom(raw: Database.Database, fromSeq: number, hash: (c: AuditContent) => string) {
  const rows = rowsOf(raw);
  let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? "0".repeat(64);
  for (const row of rows.filter((r) => r.seq >= fromSeq)) {
    const { hash: _old, ...content } = row;
    const next = hash({ ...content, prevHash: prev });
    raw.prepare(`UPDATE "AuditEvent" SET "prevHash" = ?, "hash" = ? WHERE seq = ?`).run(prev, next, row.seq);
    prev = next;
  }
}

beforeEach(async () => {
  const raw = attacker();
  raw.exec(`DELETE FROM "AuditEvent"`);
  raw.close();
  writeFileSync(checkpointFile(), "");
});

describe("audit chain", () => {
  it("verifies an untouched chain and refuses UPDATE and DELETE", async () => {
    await append("a", "b", "c");
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact", records: 3, keyedFrom: 1, checkpoint: null });
    const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    raw.exec(`CREATE TRIGGER IF NOT EXISTS "AuditEvent_refuse_update" BEFORE UPDATE ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only: UPDATE refused'); END;`);
    raw.exec(`CREATE TRIGGER IF NOT EXISTS "AuditEvent_refuse_delete" BEFORE DELETE ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only: DELETE refused'); END;`);
    expect(() => raw.prepare(`UPDATE "AuditEvent" SET reason = 'x' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM "AuditEvent" WHERE seq = 2`).run()).toThrow(/append-only/);
    raw.close();
  });

  it("names a record edited behind the triggers' back", async () => {
    await append("a", "b", "c");
    const raw = attacker();
    raw.prepare(`UPDATE "AuditEvent" SET "after" = '{"entityId":"forged"}' WHERE seq = 2`).run();
    raw.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", firstBrokenSeq: 2, kind: "forged" });
  });

  it("names an edit re-hashed through the end of the chain without the key (the unkeyed attack that used to pass)", async () => {
    await append("a", "b", "c");
    const raw = attacker();
    raw.prepare(`UPDATE "AuditEvent" SET "after" = '{"entityId":"forged"}' WHERE seq = 2`).run();
    const guessedKey = deriveAuditKeys(randomBytes(32).toString("base64")).chainKey;
    rehashFrom(raw, 2, (c) => keyedAuditHash(c, guessedKey));
    raw.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", firstBrokenSeq: 2, kind: "forged" });
  });

  it("names a forged append whose hash is a valid SHA-256 of its content", async () => {
    await append("a", "b");
    const raw = attacker();
    const [, last] = rowsOf(raw);
    const forged: AuditContent = { ...last!, seq: 3, at: new Date(), action: "decision.approved", entityId: "r-1", prevHash: last!.hash };
    raw
      .prepare(`INSERT INTO "AuditEvent" (seq, at, actorId, actorRole, action, entityType, entityId, "before", "after", reason, planRunId, policyVersion, origin, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(3, forged.at.getTime(), forged.actorId, forged.actorRole, forged.action, forged.entityType, forged.entityId, forged.before, forged.after, forged.reason, forged.planRunId, forged.policyVersion, forged.origin, forged.prevHash, hashAuditContent(forged));
    raw.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", firstBrokenSeq: 3, kind: "forged" });
  });

  it("names tail truncation and the deletion of every record against the latest signed checkpoint", async () => {
    await append("a", "b", "c", "d");
    expect(await publishAuditCheckpoint(db)).toMatchObject({ status: "published", checkpoint: { seq: 4 } });
    const raw = attacker();
    raw.prepare(`DELETE FROM "AuditEvent" WHERE seq > 2`).run();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", kind: "truncated", firstBrokenSeq: 3, records: 2 });
    raw.prepare(`DELETE FROM "AuditEvent"`).run();
    raw.close();
    const emptied = await verifyAuditChain(db);
    expect(emptied).toMatchObject({ status: "broken", kind: "deleted", records: 0 });
    expect(emptied.status === "broken" && emptied.reason).toMatch(/every record was deleted/);
  });

  it("names a consistent rewrite made WITH the key, against the checkpoint signed before it", async () => {
    await append("a", "b", "c");
    await publishAuditCheckpoint(db);
    await append("d");
    const raw = attacker();
    raw.prepare(`UPDATE "AuditEvent" SET "after" = '{"entityId":"rewritten"}' WHERE seq = 2`).run();
    rehashFrom(raw, 2, (c) => keyedAuditHash(c, auditKeys().chainKey));
    raw.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", kind: "rewritten", firstBrokenSeq: 1 });
    // Nor does the app sign a new checkpoint over it.
    expect(await publishAuditCheckpoint(db)).toMatchObject({ status: "broken" });
  });

  it("refuses a checkpoint file whose line was edited, and verifies against a copy kept elsewhere", async () => {
    await append("a", "b");
    await publishAuditCheckpoint(db);
    const kept = `${checkpointFile()}.kept`;
    copyFileSync(checkpointFile(), kept);
    const line = JSON.parse(readFileSync(checkpointFile(), "utf8").trim());
    writeFileSync(checkpointFile(), `${JSON.stringify({ ...line, seq: 1 })}\n`);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", kind: "checkpoint_invalid" });
    // The attacker empties the app's own file and truncates the log: the kept copy still names it.
    writeFileSync(checkpointFile(), "");
    const raw = attacker();
    raw.prepare(`DELETE FROM "AuditEvent" WHERE seq = 2`).run();
    raw.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact", records: 1 });
    expect(await verifyAuditChain(db, { checkpointFile: kept })).toMatchObject({ status: "broken", kind: "truncated" });
  });

  it("keeps records written before the key verifiable as an unkeyed prefix, and refuses unkeyed records after it", async () => {
    await append("a", "b", "c");
    const raw = attacker();
    rehashFrom(raw, 1, hashAuditContent); // the database as the previous release left it
    raw.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact", records: 3, keyedFrom: null });
    await append("d", "e");
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact", records: 5, keyedFrom: 4 });
    const checkpoint = await publishAuditCheckpoint(db);
    expect(checkpoint).toMatchObject({ status: "published", checkpoint: { seq: 5, keyedFrom: 4 } });

    const downgrade = attacker();
    rehashFrom(downgrade, 5, hashAuditContent);
    downgrade.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", kind: "forged", firstBrokenSeq: 5 });
  });

  it("publishes a checkpoint only when the head moved, each line signed", async () => {
    await append("a");
    expect((await publishAuditCheckpoint(db)).status).toBe("published");
    expect((await publishAuditCheckpoint(db)).status).toBe("unchanged");
    await append("b");
    expect((await publishAuditCheckpoint(db)).status).toBe("published");
    const lines = readCheckpoints(auditKeys().publicKey);
    expect(lines.map((l) => l.status === "valid" && l.checkpoint.seq)).toEqual([1, 2]);
  });

  it("npm run audit:verify names truncation against --checkpoint FILE and exits 1", async () => {
    await append("a", "b", "c");
    await publishAuditCheckpoint(db);
    const kept = `${checkpointFile()}.cli`;
    copyFileSync(checkpointFile(), kept);
    const raw = attacker();
    raw.prepare(`DELETE FROM "AuditEvent" WHERE seq = 3`).run();
    raw.close();
    writeFileSync(checkpointFile(), "");
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/audit-verify.ts", "--checkpoint", kept], { stdio: "pipe", env: process.env });
    } catch (error) {
      failure = { status: (error as { status: number }).status, stderr: String((error as { stderr: Buffer }).stderr) };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toMatch(/BROKEN \(truncated\) at record 3/);
  });

  it("signs a checkpoint every interval while the head moves, so records deleted from the end after it are named", async () => {
    await append("a", "b", "c");
    const stop = startAuditCheckpoints({ intervalMs: 50 });
    try {
      const coveredSeq = async (seq: number) => {
        for (let waited = 0; waited < 10_000; waited += 50) {
          const latest = readCheckpoints(auditKeys().publicKey).at(-1);
          if (latest?.status === "valid" && latest.checkpoint.seq === seq) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`no checkpoint covering record ${seq} within 10 s`);
      };
      await coveredSeq(3);
      await append("d");
      await coveredSeq(4);
    } finally {
      stop();
    }
    // Nobody exported or asked for the head: the periodic checkpoint alone exposes the truncation.
    const raw = attacker();
    raw.prepare(`DELETE FROM "AuditEvent" WHERE seq = 4`).run();
    raw.close();
    expect(await verifyAuditChain(db)).toMatchObject({ status: "broken", kind: "truncated", firstBrokenSeq: 4 });
    // Unchanged heads add no lines: one per move of the head.
    expect(readCheckpoints(auditKeys().publicKey).map((l) => l.status === "valid" && l.checkpoint.seq)).toEqual([3, 4]);
  });

  it("reads the interval from STOCKPILOT_AUDIT_CHECKPOINT_SECONDS and refuses one that would leave the window open", () => {
    expect(checkpointIntervalMs(undefined)).toBe(60_000);
    expect(checkpointIntervalMs("15")).toBe(15_000);
    expect(() => checkpointIntervalMs("0")).toThrow(/from 5 to 3600/);
    expect(() => checkpointIntervalMs("86400")).toThrow(/from 5 to 3600/);
    expect(() => checkpointIntervalMs("ten")).toThrow(/not "ten"/);
  });

  it("publishes against the file's recent lines only (numbered as in the file), and refuses when one of them was edited", async () => {
    for (const id of ["a", "b", "c", "d", "e", "f"]) {
      await append(id);
      await publishAuditCheckpoint(db);
    }
    const { publicKey } = auditKeys();
    const all = readCheckpoints(publicKey);
    const lineBytes = readFileSync(checkpointFile(), "utf8").split("\n")[0]!.length + 1;
    const recent = readRecentCheckpoints(publicKey, checkpointFile(), Math.round(lineBytes * 2.5));
    expect(recent).toEqual(all.slice(-2));
    expect(recent.map((l) => l.line)).toEqual([5, 6]);

    const lines = readFileSync(checkpointFile(), "utf8").trim().split("\n");
    const edited = { ...JSON.parse(lines.at(-1)!), at: new Date(0).toISOString() };
    writeFileSync(checkpointFile(), `${[...lines.slice(0, -1), JSON.stringify(edited)].join("\n")}\n`);
    await append("g");
    expect(await publishAuditCheckpoint(db)).toMatchObject({ status: "broken", verification: { kind: "checkpoint_invalid", reason: expect.stringMatching(/^Checkpoint file line 6:/) } });
  });
});
