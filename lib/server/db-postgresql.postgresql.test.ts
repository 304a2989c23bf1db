/**
 * PostgreSQL only (npm run test:postgresql): the migration runner, the migrations kept in step with
 * the schema, the audit log's append-only triggers, and the write lock writers share.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { adminUrl, testDatabaseUrl } from "../test/postgresql-test-databases";
import { recordAuditEvent } from "./audit/record-audit-event";
import { verifyAuditChain } from "./audit/verify-audit-chain";
import { db } from "./db";
import { migratePostgresql, POSTGRESQL_MIGRATIONS_DIR } from "./db-migrate-postgresql";
import { isAppError } from "./app-error";
import { runWriteTransaction } from "./write-transaction";
import { SYSTEM_ACTOR, userActor } from "./actor";
import { commentOnException } from "./exceptions/comment-on-exception";
import { TokenBuckets } from "./tokens/token-rate-limit";
import { createException, createUser } from "../test/factories";

const prefix = process.env.STOCKPILOT_TEST_POSTGRES_PREFIX!;
let made = 0;
async function emptyDatabase(): Promise<string> {
  const name = `${prefix}_m${made++}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return testDatabaseUrl(adminUrl(), name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns (type, nullability, default), indexes and constraints: what a migration shapes. */
async function catalog(url: string): Promise<string[]> {
  const columns = await query<{ line: string }>(
    url,
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const indexes = await query<{ line: string }>(url, `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
  const constraints = await query<{ line: string }>(
    url,
    `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`,
  );
  const triggers = await query<{ line: string }>(url, `SELECT tgrelid::regclass || ' ' || tgname AS line FROM pg_trigger WHERE NOT tgisinternal`);
  return [...columns, ...indexes, ...constraints, ...triggers].map((row) => row.line).sort();
}

afterAll(async () => {
  await db.$disconnect();
});

describe("PostgreSQL migration runner", () => {
  it("applies every migration once, records it in _prisma_migrations, and applies nothing the second time", async () => {
    const url = await emptyDatabase();
    const first = await migratePostgresql(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await migratePostgresql(url)).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const recorded = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`);
    expect(recorded.map((row) => row.migration_name)).toEqual(first.applied);
  });

  it("lets concurrent migrators take turns: each migration is applied exactly once", async () => {
    const url = await emptyDatabase();
    const [a, b, c] = await Promise.all([migratePostgresql(url), migratePostgresql(url), migratePostgresql(url)]);
    const applied = [a!, b!, c!].flatMap((report) => report.applied);
    expect(applied.length).toBe(new Set(applied).size);
    expect(applied.length).toBe(Math.max(a!.alreadyApplied, b!.alreadyApplied, c!.alreadyApplied, a!.applied.length));
    expect((await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`))[0]!.n).toBe(String(applied.length));
  });

  it("rolls a failing migration back whole, names it, and refuses an applied migration that was edited", async () => {
    const url = await emptyDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "pg-migrations-"));
    cpSync(POSTGRESQL_MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, "9999_broken"));
    writeFileSync(path.join(dir, "9999_broken", "migration.sql"), `CREATE TABLE "HalfDone" ("id" INTEGER);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n`);
    await expect(migratePostgresql(url, dir)).rejects.toThrow(/Migration 9999_broken failed and was rolled back: .*NoSuchTable/);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'HalfDone'`)).toEqual([]);
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '9999_broken'`)).toEqual([]);

    writeFileSync(path.join(dir, "9999_broken", "migration.sql"), `CREATE TABLE "Later" ("id" INTEGER);\n`);
    expect((await migratePostgresql(url, dir)).applied).toEqual(["9999_broken"]);
    writeFileSync(path.join(dir, "9999_broken", "migration.sql"), `CREATE TABLE "Later" ("id" BIGINT);\n`);
    await expect(migratePostgresql(url, dir)).rejects.toThrow(/9999_broken was changed after it was applied/);
  });

  it("keeps the migrations in step with prisma/schema.prisma: the migrated catalog equals the schema's", async () => {
    const migrated = await emptyDatabase();
    await migratePostgresql(migrated);
    const fromSchema = await emptyDatabase();
    const sql = execFileSync(
      path.join("node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--config", "prisma.postgresql.config.ts", "--from-empty", "--to-schema-datamodel", path.join("prisma", "postgresql", "schema.prisma"), "--script"],
      { env: { ...process.env, DATABASE_URL: fromSchema }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    await query(fromSchema, sql);
    const expected = await catalog(fromSchema);
    // The triggers are the migrations' own addition (the schema cannot express them).
    const actual = (await catalog(migrated)).filter((line) => !/AuditEvent_refuse/.test(line));
    expect(actual).toEqual(expected);
  }, 60_000);
});

describe("audit log on PostgreSQL", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of an audit record, and the chain stays intact", async () => {
    const actor = { id: null, role: "admin", scopes: [] } as const;
    const records = await db.auditEvent.count();
    await db.$transaction((tx) => recordAuditEvent(tx, { actor, action: "user.updated", entityType: "User", entityId: "pg-1", after: { entityId: "pg-1" } }));
    const url = process.env.DATABASE_URL!;
    await expect(query(url, `UPDATE "AuditEvent" SET "entityId" = 'forged'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(query(url, `DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(query(url, `TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact", records: records + 1 });
  });
});

