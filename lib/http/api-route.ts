import type { NextRequest } from "next/server";
import { logger } from "@/lib/log/logger";
import { errorResponse, requestIdOf } from "@/lib/http/error-response";

type RouteParams = Record<string, string | string[]>;
export type RouteHandler<P extends RouteParams> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/**
 * A route handler that answers every failure as `{error: {code, message}}` (errorResponse), so
 * routes hold no try/catch of their own. A 5xx the handler answers itself (health's 503) is
 * logged here, once, with the request's id, as errorResponse logs the ones it builds.
 */
export function apiRoute<P extends RouteParams = RouteParams>(handler: RouteHandler<P>): RouteHandler<P> {
  return async (request, context) => {
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
    if (response.status >= 500) logger.warn({ requestId: requestIdOf(request), status: response.status, path: request.nextUrl.pathname }, "answered with a server error");
    return response;
  };
}
