import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "highs"],
  poweredByHeader: false,
};

export default nextConfig;
