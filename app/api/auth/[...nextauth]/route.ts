import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/server/auth/auth-options";
import { errorResponse, isAppError } from "@/lib/server/app-error";
import { bodyLimits, readBodyText } from "@/lib/server/http/body-limits";

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request: the secret is read at run time, never baked in at build time.
async function handler(request: NextRequest, context: NextAuthContext): Promise<Response> {
  return NextAuth(request, context, authOptions());
}

/**
 * Sign-in callbacks are small forms: read at most a few kilobytes (413 beyond, before next-auth
 * sees anything) and hand next-auth a copy holding just that.
 */
async function post(request: NextRequest, context: NextAuthContext): Promise<Response> {
  let body: string;
  try {
    body = await readBodyText(request, bodyLimits().auth);
  } catch (error) {
    if (isAppError(error)) return errorResponse(error);
    throw error;
  }
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body }), context);
}

export { handler as GET, post as POST };
