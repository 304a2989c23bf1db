import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "../db";
import { AppError } from "../app-error";
import { DEMO_PASSWORD, DEMO_USERS } from "../../demo/demo-accounts";
import { seedDemoUsers } from "./seed-demo-users";
import { listScopeOptions, listUsers } from "./list-users";
import { updateUser } from "./update-user";

async function seedNetwork() {
  await db.location.createMany({
    data: [
      { code: "S-01", name: "Store 1", type: "STORE", region: "WEST", cluster: "urban" },
      { code: "S-02", name: "Store 2", type: "STORE", region: "WEST", cluster: "urban" },
      { code: "S-03", name: "Store 3", type: "STORE", region: "WEST", cluster: "urban" },
      { code: "S-10", name: "Store 10", type: "STORE", region: "EAST", cluster: "urban" },
      { code: "DC-1", name: "DC", type: "DC", region: "CENTRAL", cluster: "dc" },
    ],
  });
  const supplier = await db.supplier.create({ data: { code: "SUP", name: "Sup", promisedLeadTimeDays: 7 } });
  await db.product.createMany({
    data: ["BAKERY", "DAIRY", "SNACKS"].map((category, i) => ({
      sku: `SKU-${i}`, name: `P${i}`, department: "D", category, subcategory: "x", unitCost: 1, unitPrice: 2, casePack: 6, supplierId: supplier.id,
    })),
  });
}

describe("users", () => {
  it("seeds one demo user per role, idempotently, with scopes derived from the data", async () => {
    expect(await seedDemoUsers(db)).toEqual({ created: 6, scoped: 0 });
    await seedNetwork();
    expect(await seedDemoUsers(db)).toEqual({ created: 0, scoped: 3 });
    expect(await seedDemoUsers(db)).toEqual({ created: 0, scoped: 0 });

    const users = await listUsers(db);
    expect(users.map((u) => u.role).sort()).toEqual(DEMO_USERS.map((u) => u.role).sort());
    const byRole = Object.fromEntries(users.map((u) => [u.role, u]));
    expect(byRole.planner!.scopes).toEqual([
      { kind: "CATEGORY", value: "BAKERY" },
      { kind: "CATEGORY", value: "DAIRY" },
      { kind: "REGION", value: "WEST" },
    ]);
    expect(byRole.store_manager!.scopes).toEqual([
      { kind: "STORE", value: "S-01" },
      { kind: "STORE", value: "S-02" },
    ]);
    expect(byRole.executive!.scopes).toEqual([]);

    const withHash = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.stockpilot" }, select: { passwordHash: true } });
    expect(await bcrypt.compare(DEMO_PASSWORD, withHash.passwordHash!)).toBe(true);
    // The default client never returns hashes.
    expect(Object.keys(await db.user.findFirstOrThrow())).not.toContain("passwordHash");
  });

  it("lists scope options from master data", async () => {
    const options = await listScopeOptions(db);
    expect(options.REGION).toEqual(["CENTRAL", "EAST", "WEST"]);
    expect(options.STORE.map((s) => s.code)).toEqual(["S-01", "S-02", "S-03", "S-10"]);
    expect(options.CATEGORY).toEqual(["BAKERY", "DAIRY", "SNACKS"]);
  });

  it("updates role and scopes and audits before → after in the same transaction", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.stockpilot" } });
    const store = await db.user.findUniqueOrThrow({ where: { email: "store@demo.stockpilot" } });
    const after = await updateUser(db, {
      actor: { id: admin.id, role: "admin", scopes: [], origin: "web 127.0.0.1" } as const,
      userId: store.id,
      patch: { scopes: [{ kind: "STORE", value: "S-10" }, { kind: "STORE", value: "S-10" }], reason: "moved store" },
    });
    expect(after.scopes).toEqual([{ kind: "STORE", value: "S-10" }]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: store.id, action: "user.updated", reason: "moved store" } });
    expect(JSON.parse(event.before!).scopes).toEqual([{ kind: "STORE", value: "S-01" }, { kind: "STORE", value: "S-02" }]);
    expect(JSON.parse(event.after!).scopes).toEqual([{ kind: "STORE", value: "S-10" }]);
    expect(event.actorId).toBe(admin.id);
  });

  it("rejects unknown scope values and writes nothing", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.stockpilot" } });
    const planner = await db.user.findUniqueOrThrow({ where: { email: "planner@demo.stockpilot" }, include: { scopes: true } });
    const auditCount = await db.auditEvent.count();
    const attempt = updateUser(db, {
      actor: { id: admin.id, role: "admin", scopes: [] } as const,
      userId: planner.id,
      patch: { role: "buyer", scopes: [{ kind: "STORE", value: "S-99" }] },
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { "scopes.STORE": ["Unknown store: S-99"] } });
    const unchanged = await db.user.findUniqueOrThrow({ where: { id: planner.id }, include: { scopes: true } });
    expect(unchanged.role).toBe("planner");
    expect(unchanged.scopes).toHaveLength(planner.scopes.length);
    expect(await db.auditEvent.count()).toBe(auditCount);
  });

  it("refuses to let an admin demote or deactivate themselves; unlock clears a lockout", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.stockpilot" } });
    const actor = { id: admin.id, role: "admin", scopes: [] } as const;
    await expect(updateUser(db, { actor, userId: admin.id, patch: { role: "planner" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateUser(db, { actor, userId: admin.id, patch: { active: false } })).rejects.toMatchObject({ code: "CONFLICT" });
    const buyer = await db.user.update({
      where: { email: "buyer@demo.stockpilot" },
      data: { failedLogins: 5, lockedUntil: new Date(Date.now() + 60_000) },
    });
    const after = await updateUser(db, { actor, userId: buyer.id, patch: { unlock: true } });
    expect(after).toMatchObject({ failedLogins: 0, lockedUntil: null });
    await expect(updateUser(db, { actor, userId: "nope", patch: { active: true } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
