import { describe, expect, it } from "vitest";
import { createLineReader, type ImportStreamLine } from "./import-stream";

describe("createLineReader", () => {
  it("emits each complete NDJSON line once as the text grows, and a trailing line at the end", () => {
    const lines: ImportStreamLine[] = [];
    const read = createLineReader((l) => lines.push(l));
    const a = JSON.stringify({ type: "progress", kind: "sales", fileName: "sales.csv", rows: 10, bytesRead: 100 });
    const b = JSON.stringify({ type: "error", message: "x" });
    read(`${a.slice(0, 10)}`);
    expect(lines).toHaveLength(0);
    read(`${a}\n${b.slice(0, 5)}`);
    expect(lines).toHaveLength(1);
    read(`${a}\n${b}`, true);
    expect(lines.map((l) => l.type)).toEqual(["progress", "error"]);
  });
});
