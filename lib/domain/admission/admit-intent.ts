import { DomainError, type ErrorCode } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { BLOCKED_IPS_KEY, BLOCKED_USERS_KEY, saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { rateLimited, spendRateLimit } from "@/lib/domain/admission/rate-limit";
import { proofAlreadyUsed, spendProof, type CheckedProof } from "@/lib/domain/admission/proof-of-work";
import { newBookingId } from "@/lib/domain/holds/booking-change";
import { env } from "@/lib/config/env";
import { encodePrequeuedIntent } from "@/lib/domain/admission/draw-prequeue";
import { unknownSaleRefusal } from "@/lib/domain/admission/unknown-sale-refusal";

export type IntentInput = {
  saleId: string;
  userId: string;
  ip: string;
  userAgent: string;
  /** The checked proof of work the intent came with, spent here. The route always has one; in-process callers (benchmarks, tests, seeds) admit without. */
  proof?: CheckedProof;
};
/** In line with a ticket, or (before the start) in the pre-queue, to be given a random place at the draw. */
export type AdmittedIntent =
  | { ticket: number; position: number; bookingId: string; prequeued: false }
  | { ticket: null; position: null; bookingId: string; prequeued: true };
/** Durably hands the request to the worker; resolves once the broker confirmed it. */
export type PublishRequest = (request: BookingRequest) => Promise<void>;

const REFUSALS: Partial<Record<string, { code: ErrorCode; message: string }>> = {
  not_started: { code: "not_started", message: "This sale has not started yet." },
  paused: { code: "paused", message: "This sale is paused. Your place is not taken; try again when it resumes." },
  sale_ended: { code: "sale_ended", message: "This sale has ended." },
  sold_out: { code: "sold_out", message: "Sold out: every item is taken." },
  already_queued: { code: "already_queued", message: "You are already in this sale's queue." },
  already_booked: { code: "already_booked", message: "You already bought this item." },
  conflict: { code: "conflict", message: "Your previous attempt is still being recorded. Try again in a moment." },
};

/**
 * The checks before admission, in one round trip: the proof's spend, both rate limits and both
 * block lists go out together (auto-pipelining writes them at once; on a cluster their keys are in
 * different slots, so they cannot be one script). The answers are read in the order the rules
 * rank them: a spent proof (403), then a spent budget (429), then a block (403).
 */
async function passChecks({ userId, ip, proof }: IntentInput): Promise<void> {
  const [proofFresh, retryAfterSeconds, userBlocked, ipBlocked] = await Promise.all([
    proof ? spendProof(proof) : true,
    spendRateLimit(userId, ip),
    redis().sismember(BLOCKED_USERS_KEY, userId),
    redis().sismember(BLOCKED_IPS_KEY, ip),
  ]);
  if (!proofFresh) throw proofAlreadyUsed();
  if (retryAfterSeconds !== null) throw rateLimited(retryAfterSeconds);
  if (userBlocked || ipBlocked) throw new DomainError("forbidden", "Your account or network is blocked from this sale.");
}

/**
 * Admits a purchase intent: the proof, rate limits and block lists (passChecks), the atomic admit
 * step (sale open, one live attempt per user, a ticket from the sale's sequence), then a confirmed
 * publish. If the publish fails the admission is undone, so the user can simply retry. Before the
 * start the user joins the pre-queue instead; its draw (drawPrequeue) publishes the intent.
 */
export async function admitIntent(input: IntentInput, publish: PublishRequest): Promise<AdmittedIntent> {
  const { saleId, userId, ip, userAgent } = input;
  await passChecks(input);

  const keys = saleKeys(saleId);
  const bookingId = newBookingId(saleId);
  const admittedAt = Date.now();
  const reply = await runScript<[string, (string | number)?, (string | number)?]>(
    redis(),
    "admit",
    [keys.meta, keys.users, keys.seq, keys.served, keys.inventory, keys.holds, keys.dirty, keys.prequeue],
    [userId, bookingId, env().PREQUEUE_OPENS_SECONDS * 1000, encodePrequeuedIntent({ admittedAt, ip, userAgent })],
  );
  if (reply[0] === "prequeued") return { ticket: null, position: null, bookingId, prequeued: true };
  if (reply[0] !== "ok") {
    if (reply[1] === "not_found") throw await unknownSaleRefusal(saleId);
    const refusal = REFUSALS[String(reply[1])] ?? { code: "conflict" as const, message: "Your request was refused." };
    throw new DomainError(refusal.code, refusal.message);
  }
  const ticket = Number(reply[1]);
  const position = Number(reply[2]);
  try {
    await publish({ v: 1, saleId, userId, bookingId, ticket, admittedAt, ip, userAgent: userAgent.slice(0, 512) });
  } catch (error) {
    await runScript(redis(), "unadmit", [keys.users, keys.void], [userId, bookingId, ""]);
    throw new DomainError("unavailable", "We could not queue your request. Please try again.", { cause: String(error), retryAfterSeconds: 1 });
  }
  return { ticket, position, bookingId, prequeued: false };
}
