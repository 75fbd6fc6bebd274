import { afterEach, describe, expect, it, vi } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { errorResponse } from "@/lib/http/error-response";
import { logger } from "@/lib/log/logger";

const request = { headers: new Headers({ "x-request-id": "req-42" }) };

afterEach(() => vi.restoreAllMocks());

describe("errorResponse", () => {
  it("answers an unexpected error with a generic 500, never its message or stack, and logs it once with the request id", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const response = errorResponse(new TypeError("startsAt.getTime is not a function"), request);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } });
    expect(text).not.toMatch(/getTime|TypeError|at /);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![0]).toMatchObject({ requestId: "req-42", err: expect.any(TypeError) });
  });

  it("logs a 5xx refusal (503) with the request id, and no 4xx", async () => {
    const warned = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    expect(errorResponse(new DomainError("not_found", "No such sale."), request).status).toBe(404);
    expect(warned).not.toHaveBeenCalled();
    const response = errorResponse(new DomainError("unavailable", "Being restored.", { retryAfterSeconds: 5 }), request);
    expect([response.status, response.headers.get("Retry-After")]).toEqual([503, "5"]);
    expect(warned).toHaveBeenCalledWith({ requestId: "req-42", code: "unavailable" }, "Being restored.");
  });

  it("carries the allowed methods of a 405 in Allow", () => {
    const response = errorResponse(new DomainError("method_not_allowed", "GET is not allowed here.", { allow: "POST" }), request);
    expect([response.status, response.headers.get("Allow")]).toEqual([405, "POST"]);
  });
});
