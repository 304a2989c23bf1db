import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV === "development";

/**
 * Content Security Policy without nonces (pages are served without per-request nonces):
 * Next's inline bootstrap scripts need 'unsafe-inline' for scripts, and React's style attributes
 * need it for styles. Everything else is same-origin only; no framing, no plugins.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
];

const nextConfig: NextConfig = {
  // Native and WASM modules are loaded by Node at run time, not bundled.
  // The PostgreSQL client and driver are loaded by lib/server/db.ts only when DATABASE_URL names PostgreSQL.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "highs", "pg", "@prisma/adapter-pg", ".prisma/client-postgresql"],
  poweredByHeader: false,
  experimental: {
    // forbidden() + app/(app)/forbidden.tsx: a real 403 page for signed-in users without permission.
    authInterrupts: true,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
