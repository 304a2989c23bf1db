/** Where to go after sign-in when the callback is missing or unsafe. */
export const DEFAULT_CALLBACK_PATH = "/";

const PLACEHOLDER_ORIGIN = "https://stockpilot.invalid";

/**
 * Only a same-origin path may be returned to after sign-in. Browsers read `\` as `/` and drop
 * tabs and newlines inside URLs, so `/\evil.example` or `/\t/evil.example` would leave the site:
 * anything with a backslash or a control character is refused, and what remains must resolve to
 * our own origin. Returns the normalised path (path, query, fragment) or the default.
 */
export function safeCallbackPath(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith("/")) return DEFAULT_CALLBACK_PATH;
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return DEFAULT_CALLBACK_PATH;
  let parsed: URL;
  try {
    parsed = new URL(candidate, PLACEHOLDER_ORIGIN);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  if (parsed.origin !== PLACEHOLDER_ORIGIN) return DEFAULT_CALLBACK_PATH;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
