import { describe, expect, it } from "vitest";
import { decodeExceptionCursor, encodeExceptionCursor } from "../exceptions/exception-list-cursor";
import { decodeCreatedAtCursor, encodeCreatedAtCursor } from "./created-at-cursor";

const forge = (text: string) => Buffer.from(text).toString("base64url");

describe("page cursors", () => {
  it("round-trips a cursor the server wrote", () => {
    const cursor = { createdAt: new Date("2026-03-01T10:00:00.000Z"), id: "cm123" };
    expect(decodeCreatedAtCursor(encodeCreatedAtCursor(cursor))).toEqual(cursor);
  });

  it("answers 422 to a cursor dated year +275760 (a valid JS date the database cannot compare)", () => {
    expect(() => decodeCreatedAtCursor(forge("+275760-09-13T00:00:00.000Z|x"))).toThrow(expect.objectContaining({ status: 422 }));
    expect(() => decodeCreatedAtCursor(forge("-000001-01-01T00:00:00.000Z|x"))).toThrow(expect.objectContaining({ status: 422 }));
  });

  it("answers 422 to an exception cursor with an absurd sort value", () => {
    const query = { sort: "raisedAt", order: "desc" } as const;
    const ok = encodeExceptionCursor({ ...query, value: Date.parse("2026-03-01"), id: "e1" });
    expect(decodeExceptionCursor(ok, query).value).toBe(Date.parse("2026-03-01"));
    expect(() => decodeExceptionCursor(forge(JSON.stringify(["raisedAt", "desc", 8.64e15, "e1"])), query)).toThrow(expect.objectContaining({ status: 422 }));
  });
});
