import type { Role } from "../contracts/permissions";

/** Password of every demo account. Documented in the README; demo mode lists the accounts on /signin. */
export const DEMO_PASSWORD = "stockpilot-demo";

export const DEMO_USERS = [
  { email: "planner@demo.stockpilot", name: "Priya Planner", role: "planner" },
  { email: "buyer@demo.stockpilot", name: "Ben Buyer", role: "buyer" },
  { email: "store@demo.stockpilot", name: "Sam Store", role: "store_manager" },
  { email: "finance@demo.stockpilot", name: "Fiona Finance", role: "finance" },
  { email: "exec@demo.stockpilot", name: "Erin Executive", role: "executive" },
  { email: "admin@demo.stockpilot", name: "Alex Admin", role: "admin" },
] as const satisfies readonly { email: string; name: string; role: Role }[];
