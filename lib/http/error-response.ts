import { ZodError } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { logger } from "@/lib/log/logger";
import { readBody } from "@/lib/http/read-body";
import { jsonResponse } from "@/lib/http/json-response";

/** What an error answer needs of the request: its id (X-Request-Id, set by the host) for the log line. */
export type RequestIdSource = { headers: Pick<Headers, "get"> };

export const requestIdOf = (request: RequestIdSource) => request.headers.get("x-request-id") ?? undefined;
import type { HandlerRequest } from "@/lib/http/handler-request";

export function jsonError(code: string, message: string, status: number, headers?: Record<string, string>): Response {
  return jsonResponse({ error: { code, message } }, { status, headers });
}

/**
 * Turns any thrown value into `{error: {code, message}}`. Every 5xx is logged once, with the
 * request's id (the response carries it as X-Request-Id); unexpected errors are never leaked.
 */
export function errorResponse(error: unknown, request: RequestIdSource): Response {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error.details?.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.details.retryAfterSeconds);
    if (error.details?.allow !== undefined) headers.Allow = String(error.details.allow);
    if (error.details?.closeConnection) headers.Connection = "close";
    // The cause (a broker's or a database's own error) is for the operator; the shopper gets the message.
    if (error.status >= 500) logger.warn({ requestId: requestIdOf(request), code: error.code, cause: error.details?.cause }, error.message);
    return jsonError(error.code, error.message, error.status, headers);
  }
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return jsonError("bad_request", `${where}${first?.message ?? "invalid input"}`, 400);
  }
  logger.error({ err: error, requestId: requestIdOf(request) }, "unexpected error");
  return jsonError("internal", "Something went wrong on our side. Please try again.", 500);
}

const isJson = (type: string) => type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));

/** Reads a JSON body (capped, see readBody): 400 when it is malformed, 413 when too large, 415 when not JSON. */
export async function readJson(request: HandlerRequest): Promise<unknown> {
  const text = await readBody(request, isJson, "JSON (Content-Type: application/json)");
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("bad_request", "The request body is not valid JSON.");
  }
}
