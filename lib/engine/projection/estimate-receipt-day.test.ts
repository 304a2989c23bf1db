import { describe, expect, it } from "vitest";
import { summarizeSupplierLeadTimes } from "../policy/summarize-supplier-lead-times";
import { estimateReceiptDay } from "./estimate-receipt-day";

describe("estimateReceiptDay", () => {
  const asOf = 1000;
  const supplier = summarizeSupplierLeadTimes(
    7,
    [
      { orderDay: 800, receivedDay: 807 },
      { orderDay: 960, receivedDay: 971 },
    ],
    asOf,
  );

  it("moves a future promise by the supplier's recent lateness", () => {
    expect(estimateReceiptDay(1005, asOf, supplier)).toBe(1009);
  });

  it("expects an overdue order one lateness from tomorrow", () => {
    expect(estimateReceiptDay(994, asOf, supplier)).toBe(1005);
  });

  it("keeps the promise without supplier data, never before tomorrow", () => {
    expect(estimateReceiptDay(1003, asOf, undefined)).toBe(1003);
    expect(estimateReceiptDay(990, asOf, undefined)).toBe(1001);
  });
});
