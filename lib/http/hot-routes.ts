import type { IncomingMessage, ServerResponse } from "node:http";
import type { HandlerRequest, SaleRouteContext } from "@/lib/http/handler-request";
import { sendResponse, toHandlerRequest } from "@/lib/http/node-adapter";
import { errorResponse } from "@/lib/http/error-response";
import { isMalformedUrl } from "@/lib/http/malformed-url";
import SECURITY_HEADERS from "@/lib/http/security-headers.json";

export type SaleRouteHandler = (request: HandlerRequest, context: SaleRouteContext) => Promise<Response>;

/** Route handlers the server calls itself, by `"<METHOD> <action>"` of `/api/sales/:saleId/<action>`. */
export type HotRoutes = Record<string, SaleRouteHandler>;

const SALE_ROUTE = /^\/api\/sales\/([^/?]+)\/([a-z]+)\/?(?:\?.*)?$/;

/**
 * The hot route a request is for, with its sale id, or null for everything else (what the host
 * refuses, a malformed URL included, and what Next serves). Looked up before the host's own checks
 * of the method against every API route: a hot route's method is an allowed one.
 */
export function findHotRoute(routes: HotRoutes, method: string | undefined, url: string): { handler: SaleRouteHandler; saleId: string } | null {
  const match = SALE_ROUTE.exec(url);
  const handler = match && routes[`${method} ${match[2]}`];
  return handler && !isMalformedUrl(url) ? { handler, saleId: decodeURIComponent(match[1]!) } : null;
}

/** Calls the route file's handler with node:http's request adapted, and writes its Response. */
export async function serveHotRoute(route: { handler: SaleRouteHandler; saleId: string }, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const adapted = toHandlerRequest(request, response);
  let answer: Response;
  try {
    answer = await route.handler(adapted, { params: Promise.resolve({ saleId: route.saleId }) });
  } catch (error) {
    answer = errorResponse(error, adapted);
  }
  // Every response carries them (next.config.mjs sets the same for what Next serves).
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  await sendResponse(answer, response).catch(() => response.destroy());
  if (!response.writableEnded) forgetHeaders(request);
}

/**
 * A live stream stays open as long as its shopper waits, and nothing reads its request's headers
 * once it has started: their strings (a browser's cookies and user agent, 1-2 KB) are let go.
 */
function forgetHeaders(request: IncomingMessage): void {
  request.headers = {};
  request.rawHeaders = [];
}
