import { ZodError } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { logger } from "@/lib/log/logger";
import type { HandlerRequest } from "@/lib/http/handler-request";

export function jsonError(code: string, message: string, status: number, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

/** Turns any thrown value into `{error: {code, message}}`; unexpected ones are logged, never leaked. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error.details?.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.details.retryAfterSeconds);
    return jsonError(error.code, error.message, error.status, headers);
  }
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return jsonError("bad_request", `${where}${first?.message ?? "invalid input"}`, 400);
  }
  logger.error({ err: error }, "unexpected error");
  return jsonError("internal", "Something went wrong on our side. Please try again.", 500);
}

/** Reads a JSON body, answering 400 (not 500) when it is missing or malformed. */
export async function readJson(request: HandlerRequest): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("bad_request", "The request body is not valid JSON.");
  }
}
