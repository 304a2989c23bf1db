import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "sp_";
/** Characters of the secret kept in clear for display: "sp_" plus 8 of the random part. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

/**
 * SHA-256 (not bcrypt/scrypt) is the right hash here: the secret is 32 random bytes (256 bits), so
 * there is no dictionary to guess from and a slow hash would add nothing but latency on every API
 * call. A password hash is slow because passwords are guessable; these are not. Equality lookup on
 * the hash also means the secret is never compared character by character in JavaScript.
 */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateTokenSecret(): { secret: string; prefix: string; secretHash: string } {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH), secretHash: hashTokenSecret(secret) };
}
