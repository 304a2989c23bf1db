/** `npm run demo:data -- --size small|medium|large --seed N [--out DIR] [--end-date YYYY-MM-DD]` */
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEMO_SIZE_NAMES } from "../lib/demo/demo-sizes";
import { generateDemoRetailer } from "../lib/demo/generate-demo-retailer";

const ZDemoDataArgs = z.object({
  size: z.enum(DEMO_SIZE_NAMES).default("small"),
  seed: z.coerce.number().int().default(1),
  out: z.string().min(1).default("data/demo"),
  "end-date": z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
    .default(() => new Date().toISOString().slice(0, 10)),
});

async function main() {
  const { values } = parseArgs({
    options: { size: { type: "string" }, seed: { type: "string" }, out: { type: "string" }, "end-date": { type: "string" } },
  });
  const args = ZDemoDataArgs.parse(values);
  const started = performance.now();
  const rows = await generateDemoRetailer({ size: args.size, seed: args.seed, endDate: args["end-date"], outDir: args.out });
  for (const [kind, count] of Object.entries(rows)) console.log(`${`${kind}.csv`.padEnd(20)} ${count.toLocaleString("en-US").padStart(12)} rows`);
  console.log(`Demo retailer (${args.size}, seed ${args.seed}, end ${args["end-date"]}) written to ${args.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
