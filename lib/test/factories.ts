/**
 * Small typed factories for tests: each creates one row with sensible defaults and takes
 * overrides for what the test is about. Codes and emails are unique per test file (each file has
 * its own database), generated from a counter so runs are deterministic.
 */
import type { Exception, Location, PlanRun, Prisma, Product, Recommendation, Supplier, User } from "@prisma/client";
import { db } from "../server/db";
import { writeDecision } from "../server/governance/decision-transaction";
import { SYSTEM_ACTOR } from "../server/actor";
import type { Role } from "../contracts/permissions";
import type { Scope } from "../contracts/permissions";

let sequence = 0;
const next = () => ++sequence;

/** A user as tests use it: also a UserActor (id, role, scopes). */
export interface TestUser extends Omit<User, "passwordHash" | "role"> {
  role: Role;
  scopes: Scope[];
}

export async function createUser(role: Role, options: { scopes?: Scope[]; name?: string; email?: string } = {}): Promise<TestUser> {
  const n = next();
  const scopes = options.scopes ?? [];
  const user = await db.user.create({
    data: {
      email: options.email ?? `${role}-${n}@test.local`,
      name: options.name ?? `${role} ${n}`,
      role,
      scopes: { create: scopes.map((s) => ({ kind: s.kind, value: s.value })) },
    },
  });
  return { ...user, role, scopes };
}

export function createLocation(overrides: Partial<Prisma.LocationUncheckedCreateInput> = {}): Promise<Location> {
  const n = next();
  return db.location.create({
    data: { code: `S-${n}`, name: `Store ${n}`, type: "STORE", region: "NORTH", cluster: "urban", ...overrides },
  });
}

export function createSupplier(overrides: Partial<Prisma.SupplierUncheckedCreateInput> = {}): Promise<Supplier> {
  const n = next();
  return db.supplier.create({ data: { code: `SUP-${n}`, name: `Supplier ${n}`, promisedLeadTimeDays: 7, ...overrides } });
}

export async function createProduct(overrides: Partial<Prisma.ProductUncheckedCreateInput> = {}): Promise<Product> {
  const n = next();
  const supplierId = overrides.supplierId ?? (await createSupplier()).id;
  return db.product.create({
    data: {
      sku: `SKU-${n}`,
      name: `Product ${n}`,
      department: "GROCERY",
      category: "SNACKS",
      subcategory: "CHIPS",
      unitCost: 2,
      unitPrice: 5,
      casePack: 6,
      ...overrides,
      supplierId,
    },
  });
}

/** A finished plan run made today from yesterday's sales (data 1 day old) unless `asOf` says otherwise. */
export function createPlanRun(overrides: Partial<Prisma.PlanRunUncheckedCreateInput> = {}): Promise<PlanRun> {
  const now = new Date();
  return db.planRun.create({
    data: { status: "succeeded", trigger: "manual", asOf: now, startedAt: now, finishedAt: now, ...overrides },
  });
}

export interface ExceptionFixture {
  planRun?: PlanRun;
  location?: Location;
  product?: Product;
  overrides?: Partial<Prisma.ExceptionUncheckedCreateInput>;
}

/** An open exception; region and category follow its location and product. */
export async function createException(fixture: ExceptionFixture = {}): Promise<Exception> {
  const planRun = fixture.planRun ?? (await createPlanRun());
  const location = fixture.location ?? (await createLocation());
  const product = fixture.product ?? (await createProduct());
  const type = fixture.overrides?.type ?? "stockout";
  return db.exception.create({
    data: {
      identityKey: `${type}|${location.id}|${product.id}`,
      type,
      locationId: location.id,
      productId: product.id,
      region: location.region,
      category: product.category,
      supplierId: product.supplierId,
      status: "open",
      score: 1_000,
      moneyAtRisk: 1_000,
      urgency: 1,
      confidence: 0.9,
      summary: `Projected stockout of ${product.sku} at ${location.code} in 4 days`,
      drivers: "{}",
      scoreComponents: "{}",
      firstRunId: planRun.id,
      lastRunId: planRun.id,
      ...fixture.overrides,
    },
  });
}

export interface RecommendationFixture extends ExceptionFixture {
  exception?: Exception;
  recommendation?: Partial<Prisma.RecommendationUncheckedCreateInput>;
}

/**
 * A recommendation pending at the planner tier (value 1,000, 100 units) on a fresh exception,
 * unless overridden. Set `status: "proposed"` to exercise routing.
 */
export async function createRecommendation(fixture: RecommendationFixture = {}): Promise<Recommendation> {
  const exception = fixture.exception ?? (await createException(fixture));
  return db.recommendation.create({
    data: {
      exceptionId: exception.id,
      planRunId: exception.lastRunId,
      rank: 1,
      actionType: "transfer",
      quantity: 100,
      proposedQuantity: 100,
      cost: 50,
      benefit: 400,
      value: 1_000,
      // Priced as a plan run would store it: 4 per unit up to the 100 units that help, value 10 a unit.
      details: JSON.stringify({
        pricing: { model: "capped-cover", unitActionCost: 0.5, unitBenefit: 4, coverableUnits: 100, unitGovernanceValue: 10 },
      }),
      status: "pending",
      tier: "planner",
      policyVersion: 1,
      ...fixture.recommendation,
    },
  });
}

/**
 * An approved (or auto-approved) recommendation with its evidence, as the workflow leaves it: the
 * approval Decision row and its keyed audit record. (`createRecommendation` with `status:
 * "approved"` instead mimics a row edited directly in the database, which exports refuse.)
 */
export async function createApprovedRecommendation(
  fixture: RecommendationFixture & { approval?: "approve" | "auto_approve"; approverId?: string } = {},
): Promise<Recommendation> {
  const auto = fixture.approval === "auto_approve";
  const { status: _ignored, ...rest } = fixture.recommendation ?? {};
  const created = await createRecommendation({ ...fixture, recommendation: { ...rest, status: auto ? "proposed" : "pending", ...(auto ? { tier: "auto" } : {}) } });
  const approverId = auto ? null : (fixture.approverId ?? (await createUser("planner")).id);
  return db.$transaction((tx) =>
    writeDecision(tx, {
      recommendation: created,
      kind: auto ? "auto_approve" : "approve",
      toStatus: auto ? "auto_approved" : "approved",
      actor: auto ? SYSTEM_ACTOR : { id: approverId!, role: "planner", scopes: [] },
      auditAction: auto ? "decision.auto_approved" : "decision.approved",
      changes: { decidedById: approverId, decidedAt: new Date() },
      policyVersion: created.policyVersion,
    }),
  );
}
