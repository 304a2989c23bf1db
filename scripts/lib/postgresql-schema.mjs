// The PostgreSQL variant of prisma/schema.prisma: the same models with the provider swapped and the
// client generated beside the SQLite one. Derived, never edited by hand (prisma/postgresql/ is not
// committed); plain JavaScript because `npm install` runs it before tsx is there.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const POSTGRESQL_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");

/** The PostgreSQL schema text for a SQLite schema text. */
export function toPostgresqlSchema(sqliteSchema) {
  const provider = /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/;
  const generator = /(generator client \{[^}]*?)(\n\})/;
  if (!provider.test(sqliteSchema) || !generator.test(sqliteSchema)) throw new Error("prisma/schema.prisma: expected a sqlite datasource and a client generator");
  return (
    "// GENERATED from prisma/schema.prisma by scripts/lib/postgresql-schema.mjs — do not edit.\n" +
    sqliteSchema.replace(provider, '$1"postgresql"').replace(generator, '$1\n  output          = "../../node_modules/.prisma/client-postgresql"$2')
  );
}

/** Writes the PostgreSQL variant of `from` to `to` (default: prisma/postgresql/schema.prisma). */
export function writePostgresqlSchema(from = path.join("prisma", "schema.prisma"), to = POSTGRESQL_SCHEMA) {
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileSync(to, toPostgresqlSchema(readFileSync(from, "utf8")));
  return to;
}
