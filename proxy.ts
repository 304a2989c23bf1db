import { NextResponse, type NextRequest } from "next/server";

/** next-auth's session cookie, plain over http and __Secure- prefixed over https. */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Sends visitors without a session cookie straight to /signin instead of rendering a page that
 * would redirect anyway. Only a fast first gate: pages and every API route verify the session
 * (signature, expiry, active user, permission) themselves.
 */
export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callback = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/signin";
  url.search = callback === "/" ? "" : `?callbackUrl=${encodeURIComponent(callback)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 JSON themselves; sign-in, health and static assets stay open.
  matcher: ["/((?!api/|signin|_next/static|_next/image|favicon\\.svg|favicon\\.ico|robots\\.txt).*)"],
};
