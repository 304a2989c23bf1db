import { describe, expect, it } from "vitest";
import { auditActorLabel } from "./audit";

describe("who wrote an audit row", () => {
  it("shows a command-line import or plan run as the system, not under the admin role it ran with", () => {
    expect(auditActorLabel({ actorId: null, actorName: null, actorRole: "admin", origin: "cli root" })).toEqual({ name: "System", isId: false, detail: "command line" });
  });

  it("shows what the system did on its own as automatic", () => {
    expect(auditActorLabel({ actorId: null, actorName: null, actorRole: "system", origin: "system" })).toEqual({ name: "System", isId: false, detail: "automatic" });
  });

  it("shows a person by name with their role, and an API token as such", () => {
    expect(auditActorLabel({ actorId: "u1", actorName: "Fiona Finance", actorRole: "finance", origin: "web 10.0.0.7" })).toEqual({ name: "Fiona Finance", isId: false, detail: "Finance approver" });
    expect(auditActorLabel({ actorId: "t1", actorName: null, actorRole: "api_token", origin: "api 10.0.0.9" })).toEqual({ name: "t1", isId: true, detail: "API token" });
  });

  it("shows a sign-in nobody could be matched to as an unknown user", () => {
    expect(auditActorLabel({ actorId: null, actorName: null, actorRole: null, origin: "web 10.0.0.7" })).toEqual({ name: "Unknown user", isId: false, detail: "no matching account" });
  });
});
