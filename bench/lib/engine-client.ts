import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { DomainError } from "@/lib/errors/domain-error";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import type { Answer, UserClient } from "./load";

/**
 * Simulated users calling the domain functions the route handlers call, in this process: the
 * real rate limits, Lua admission and confirmed publish, without Next's HTTP layer and without
 * the session JWT check (the route decodes it before calling admitIntent).
 */
export function createEngineUserClient(users: { saleId: string; userIdOf: (user: number) => string; ipOf: (user: number) => string }): UserClient {
  const refusal = (error: unknown): Answer =>
    error instanceof DomainError ? { status: error.status, code: error.code } : { status: 500, code: `internal:${String(error).slice(0, 80)}` };
  return {
    async postIntent(user) {
      try {
        const admitted = await admitIntent(
          { saleId: users.saleId, userId: users.userIdOf(user), ip: users.ipOf(user), userAgent: "flashsale-bench/1" },
          publishBookingRequest,
        );
        return { status: 202, code: null, ticket: admitted.ticket ?? undefined };
      } catch (error) {
        return refusal(error);
      }
    },
    async pollStatus(user) {
      try {
        const view = await getBookingStatus(users.saleId, users.userIdOf(user));
        return { status: 200, code: null, state: view.state };
      } catch (error) {
        return refusal(error);
      }
    },
  };
}
