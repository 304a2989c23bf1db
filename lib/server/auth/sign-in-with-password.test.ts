import { beforeEach, describe, expect, it, vi } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { updateUser } from "../users/update-user";
import { signInWithPassword } from "./sign-in-with-password";
import { signInWithOidc } from "./sign-in-with-oidc";

const PASSWORD = "correct horse battery";

async function auditActions(entityId?: string) {
  const rows = await db.auditEvent.findMany({ where: entityId ? { entityId } : {}, orderBy: { seq: "asc" } });
  return rows.map((r) => r.action);
}

/** Moves the throttle's clock: every wait recorded so far has passed. */
async function letWaitsPass() {
  await db.loginThrottle.updateMany({ data: { blockedUntil: new Date(Date.now() - 1) } });
}

describe("signInWithPassword", () => {
  let userId: string;
  let usersCreated = 0;

  beforeEach(async () => {
    process.env.LOGIN_FREE_FAILURES = "3";
    process.env.LOGIN_ADDRESS_FREE_FAILURES = "50";
    await db.loginThrottle.deleteMany();
    usersCreated += 1;
    const email = `planner-${usersCreated}@example.test`;
    const user = await db.user.create({
      data: { email, name: "P", role: "planner", passwordHash: await bcrypt.hash(PASSWORD, 4) },
    });
    userId = user.id;
  });

  const emailOf = async () => (await db.user.findUniqueOrThrow({ where: { id: userId } })).email;

  it("signs in with the right password (email case-insensitive) and audits", async () => {
    const email = (await emailOf()).toUpperCase();
    expect(await signInWithPassword(db, { email: ` ${email} `, password: PASSWORD, ip: "1.2.3.4" })).toEqual({ status: "ok", userId, sessionVersion: 0 });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.lastLoginAt).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: userId, action: "auth.signed_in" } });
    expect(event.origin).toBe("web 1.2.3.4");
    expect(event.actorRole).toBe("planner");
  });

  it("throttles an account + address after the free failures, doubling the wait, and refuses even the right password meanwhile", async () => {
    const email = await emailOf();
    for (let i = 0; i < 3; i++) expect((await signInWithPassword(db, { email, password: "nope", ip: "5.5.5.5" })).status).toBe("invalid");
    // The 4th failure is the first beyond the free ones: 1 s wait.
    expect((await signInWithPassword(db, { email, password: "nope", ip: "5.5.5.5" })).status).toBe("invalid");
    const first = await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${email}|5.5.5.5` } });
    expect(first.blockedUntil!.getTime() - first.lastFailureAt.getTime()).toBe(1000);
    expect(await signInWithPassword(db, { email, password: PASSWORD, ip: "5.5.5.5" })).toMatchObject({ status: "throttled" });
    await letWaitsPass();
    expect((await signInWithPassword(db, { email, password: "nope", ip: "5.5.5.5" })).status).toBe("invalid");
    const second = await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${email}|5.5.5.5` } });
    expect(second.blockedUntil!.getTime() - second.lastFailureAt.getTime()).toBe(2000);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });

  it("never locks the account for its owner elsewhere: another address signs in while one is throttled", async () => {
    const email = await emailOf();
    for (let i = 0; i < 6; i++) await signInWithPassword(db, { email, password: "nope", ip: "6.6.6.6" });
    expect((await signInWithPassword(db, { email, password: PASSWORD, ip: "6.6.6.6" })).status).toBe("throttled");
    expect((await signInWithPassword(db, { email, password: PASSWORD, ip: "7.7.7.7" })).status).toBe("ok");
  });

  it("answers an unknown email exactly like a real one: same statuses, same throttle, one bcrypt comparison each", async () => {
    const compare = vi.spyOn(bcrypt, "compare");
    const real = await emailOf();
    const sequence = async (email: string) => {
      const statuses: string[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await signInWithPassword(db, { email, password: "nope", ip: "8.8.4.4" })).status);
      return statuses;
    };
    const forReal = await sequence(real);
    const forGhost = await sequence("ghost@example.test");
    expect(forGhost).toEqual(forReal);
    expect(forReal).toEqual(["invalid", "invalid", "invalid", "invalid", "throttled"]);
    expect(compare).toHaveBeenCalledTimes(10);
    compare.mockRestore();
  });

  it("throttles one address trying many accounts", async () => {
    process.env.LOGIN_ADDRESS_FREE_FAILURES = "4";
    for (let i = 0; i < 5; i++) await signInWithPassword(db, { email: `victim-${i}@example.test`, password: "x", ip: "9.9.9.9" });
    expect((await signInWithPassword(db, { email: await emailOf(), password: PASSWORD, ip: "9.9.9.9" })).status).toBe("throttled");
  });

  it("refuses deactivated accounts like unknown emails, and audits both", async () => {
    expect(await signInWithPassword(db, { email: "ghost@example.test", password: PASSWORD, ip: null })).toEqual({ status: "invalid" });
    await db.user.update({ where: { id: userId }, data: { active: false } });
    expect(await signInWithPassword(db, { email: await emailOf(), password: PASSWORD, ip: null })).toEqual({ status: "invalid" });
    const failed = await db.auditEvent.findMany({ where: { action: "auth.sign_in_failed" } });
    expect(failed.map((f) => JSON.parse(f.after!).reason)).toEqual(expect.arrayContaining(["unknown_email", "account_unavailable"]));
  });

  it("lets an admin unlock an account from every address at once, audited", async () => {
    const email = await emailOf();
    for (const ip of ["1.1.1.1", "2.2.2.2"]) for (let i = 0; i < 5; i++) await signInWithPassword(db, { email, password: "nope", ip });
    expect((await signInWithPassword(db, { email, password: PASSWORD, ip: "1.1.1.1" })).status).toBe("throttled");
    const admin = await db.user.create({ data: { email: `admin-${usersCreated}@example.test`, name: "A", role: "admin" } });
    await updateUser(db, { actor: { id: admin.id, role: "admin", scopes: [] }, userId, patch: { unlock: true } });
    expect((await signInWithPassword(db, { email, password: PASSWORD, ip: "1.1.1.1" })).status).toBe("ok");
    expect((await signInWithPassword(db, { email, password: PASSWORD, ip: "2.2.2.2" })).status).toBe("ok");
    expect(await auditActions(userId)).toContain("auth.unlocked");
  });
});

