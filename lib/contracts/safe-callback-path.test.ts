import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it.each([
    ["/\\evil.example/", "backslash read as a slash"],
    ["/%5Cevil.example/", "never decoded here, but stays a path"],
    ["//evil.example", "protocol-relative"],
    ["/\\/evil.example", "slash-backslash-slash"],
    ["/\t/evil.example", "tab dropped by the browser"],
    ["/\n/evil.example", "newline dropped by the browser"],
    ["https://evil.example/", "absolute URL"],
    ["javascript:alert(1)", "script URL"],
    ["", "empty"],
  ])("keeps %j (%s) on this site", (candidate) => {
    const path = safeCallbackPath(candidate);
    expect(new URL(path, "https://stockpilot.example").origin).toBe("https://stockpilot.example");
    expect(path.startsWith("//")).toBe(false);
    expect(path).not.toMatch(/[\\\t\n]/);
  });

  it("refuses the backslash and control-character variants outright", () => {
    expect(safeCallbackPath("/\\evil.example/")).toBe("/");
    expect(safeCallbackPath("/\t/evil.example")).toBe("/");
    expect(safeCallbackPath("//evil.example")).toBe("/");
  });

  it("passes same-origin paths through with their query and fragment", () => {
    expect(safeCallbackPath("/exceptions/abc?tab=history#trace")).toBe("/exceptions/abc?tab=history#trace");
    expect(safeCallbackPath("/queue?region=NORTH")).toBe("/queue?region=NORTH");
  });
});
