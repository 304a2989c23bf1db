import "server-only";
import { createHash, createPrivateKey, createPublicKey, hkdfSync, randomBytes, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The audit key lives outside the database, beside the session secret: STOCKPILOT_AUDIT_KEY, else
 * the file named by STOCKPILOT_AUDIT_KEY_FILE, else data/.audit-key (written by `npm run db:migrate`
 * and `npm run demo`). Whoever can write the database but not read this key cannot forge a record.
 *
 * Deliberately no "server-only" marker: the migrate step and the test setup (plain Node) create it.
 */
export const DEFAULT_AUDIT_KEY_FILE = path.join(process.cwd(), "data", ".audit-key");

const MIN_KEY_CHARACTERS = 32;
/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export interface AuditKeys {
  /** HMAC-SHA-256 key of the record chain. */
  chainKey: Buffer;
  /** Ed25519 key that signs checkpoints of the chain head. */
  signingKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64: what the app shows and a verifier pins. */
  publicKeyBase64: string;
  /** First 16 hex digits of the public key's SHA-256, printed on every checkpoint. */
  keyId: string;
}

export function auditKeyFile(): string {
  return process.env.STOCKPILOT_AUDIT_KEY_FILE || DEFAULT_AUDIT_KEY_FILE;
}

/** Writes a new random key file unless a key is already configured. Returns the file written, if any. */
export function ensureAuditKeyFile(file = auditKeyFile()): string | null {
  if (process.env.STOCKPILOT_AUDIT_KEY || existsSync(file)) return null;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  return file;
}

function readAuditSecret(): string {
  const fromEnv = process.env.STOCKPILOT_AUDIT_KEY;
  const file = auditKeyFile();
  const secret = fromEnv || (existsSync(file) ? readFileSync(file, "utf8").trim() : "");
  if (!secret) {
    throw new Error(`No audit key: set STOCKPILOT_AUDIT_KEY or run \`npm run db:migrate\`, which writes ${file}.`);
  }
  if (secret.length < MIN_KEY_CHARACTERS) throw new Error(`The audit key must be at least ${MIN_KEY_CHARACTERS} characters.`);
  return secret;
}

/** Two independent keys from one secret (HKDF with distinct labels), so one file holds both. */
export function deriveAuditKeys(secret: string): AuditKeys {
  const derive = (label: string) => Buffer.from(hkdfSync("sha256", secret, "stockpilot-audit", label, 32));
  const chainKey = derive("chain hmac v1");
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, derive("checkpoint ed25519 v1")]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(signingKey);
  const raw = rawPublicKey(publicKey);
  return {
    chainKey,
    signingKey,
    publicKey,
    publicKeyBase64: raw.toString("base64"),
    keyId: createHash("sha256").update(raw).digest("hex").slice(0, 16),
  };
}

/** The 32 key bytes at the end of an Ed25519 SubjectPublicKeyInfo. */
function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" }).subarray(-32);
}

export function publicKeyFromBase64(base64: string): KeyObject {
  const spkiPrefix = Buffer.from("302a300506032b6570032100", "hex");
  return createPublicKey({ key: Buffer.concat([spkiPrefix, Buffer.from(base64, "base64")]), format: "der", type: "spki" });
}

let cached: { secret: string; keys: AuditKeys } | undefined;

/** The configured keys; re-derived only when the secret changes (tests switch keys). */
export function auditKeys(): AuditKeys {
  const secret = readAuditSecret();
  if (cached?.secret !== secret) cached = { secret, keys: deriveAuditKeys(secret) };
  return cached.keys;
}
