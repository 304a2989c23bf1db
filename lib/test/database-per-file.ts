import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";

const template = process.env.STOCKPILOT_TEST_TEMPLATE_DB;
const dir = process.env.STOCKPILOT_TEST_DIR;
if (!template || !dir) throw new Error("global-setup.ts did not prepare the template database");

const file = path.join(dir, `${randomUUID()}.db`);
copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.STOCKPILOT_AUDIT_CHECKPOINT_FILE = path.join(dir, `${path.basename(file, ".db")}.checkpoints.jsonl`);