describe("signInWithOidc", () => {
  it("creates a user with the role from the claim, then updates the role on later sign-ins", async () => {
    const first = await signInWithOidc(db, { email: "Sso.User@Corp.test", name: "Sso User", roleClaim: "buyer", origin: "web" });
    expect(first.status).toBe("ok");
    const user = await db.user.findUniqueOrThrow({ where: { email: "sso.user@corp.test" } });
    expect(user.role).toBe("buyer");
    await signInWithOidc(db, { email: "sso.user@corp.test", name: null, roleClaim: ["unknown", "finance"], origin: "web" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("finance");
    expect(await auditActions(user.id)).toEqual(["user.created", "auth.signed_in", "user.updated", "auth.signed_in"]);
  });

  it("refuses a missing email, a missing or unknown role, and a deactivated account", async () => {
    expect(await signInWithOidc(db, { email: null, name: null, roleClaim: "planner", origin: "web" })).toEqual({ status: "refused", reason: "no_email" });
    expect(await signInWithOidc(db, { email: "a@corp.test", name: null, roleClaim: undefined, origin: "web" })).toEqual({ status: "refused", reason: "no_role" });
    expect(await signInWithOidc(db, { email: "a@corp.test", name: null, roleClaim: "superuser", origin: "web" })).toEqual({ status: "refused", reason: "no_role" });
    await db.user.create({ data: { email: "gone@corp.test", name: "Gone", role: "planner", active: false } });
    expect(await signInWithOidc(db, { email: "gone@corp.test", name: null, roleClaim: "planner", origin: "web" })).toEqual({ status: "refused", reason: "inactive" });
  });
});
