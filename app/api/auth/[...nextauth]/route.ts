import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/server/auth/auth-options";

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: the secret is read at run time, never baked in at build time.
async function handler(request: NextRequest, context: NextAuthContext): Promise<Response> {
  return NextAuth(request, context, authOptions());
}

export { handler as GET, handler as POST };
