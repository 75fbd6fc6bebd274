import { NextRequest } from "next/server";
import { DomainError } from "@/lib/errors/domain-error";
import { apiRoute, type RouteHandler } from "@/lib/http/api-route";
import { jsonError } from "@/lib/http/error-response";
import { mediaType, readBody } from "@/lib/http/read-body";

type AuthParams = { nextauth: string[] };

// next-auth's actions and the methods it serves each on (next-auth/core/index.js). Its callback
// takes GET only for OAuth redirects; the credentials provider posts to it.
const ACTION_METHODS: Readonly<Record<string, readonly string[]>> = {
  providers: ["GET"],
  session: ["GET", "POST"],
  csrf: ["GET"],
  signin: ["GET", "POST"],
  signout: ["GET", "POST"],
  callback: ["POST"],
  "verify-request": ["GET"],
  error: ["GET"],
  _log: ["POST"],
};

const PROVIDER_ACTIONS = new Set(["signin", "callback"]);

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];
const FORM_TYPES = ["application/x-www-form-urlencoded", "application/json"];

/** next-auth's form posts, bounded and checked: next-auth itself reads any size and answers malformed JSON with an empty 500. */
async function checkedForm(request: NextRequest): Promise<NextRequest> {
  const body = await readBody(request, (type) => FORM_TYPES.includes(type), "a form (application/x-www-form-urlencoded) or JSON");
  if (body && mediaType(request.headers.get("content-type")) === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new DomainError("bad_request", "The request body is not a JSON object.");
  }
  // No body at all when it is empty: next-auth would JSON.parse an empty JSON body and answer 500.
  return new NextRequest(request.url, { method: request.method, headers: request.headers, body: body || null });
}

// next-auth's own test (next-auth/core/lib/assert.js): a path, or an absolute http(s) URL.
function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://localhost" : undefined).protocol);
  } catch {
    return false;
  }
}

/** next-auth answers a callbackUrl (query or cookie) that is not a URL with a 500 "configuration" error. */
function checkCallbackUrls(request: NextRequest): void {
  const values = [request.nextUrl.searchParams.get("callbackUrl"), ...CALLBACK_COOKIES.map((name) => request.cookies.get(name)?.value)];
  if (values.some((value) => value && !isHttpUrl(value))) throw new DomainError("bad_request", "callbackUrl must be a path or an http(s) URL.");
}

/**
 * next-auth's route handler behind the API's rules: an unknown action is a JSON 404, a method the
 * action does not take a JSON 405 with Allow, a body is read with a cap, a callbackUrl it would
 * call a configuration error is a 400, and next-auth's own plain-text refusals become
 * `{error: {code, message}}`.
 */
export function authRoute(handler: RouteHandler<AuthParams>): RouteHandler<AuthParams> {
  return apiRoute<AuthParams>(async (request, context) => {
    const [action = "", provider, ...rest] = (await context.params).nextauth;
    const methods = Object.hasOwn(ACTION_METHODS, action) ? ACTION_METHODS[action]! : null;
    // Only sign-in and callback name a provider; next-auth builds redirects from the segment and
    // fails (500) on one that is not a plain name.
    const segmentsFit = rest.length === 0 && (provider === undefined || (PROVIDER_ACTIONS.has(action) && /^[\w-]{1,64}$/.test(provider)));
    if (!methods || !segmentsFit) throw new DomainError("not_found", "There is no such sign-in endpoint.");
    const method = request.method === "HEAD" ? "GET" : request.method;
    if (!methods.includes(method)) throw new DomainError("method_not_allowed", `${request.method} is not allowed here.`, { allow: methods.join(", ") });
    checkCallbackUrls(request);
    const response = await handler(method === "POST" ? await checkedForm(request) : request, context);
    if (response.status >= 500) throw new Error(`next-auth answered ${response.status}: ${await response.text()}`);
    // A refused sign-in is JSON next-auth's client reads ({url} naming the error): it stays as it is.
    if (response.status >= 400 && mediaType(response.headers.get("content-type")) !== "application/json") {
      return jsonError("bad_request", "This sign-in request is not valid.", 400);
    }
    return response;
  });
}
