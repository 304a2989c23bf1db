import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "../calendar";

const script = path.resolve(import.meta.dirname, "../../../scripts/forecast.ts");
const directory = mkdtempSync(path.join(tmpdir(), "forecast-cli-"));

function runCli(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8" });
}

function writeHistory(name: string, lines: string[]): string {
  const file = path.join(directory, name);
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

function history(): string[] {
  const lines = ["date,location,sku,units,on_promo"];
  const start = Date.UTC(2024, 0, 1);
  for (const [location, sku] of [["S2", "A"], ["S1", "B"], ["S1", "A"]] as const) {
    for (let t = 0; t < 90; t++) {
      if (location === "S1" && sku === "B" && t === 40) continue; // missing row = 0 units
      const date = new Date(start + t * MS_PER_DAY).toISOString().slice(0, 10);
      lines.push(`${date},${location},${sku},${(t * 7) % 5},${t % 20 === 0 ? 1 : 0}`);
    }
  }
  return lines;
}

describe("forecast CLI", () => {
  it("accepts --global-model, and with three series (too little evidence for a model) forecasts as without it", () => {
    const input = writeHistory("global.csv", history());
    const plain = path.join(directory, "plain-out.csv");
    const withModel = path.join(directory, "global-out.csv");
    expect(runCli(["--history", input, "--horizon", "7", "--out", plain]).status).toBe(0);
    const result = runCli(["--history", input, "--horizon", "7", "--out", withModel, "--global-model"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readFileSync(withModel, "utf8")).toBe(readFileSync(plain, "utf8"));
  });

  it("writes one row per series per horizon day, sorted by location and sku, from the day after the last date", () => {
    const input = writeHistory("good.csv", history());
    const events = writeHistory("events.csv", ["date,location,sku,on_promo", "2024-03-31,S1,A,1"]);
    const out = path.join(directory, "good-out.csv");
    const result = runCli(["--history", input, "--horizon", "3", "--out", out, "--events", events, "--quantiles", "0.1,0.5,0.9,0.95"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const rows = readFileSync(out, "utf8").trim().split("\n");
    expect(rows[0]).toBe("location,sku,date,mean,p10,p50,p90,p95,method");
    expect(rows).toHaveLength(1 + 3 * 3);
    expect(rows.slice(1).map((row) => row.split(",").slice(0, 3).join(","))).toEqual([
      "S1,A,2024-03-31", "S1,A,2024-04-01", "S1,A,2024-04-02",
      "S1,B,2024-03-31", "S1,B,2024-04-01", "S1,B,2024-04-02",
      "S2,A,2024-03-31", "S2,A,2024-04-01", "S2,A,2024-04-02",
    ]);
    for (const row of rows.slice(1)) {
      const [mean, p10, p50, p90, p95] = row.split(",").slice(3, 8).map(Number);
      expect(mean).toBeGreaterThanOrEqual(0);
      expect(p10! <= p50! && p50! <= p90! && p90! <= p95!).toBe(true);
    }
  });

  it("rejects a bad value naming line, column and value, and leaves no output file", () => {
    const lines = history();
    lines[5] = "2024-01-05,S2,A,lots,0";
    const input = writeHistory("bad.csv", lines);
    const out = path.join(directory, "bad-out.csv");
    const result = runCli(["--history", input, "--horizon", "7", "--out", out]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("line 6");
    expect(result.stderr).toContain("column units");
    expect(result.stderr).toContain('"lots"');
    expect(existsSync(out)).toBe(false);
    expect(execFileSync("ls", [directory], { encoding: "utf8" })).not.toContain("bad-out");
  });

  it("rejects an impossible date and a missing column", () => {
    const badDate = runCli(["--history", writeHistory("date.csv", ["date,location,sku,units", "2024-02-30,S1,A,1"]), "--horizon", "7", "--out", path.join(directory, "x.csv")]);
    expect(badDate.status).not.toBe(0);
    expect(badDate.stderr).toMatch(/line 2, column date.*2024-02-30/);
    const noSku = runCli(["--history", writeHistory("cols.csv", ["date,location,units", "2024-02-01,S1,1"]), "--horizon", "7", "--out", path.join(directory, "y.csv")]);
    expect(noSku.status).not.toBe(0);
    expect(noSku.stderr).toMatch(/line 1, column sku/);
    expect(existsSync(path.join(directory, "x.csv")) || existsSync(path.join(directory, "y.csv"))).toBe(false);
  });

  it("forecasts a listed new product from its reference sku × factor and says so in based_on", () => {
    const input = writeHistory("launch.csv", history());
    const products = writeHistory("products.csv", [
      "location,sku,category,price,reference_sku,reference_factor",
      "S1,NEW,shoes,45,A,0.8",
      "S1,A,shoes,40,,",
    ]);
    const out = path.join(directory, "launch-out.csv");
    const result = runCli(["--history", input, "--horizon", "2", "--out", out, "--products", products]);
    expect(result.stderr).toBe("");
    const rows = readFileSync(out, "utf8").trim().split("\n").map((row) => row.split(","));
    expect(rows[0]!.at(-1)).toBe("based_on");
    const reference = rows.filter((row) => row[0] === "S1" && row[1] === "A");
    const launched = rows.filter((row) => row[0] === "S1" && row[1] === "NEW");
    expect(launched).toHaveLength(2);
    expect(launched[0]!.at(-1)).toBe("based on SKU A ×0.8");
    expect(Number(launched[0]![3])).toBeCloseTo(0.8 * Number(reference[0]![3]), 3);
    expect(reference[0]!.at(-1)).toBe("");
  });

  it("names a reference sku that products.csv does not list", () => {
    const input = writeHistory("launch-unlisted.csv", history());
    const products = writeHistory("products-unlisted.csv", ["location,sku,reference_sku,reference_factor", "S1,NEW,A,0.5"]);
    const out = path.join(directory, "launch-unlisted-out.csv");
    const result = runCli(["--history", input, "--horizon", "2", "--out", out, "--products", products]);
    expect(result.stderr).toBe("");
    const launched = readFileSync(out, "utf8").trim().split("\n").map((row) => row.split(",")).filter((row) => row[1] === "NEW");
    expect(launched[0]!.at(-1)).toBe("based on SKU A ×0.5");
  });

  it("with --pool-by-category, a slow mover borrows its weekday shape from its own category, not the whole location's", () => {
    // At S1, "weekend" items sell only on Saturdays and Sundays, "weekday" items only Monday to Friday; slow
    // item T (category weekend) sells one unit every fifth day, too little to show its own weekly shape.
    const lines = ["date,location,sku,units"];
    const products = ["location,sku,category"];
    const start = Date.UTC(2024, 0, 1);
    const skus = [["W1", "weekend"], ["W2", "weekend"], ["W3", "weekend"], ["D1", "weekday"], ["D2", "weekday"], ["D3", "weekday"], ["T", "weekend"]] as const;
    for (const [sku, category] of skus) {
      products.push(`S1,${sku},${category}`);
      for (let t = 0; t < 150; t++) {
        const date = new Date(start + t * MS_PER_DAY);
        const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
        const units = sku === "T" ? (t % 5 === 0 ? 1 : 0) : (category === "weekend") === weekend ? 8 : 0;
        lines.push(`${date.toISOString().slice(0, 10)},S1,${sku},${units}`);
      }
    }
    const input = writeHistory("categories.csv", lines);
    const productsFile = writeHistory("categories-products.csv", products);
    // Saturday's forecast of T over its mean forecast on Monday to Friday.
    const weekendLift = (extra: string[]) => {
      const out = path.join(directory, `categories-out${extra.length}.csv`);
      const result = runCli(["--history", input, "--horizon", "7", "--out", out, "--products", productsFile, ...extra]);
      expect(result.stderr).toBe("");
      const rows = readFileSync(out, "utf8").trim().split("\n").map((row) => row.split(",")).filter((row) => row[1] === "T");
      const meanOn = (weekend: boolean) => {
        const values = rows.filter((row) => [0, 6].includes(new Date(row[2]!).getUTCDay()) === weekend).map((row) => Number(row[3]));
        return values.reduce((a, b) => a + b, 0) / values.length;
      };
      return meanOn(true) / meanOn(false);
    };
    const byLocation = weekendLift([]);
    const byCategory = weekendLift(["--pool-by-category"]);
    expect(byCategory).toBeGreaterThan(1.5 * byLocation);
  });

  it("rejects --pool-by-category without --products", () => {
    const out = path.join(directory, "pool-out.csv");
    const result = runCli(["--history", writeHistory("pool.csv", history()), "--horizon", "2", "--out", out, "--pool-by-category"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("--pool-by-category: needs --products");
    expect(existsSync(out)).toBe(false);
  });

  it("rejects a reference sku that is not at the product's location, naming the line", () => {
    const products = writeHistory("bad-products.csv", ["location,sku,reference_sku,reference_factor", "S2,NEW,B,0.5"]);
    const out = path.join(directory, "bad-products-out.csv");
    const result = runCli(["--history", writeHistory("h2.csv", history()), "--horizon", "2", "--out", out, "--products", products]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/line 2, column reference_sku: no sku B at location S2/);
    expect(existsSync(out)).toBe(false);
  });
});
