import { beforeEach, describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { resetLoginRateLimiter, signInWithPassword } from "./sign-in-with-password";
import { signInWithOidc } from "./sign-in-with-oidc";

const PASSWORD = "correct horse battery";

async function auditActions(entityId?: string) {
  const rows = await db.auditEvent.findMany({ where: entityId ? { entityId } : {}, orderBy: { seq: "asc" } });
  return rows.map((r) => r.action);
}

describe("signInWithPassword", () => {
  let userId: string;
  let usersCreated = 0;

  beforeEach(async () => {
    resetLoginRateLimiter();
    process.env.LOGIN_LOCKOUT_THRESHOLD = "3";
    process.env.LOGIN_RATE_LIMIT = "50";
    usersCreated += 1;
    const email = `planner-${usersCreated}@example.test`;
    const user = await db.user.create({
      data: { email, name: "P", role: "planner", passwordHash: await bcrypt.hash(PASSWORD, 4) },
    });
    userId = user.id;
  });

  const emailOf = async () => (await db.user.findUniqueOrThrow({ where: { id: userId } })).email;

  it("signs in with the right password (email case-insensitive), resets counters, audits", async () => {
    await db.user.update({ where: { id: userId }, data: { failedLogins: 2 } });
    const email = (await emailOf()).toUpperCase();
    expect(await signInWithPassword({ email: ` ${email} `, password: PASSWORD, ip: "1.2.3.4" })).toEqual({ status: "ok", userId });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.failedLogins).toBe(0);
    expect(user.lastLoginAt).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: userId, action: "auth.signed_in" } });
    expect(event.origin).toBe("web 1.2.3.4");
    expect(event.actorRole).toBe("planner");
  });

  it("counts failures, locks after the threshold, and refuses even the right password while locked", async () => {
    const email = await emailOf();
    expect((await signInWithPassword({ email, password: "nope", ip: null })).status).toBe("invalid");
    expect((await signInWithPassword({ email, password: "nope", ip: null })).status).toBe("invalid");
    const third = await signInWithPassword({ email, password: "nope", ip: null });
    expect(third.status).toBe("locked");
    expect((await signInWithPassword({ email, password: PASSWORD, ip: null })).status).toBe("locked");
    expect(await auditActions(userId)).toEqual(["auth.sign_in_failed", "auth.sign_in_failed", "auth.locked_out", "auth.sign_in_failed"]);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });

  it("lets the user in again once the lock has expired", async () => {
    await db.user.update({ where: { id: userId }, data: { failedLogins: 3, lockedUntil: new Date(Date.now() - 1000) } });
    expect((await signInWithPassword({ email: await emailOf(), password: PASSWORD, ip: null })).status).toBe("ok");
  });

  it("refuses unknown emails and deactivated accounts the same way, and audits them", async () => {
    expect(await signInWithPassword({ email: "ghost@example.test", password: PASSWORD, ip: null })).toEqual({ status: "invalid" });
    await db.user.update({ where: { id: userId }, data: { active: false } });
    expect(await signInWithPassword({ email: await emailOf(), password: PASSWORD, ip: null })).toEqual({ status: "invalid" });
    const failed = await db.auditEvent.findMany({ where: { action: "auth.sign_in_failed" } });
    expect(failed.map((f) => JSON.parse(f.after!).reason)).toEqual(expect.arrayContaining(["unknown_email", "account_unavailable"]));
  });

  it("rate-limits attempts per email + IP before touching the account", async () => {
    process.env.LOGIN_RATE_LIMIT = "2";
    resetLoginRateLimiter();
    const email = await emailOf();
    await signInWithPassword({ email, password: "x", ip: "9.9.9.9" });
    await signInWithPassword({ email, password: "y", ip: "9.9.9.9" });
    expect((await signInWithPassword({ email, password: PASSWORD, ip: "9.9.9.9" })).status).toBe("rate_limited");
    // Another IP has its own window.
    expect((await signInWithPassword({ email, password: PASSWORD, ip: "8.8.8.8" })).status).toBe("ok");
  });
});

describe("signInWithOidc", () => {
  it("creates a user with the role from the claim, then updates the role on later sign-ins", async () => {
    const first = await signInWithOidc({ email: "Sso.User@Corp.test", name: "Sso User", roleClaim: "buyer", origin: "web" });
    expect(first.status).toBe("ok");
    const user = await db.user.findUniqueOrThrow({ where: { email: "sso.user@corp.test" } });
    expect(user.role).toBe("buyer");
    await signInWithOidc({ email: "sso.user@corp.test", name: null, roleClaim: ["unknown", "finance"], origin: "web" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("finance");
    expect(await auditActions(user.id)).toEqual(["user.created", "auth.signed_in", "user.updated", "auth.signed_in"]);
  });

  it("refuses a missing email, a missing or unknown role, and a deactivated account", async () => {
    expect(await signInWithOidc({ email: null, name: null, roleClaim: "planner", origin: "web" })).toEqual({ status: "refused", reason: "no_email" });
    expect(await signInWithOidc({ email: "a@corp.test", name: null, roleClaim: undefined, origin: "web" })).toEqual({ status: "refused", reason: "no_role" });
    expect(await signInWithOidc({ email: "a@corp.test", name: null, roleClaim: "superuser", origin: "web" })).toEqual({ status: "refused", reason: "no_role" });
    await db.user.create({ data: { email: "gone@corp.test", name: "Gone", role: "planner", active: false } });
    expect(await signInWithOidc({ email: "gone@corp.test", name: null, roleClaim: "planner", origin: "web" })).toEqual({ status: "refused", reason: "inactive" });
  });
});