describe("write lock on PostgreSQL", () => {
  it("makes writers take turns (read, then write, never interleaved) and answers 503 when it cannot get the lock", async () => {
    // Two read-modify-write transactions at once: under the lock the second sees the first's write.
    const bump = () =>
      runWriteTransaction(db, async (tx) => {
        const current = await tx.loginThrottle.findUnique({ where: { key: "pg-lock" } });
        await new Promise((resolve) => setTimeout(resolve, 300));
        return tx.loginThrottle.upsert({
          where: { key: "pg-lock" },
          create: { key: "pg-lock", failures: 1, lastFailureAt: new Date(0) },
          update: { failures: (current?.failures ?? 0) + 1 },
        });
      });
    await Promise.all([bump(), bump(), bump()]);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: "pg-lock" } })).failures).toBe(3);

    // Another process holding the lock past the wait: the writer gives up with a retryable 503.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL! });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock(7314200017)");
    try {
      const error = await runWriteTransaction(db, (tx) => tx.loginThrottle.count(), { retries: 0 }).catch((e: unknown) => e);
      expect(isAppError(error) && { status: error.status, retryAfter: error.retryAfterSeconds }).toEqual({ status: 503, retryAfter: 5 });
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  }, 30_000);
});

describe("keyed writers on PostgreSQL", () => {
  /** Settles with "pending" when `promise` has not settled within `ms`. */
  const within = <T,>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), ms))]);
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it("lets a comment and an API token's rate bucket commit while a planning writer (a publish) holds its lock, until it audits", async () => {
    const planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
    const exception = await createException();
    const actor = userActor(planner, "test");
    const beforeAudit = gate();
    const afterAudit = gate();
    const audited = gate();
    const publish = runWriteTransaction(db, async (tx) => {
      await beforeAudit.opened;
      await recordAuditEvent(tx, { actor: SYSTEM_ACTOR, action: "plan_run.succeeded", entityType: "PlanRun", entityId: "pg-keyed" });
      audited.open();
      await afterAudit.opened;
    }, { timeout: 60_000 });

    // Before the publish's audit records: neither the comment nor the throttle row waits for it.
    await expect(within(commentOnException(db, actor, exception.id, { body: "while the plan publishes" }), 5_000)).resolves.toBeUndefined();
    const bucket = new TokenBuckets({ db, capacity: 5, refillPerSecond: 0, now: () => 0 });
    await expect(within(bucket.take("pg-token"), 5_000)).resolves.toEqual({ allowed: true });
    // Another planning writer does wait.
    const decision = runWriteTransaction(db, (tx) => tx.exception.update({ where: { id: exception.id }, data: { version: { increment: 1 } } }));
    expect(await within(decision, 1_000)).toBe("pending");

    // From the publish's audit records on, an audited keyed writer waits for its commit, and the chain stays one chain.
    beforeAudit.open();
    await audited.opened;
    const lateComment = commentOnException(db, actor, exception.id, { body: "after the publish audited" });
    expect(await within(lateComment, 1_000)).toBe("pending");
    afterAudit.open();
    await Promise.all([publish, decision, lateComment]);
    const actions = (await db.auditEvent.findMany({ where: { OR: [{ entityId: exception.id }, { entityId: "pg-keyed" }] }, orderBy: { seq: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["exception.commented", "plan_run.succeeded", "exception.commented"]);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  }, 60_000);

  it("makes writers of the same key take turns: 20 concurrent takes from a 10-request bucket allow exactly 10", async () => {
    const bucket = new TokenBuckets({ db, capacity: 10, refillPerSecond: 0, now: () => 0 });
    const decisions = await Promise.all(Array.from({ length: 20 }, () => bucket.take("pg-burst")));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    expect((await db.tokenRateBucket.findUniqueOrThrow({ where: { tokenId: "pg-burst" } })).tokens).toBe(0);
  }, 60_000);
});
