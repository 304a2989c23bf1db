import { describe, expect, it } from "vitest";
import { diffAuditRecord } from "./audit-diff";

describe("diffAuditRecord", () => {
  it("lists changed, added and removed leaves by path, nested objects flattened", () => {
    const before = { status: "pending", version: 1, rules: { tierLimits: { planner: 5000, manager: 25000 } }, old: true };
    const after = { status: "approved", version: 2, rules: { tierLimits: { planner: 4000, manager: 25000 } }, decidedBy: "u1" };
    expect(diffAuditRecord(before, after)).toEqual([
      { path: "decidedBy", before: undefined, after: "u1", change: "added" },
      { path: "old", before: true, after: undefined, change: "removed" },
      { path: "rules.tierLimits.planner", before: 5000, after: 4000, change: "changed" },
      { path: "status", before: "pending", after: "approved", change: "changed" },
      { path: "version", before: 1, after: 2, change: "changed" },
    ]);
  });

  it("handles a creation (no before) and compares arrays whole", () => {
    expect(diffAuditRecord(null, { scopes: ["A", "B"] })).toEqual([{ path: "scopes", before: undefined, after: ["A", "B"], change: "added" }]);
    expect(diffAuditRecord({ scopes: ["A"] }, { scopes: ["A"] })).toEqual([]);
    expect(diffAuditRecord({ scopes: ["A"] }, { scopes: ["A"] }, true)).toHaveLength(1);
  });

  it("does not call a reordered list a change (every list in a record is a set), but does a changed one", () => {
    const before = { autoApproval: { actionTypes: ["transfer", "cycle_count", "adjust_forecast"] } };
    expect(diffAuditRecord(before, { autoApproval: { actionTypes: ["adjust_forecast", "transfer", "cycle_count"] } })).toEqual([]);
    expect(diffAuditRecord(before, { autoApproval: { actionTypes: ["transfer", "cycle_count"] } })).toEqual([
      { path: "autoApproval.actionTypes", before: ["transfer", "cycle_count", "adjust_forecast"], after: ["transfer", "cycle_count"], change: "changed" },
    ]);
    expect(diffAuditRecord({ scopes: [{ kind: "REGION", value: "N" }, { kind: "CATEGORY", value: "B" }] }, { scopes: [{ kind: "CATEGORY", value: "B" }, { kind: "REGION", value: "N" }] })).toEqual([]);
  });

  it("treats a scalar record as one value", () => {
    expect(diffAuditRecord("x", "y")).toEqual([{ path: "(value)", before: "x", after: "y", change: "changed" }]);
  });
});
