/** The throwaway PostgreSQL server the PostgreSQL test run uses (a superuser URL). */
export function adminUrl(): string {
  const url = process.env.STOCKPILOT_TEST_POSTGRES_URL;
  if (!url) throw new Error("STOCKPILOT_TEST_POSTGRES_URL is not set: run the PostgreSQL tests with `npm run test:postgresql` (it starts a throwaway server).");
  return url;
}

/** The same server, another database. */
export function testDatabaseUrl(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}
