import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { db } from "../db";
import { recordAuditEvent } from "./record-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";

const actor = { userId: "u-admin", role: "admin" };

async function appendThree() {
  for (const entityId of ["a", "b", "c"]) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, { actor, action: "user.updated", entityType: "User", entityId, after: { entityId } }),
    );
  }
}

function rawConnection() {
  return new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
}

describe("audit chain", () => {
  it("verifies an untouched chain and refuses UPDATE and DELETE", async () => {
    await appendThree();
    expect(await verifyAuditChain(db)).toEqual({ status: "intact", records: 3 });
    const raw = rawConnection();
    expect(() => raw.prepare(`UPDATE "AuditEvent" SET reason = 'x' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`DELETE FROM "AuditEvent" WHERE seq = 2`).run()).toThrow(/append-only/);
    raw.close();
  });

  it("names the first record whose content was edited behind the triggers' back", async () => {
    const raw = rawConnection();
    raw.exec(`DROP TRIGGER "AuditEvent_refuse_update"`);
    raw.prepare(`UPDATE "AuditEvent" SET "after" = '{"entityId":"forged"}' WHERE seq = 2`).run();
    raw.close();
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ status: "broken", firstBrokenSeq: 2, reason: "content does not match its hash" });
  });
});
