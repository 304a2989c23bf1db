import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { DEFAULT_DATABASE_URL, databaseDialect, databaseUrl } from "./prisma/database-url";

// A config file stops Prisma from reading .env, and the schema's env("DATABASE_URL") must resolve.
// This config is the SQLite one (PostgreSQL: prisma.postgresql.config.ts).
const url = databaseDialect() === "sqlite" ? databaseUrl() : DEFAULT_DATABASE_URL;
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
