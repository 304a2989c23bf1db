import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createUser } from "../../test/factories";
import { MAX_SAVED_VIEWS, ZSaveViewRequest } from "../../contracts/saved-views";
import { deleteSavedView, listSavedViews, saveView } from "./manage-saved-views";

describe("saved queue views", () => {
  it("keeps each person's views apart, replaces a view saved again under its name, and deletes only one's own", async () => {
    const planner = await createUser("planner");
    const buyer = await createUser("buyer");
    await saveView(db, planner, { name: "Stockouts", search: "type=stockout" });
    await saveView(db, planner, { name: "Stockouts", search: "type=stockout&sort=daysToImpact&order=asc" });
    const theirs = await saveView(db, buyer, { name: "Stockouts", search: "work=supplier" });
    expect(await listSavedViews(db, planner)).toEqual([{ id: expect.any(String), name: "Stockouts", search: "type=stockout&sort=daysToImpact&order=asc" }]);

    await expect(deleteSavedView(db, planner, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listSavedViews(db, buyer)).toEqual([theirs]);
    await deleteSavedView(db, buyer, theirs.id);
    expect(await listSavedViews(db, buyer)).toEqual([]);
  });

  it(`refuses a view beyond ${MAX_SAVED_VIEWS} and changes nothing`, async () => {
    const planner = await createUser("planner");
    for (let i = 0; i < MAX_SAVED_VIEWS; i += 1) await saveView(db, planner, { name: `View ${i}`, search: `q=${i}` });
    await expect(saveView(db, planner, { name: "One more", search: "" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await db.savedView.count({ where: { userId: planner.id } })).toBe(MAX_SAVED_VIEWS);
    // Replacing an existing one is still allowed at the limit.
    await saveView(db, planner, { name: "View 0", search: "q=replaced" });
  });

  it("validates names and query strings at the boundary", () => {
    expect(ZSaveViewRequest.safeParse({ name: "  ", search: "" }).success).toBe(false);
    expect(ZSaveViewRequest.safeParse({ name: "x".repeat(61), search: "" }).success).toBe(false);
    expect(ZSaveViewRequest.safeParse({ name: "Mine", search: "?type=stockout" }).success).toBe(false);
    expect(ZSaveViewRequest.parse({ name: "  Mine ", search: "type=stockout" })).toEqual({ name: "Mine", search: "type=stockout" });
  });
});
