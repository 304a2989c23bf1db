import { describe, expect, it } from "vitest";
import { workbenchViewerFor } from "./queue-options";

describe("the queue's tier filter", () => {
  const tiersOf = (role: string) => workbenchViewerFor({ id: "u", name: "U", role }).approvableTiers;

  it("offers only the tiers the viewer may act on", () => {
    expect(tiersOf("planner")).toEqual(["auto", "planner"]);
    expect(tiersOf("finance")).toEqual(["auto", "planner", "manager", "finance"]);
  });

  it("offers none to a role that approves nothing", () => {
    expect(tiersOf("executive")).toEqual([]);
  });
});
