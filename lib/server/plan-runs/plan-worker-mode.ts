import "server-only";
import { z } from "zod";

/**
 * STOCKPILOT_PLAN_WORKERS: "local" (default) — the web server runs plans itself, each in a child
 * process; "external" — `npm run worker` processes run them and web servers only queue.
 */
export const ZPlanWorkerMode = z.enum(["local", "external"], { error: "STOCKPILOT_PLAN_WORKERS must be local or external" }).default("local");
export type TPlanWorkerMode = z.infer<typeof ZPlanWorkerMode>;

export function readPlanWorkerMode(env: Readonly<Record<string, string | undefined>> = process.env): TPlanWorkerMode {
  return ZPlanWorkerMode.parse(env.STOCKPILOT_PLAN_WORKERS?.trim() || undefined);
}
