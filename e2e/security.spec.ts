import { expect, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
const E2E_BASE_URL = "http://127.0.0.1:3100";
import { demoUser, signIn } from "./support";

function queryOne<T>(sql: string, ...args: unknown[]): T {
  const sqlite = new Database(path.join(tmpdir(), "stockpilot-e2e", "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).get(...args) as T;
  } finally {
    sqlite.close();
  }
}

test("a sign-in callbackUrl that would leave the site lands on our own page", async ({ page }) => {
  for (const callback of ["/\\evil.example/", "/\t/evil.example", "//evil.example"]) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callback)}`);
    await page.getByLabel("Email").fill(demoUser("planner").email);
    await page.getByLabel("Password").fill("stockpilot-demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
    await page.context().clearCookies();
  }
});

test("a session cookie stops working once its user signs out", async ({ page, playwright }) => {
  // Sign-out writes the revocation, which waits for the write lock behind a running plan's publish.
  test.setTimeout(120_000);
  await signIn(page, "planner");
  const cookies = await page.context().cookies();
  const copied = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: { cookies, origins: [] } });
  expect((await copied.get("/api/v1/exceptions")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/, { timeout: 90_000 });
  expect((await copied.get("/api/v1/exceptions")).status()).toBe(401);
  await copied.dispose();
});

test("an exception outside the viewer's scope is a 404 page, not an empty shell", async ({ page }) => {
  const store = demoUser("store_manager");
  const outside = queryOne<{ id: string }>(
    `SELECT e.id FROM "Exception" e JOIN "Location" l ON l.id = e."locationId"
     WHERE l.code NOT IN (SELECT value FROM "UserScope" s JOIN "User" u ON u.id = s."userId" WHERE u.email = ? AND s.kind = 'STORE') LIMIT 1`,
    store.email,
  );
  await signIn(page, "store_manager");
  const response = await page.goto(`/exceptions/${outside.id}`);
  expect(response?.status()).toBe(404);
});

test("bodies over the route's limit are refused with 413 before they are read; API JSON is no-store", async ({ request, page }) => {
  const twoMegabytes = "x".repeat(2 * 1024 * 1024);
  const decision = await request.post("/api/v1/recommendations/anything/decisions", { data: { comment: twoMegabytes }, headers: { "content-type": "application/json" } });
  expect(decision.status()).toBe(413);
  const auth = await request.post("/api/auth/callback/credentials", { data: `email=a&password=${"p".repeat(100 * 1024)}`, headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(auth.status()).toBe(413);

  await signIn(page, "planner");
  const api = await page.request.get("/api/v1/exceptions");
  expect(api.headers()["cache-control"]).toBe("no-store");
});

async function failSignIn(request: APIRequestContext, email: string, forwardedFor: string): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "wrong-password", json: "true" },
    headers: { "x-forwarded-for": forwardedFor },
    maxRedirects: 0,
  });
  const body = (await response.json()) as { url: string };
  return new URL(body.url).searchParams.get("error") ?? "";
}

test("rotating X-Forwarded-For does not escape the sign-in throttle", async ({ request }) => {
  const errors: string[] = [];
  for (let i = 0; i < 9; i++) errors.push(await failSignIn(request, "nobody@example.test", `198.51.100.${i + 1}`));
  // Five free failures, then waits of 1 s, 2 s, 4 s…: one account + one real address, whatever the header says.
  expect(errors.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
  expect(errors).toContain("throttled");
  const audited = queryOne<{ origin: string }>(`SELECT origin FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' ORDER BY seq DESC LIMIT 1`);
  expect(audited.origin).toBe("web 127.0.0.1");
});

test("the server signs an audit checkpoint by itself once the log moved, with no export or head request", async ({ page }) => {
  await signIn(page, "finance"); // writes auth.signed_in
  const { head } = queryOne<{ head: number }>(`SELECT MAX(seq) AS head FROM "AuditEvent"`);
  const checkpointFile = path.join(tmpdir(), "stockpilot-e2e", "audit-checkpoints.jsonl");
  const latestCheckpointSeq = () =>
    Math.max(
      0,
      ...readFileSync(checkpointFile, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => (JSON.parse(line) as { seq: number }).seq),
    );
  // The e2e server signs every 5 s (STOCKPILOT_AUDIT_CHECKPOINT_SECONDS); the default is 60 s.
  await expect.poll(() => (existsSync(checkpointFile) ? latestCheckpointSeq() : 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(head);
});
