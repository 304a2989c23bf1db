import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createLocation, createUser } from "../../test/factories";
import { updateUser } from "../users/update-user";
import { loadSessionUser } from "./get-session-user";
import { revokeSessions } from "./revoke-sessions";

/** The claims a session cookie carries, as issued at sign-in. */
async function issuedSession(userId: string) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { id: userId, sessionVersion };
}

describe("session revocation", () => {
  it("refuses a session cookie after its user signed out, while a new sign-in works", async () => {
    const planner = await createUser("planner");
    const cookie = await issuedSession(planner.id);
    expect(await loadSessionUser(db, cookie)).toMatchObject({ id: planner.id });
    await revokeSessions(db, planner.id, { reason: "signed_out" });
    expect(await loadSessionUser(db, cookie)).toBeNull();
    expect(await loadSessionUser(db, await issuedSession(planner.id))).toMatchObject({ id: planner.id });
    expect(await db.auditEvent.count({ where: { action: "auth.sessions_revoked", entityId: planner.id } })).toBe(1);
  });

  it("refuses sessions issued before a role, scope or active change, but not before an unrelated save", async () => {
    const admin = await createUser("admin");
    const actor = { id: admin.id, role: "admin", scopes: [] } as const;
    const location = await createLocation({ region: "SOUTH" });
    const planner = await createUser("planner");

    const beforeRole = await issuedSession(planner.id);
    await updateUser(db, { actor, userId: planner.id, patch: { role: "buyer" } });
    expect(await loadSessionUser(db, beforeRole)).toBeNull();

    const beforeScope = await issuedSession(planner.id);
    await updateUser(db, { actor, userId: planner.id, patch: { scopes: [{ kind: "REGION", value: location.region }] } });
    expect(await loadSessionUser(db, beforeScope)).toBeNull();

    const beforeNothing = await issuedSession(planner.id);
    await updateUser(db, { actor, userId: planner.id, patch: { scopes: [{ kind: "REGION", value: location.region }] } });
    expect(await loadSessionUser(db, beforeNothing)).toMatchObject({ id: planner.id });

    await updateUser(db, { actor, userId: planner.id, patch: { active: false } });
    expect(await loadSessionUser(db, beforeNothing)).toBeNull();
  });

  it("treats a token from before session versions existed as version 0", async () => {
    const planner = await createUser("planner");
    expect(await loadSessionUser(db, { id: planner.id })).toMatchObject({ id: planner.id });
    await revokeSessions(db, planner.id, { reason: "signed_out" });
    expect(await loadSessionUser(db, { id: planner.id })).toBeNull();
  });
});
