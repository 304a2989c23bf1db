import "server-only";

/**
 * A Prisma "known request" error with this code (P2002 unique violation, P2028 transaction wait…).
 * Checked by name, not `instanceof`: the PostgreSQL client is generated with its own copy of
 * Prisma's runtime, whose error classes are not the SQLite client's.
 */
export function isPrismaError(error: unknown, code?: string): error is Error & { code: string; meta?: unknown } {
  if (!(error instanceof Error) || error.name !== "PrismaClientKnownRequestError") return false;
  return code === undefined || (error as { code?: unknown }).code === code;
}
