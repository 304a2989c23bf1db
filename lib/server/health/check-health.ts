import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { databaseDialect } from "../../../prisma/database-url";

export type HealthReport =
  | { status: "ok"; database: "ok"; migrations: number; pendingMigrations: number; checkedAt: string }
  | { status: "unavailable"; database: "unreachable" | "not_migrated"; checkedAt: string };

/** Migrations shipped with this build for the database in use (folders under prisma/migrations or prisma/migrations-postgresql). */
function shippedMigrations(): number | null {
  try {
    const dir = path.join(process.cwd(), "prisma", databaseDialect() === "postgresql" ? "migrations-postgresql" : "migrations");
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  } catch {
    return null;
  }
}

/** Answers once the database replies and has at least one applied migration. */
export async function checkHealth(db: Db): Promise<HealthReport> {
  const checkedAt = new Date().toISOString();
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return { status: "unavailable", database: "unreachable", checkedAt };
  }
  let applied: number;
  try {
    const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = Number(rows[0]?.n ?? 0);
  } catch {
    return { status: "unavailable", database: "not_migrated", checkedAt };
  }
  if (applied === 0) return { status: "unavailable", database: "not_migrated", checkedAt };
  const shipped = shippedMigrations();
  return {
    status: "ok",
    database: "ok",
    migrations: applied,
    pendingMigrations: shipped === null ? 0 : Math.max(0, shipped - applied),
    checkedAt,
  };
}
