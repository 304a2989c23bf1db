import { describe, expect, it } from "vitest";
import { actionTypeInSentence } from "./governance";

describe("action types inside a sentence", () => {
  it("are lower case but keep acronyms as written", () => {
    expect(actionTypeInSentence("cut_po")).toBe("cut PO");
    expect(actionTypeInSentence("confirm_po")).toBe("confirm or cancel PO");
    expect(actionTypeInSentence("raise_order")).toBe("raise order");
    expect(actionTypeInSentence("markdown")).toBe("markdown");
  });
});
