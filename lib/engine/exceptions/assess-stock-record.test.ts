import { describe, expect, it } from "vitest";
import { assessStockRecord } from "./assess-stock-record";
import { defaultExceptionOptions } from "./exception-types";

const asOf = 20_000;
const options = defaultExceptionOptions;
/** 80 days selling 3 a day, then `silentDays` without a sale, ending on asOf. */
function history(silentDays: number) {
  const units = Float64Array.from([...Array.from({ length: 80 }, () => 3), ...Array.from({ length: silentDays }, () => 0)]);
  return { id: "S01|SKU1", firstDay: asOf - units.length + 1, units };
}

describe("assessStockRecord and the last cycle count", () => {
  it("raises phantom stock after a long silent run when nobody counted", () => {
    expect(assessStockRecord(history(20), 12, 20, options).status).toBe("phantom");
  });

  it("a count that confirmed the stock clears it: only the silent days after the count are evidence", () => {
    // Counted 3 days ago: 3 silent days are far too few to be phantom stock.
    expect(assessStockRecord(history(20), 12, 20, options, asOf - 3).status).toBe("plausible");
  });

  it("silent days after the count raise it again, with the run measured from the count", () => {
    const assessment = assessStockRecord(history(30), 12, 20, options, asOf - 15);
    expect(assessment.status).toBe("phantom");
    if (assessment.status === "phantom") expect(assessment.zeroSalesDays).toBe(15);
  });

  it("a count before the silent run began changes nothing", () => {
    const uncounted = assessStockRecord(history(20), 12, 20, options);
    const countedEarlier = assessStockRecord(history(20), 12, 20, options, asOf - 40);
    expect(countedEarlier).toEqual(uncounted);
  });

  it("a negative record is raised whatever the count date", () => {
    expect(assessStockRecord(history(0), -4, 20, options, asOf).status).toBe("negative");
  });
});
