import type { ChildProcess } from "node:child_process";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postIntent } from "@/app/api/sales/[saleId]/intents/route";
import { GET as getStatus } from "@/app/api/sales/[saleId]/status/route";
import { DELETE as deleteBooking, PUT as putBooking } from "@/app/api/bookings/[id]/route";
import { Booking } from "@/lib/db/models/booking";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { redis } from "@/lib/redis/client";
import { BLOCKED_USERS_KEY } from "@/lib/redis/keys";
import { callRoute, createLiveSale, postIntentAs, purgeBookingQueue, sessionCookie, startWorker, stopWorker, userIds } from "./support/harness";
import { mongoBookings, waitUntilDrained } from "./support/sale-checks";

let worker: ChildProcess | undefined;
let saleId: string;
let owner: string;
let bookingId: string;

beforeAll(async () => {
  await purgeBookingQueue();
  worker = await startWorker();
  ({ saleId } = await createLiveSale({ stock: 3 }));
  owner = userIds("owner", 1)[0]!;
  const admitted = await postIntentAs(owner, saleId);
  bookingId = admitted.body.bookingId;
  await waitUntilDrained(saleId);
  await mongoBookings(saleId);
});
afterAll(async () => stopWorker(worker));

/** The sale's counters and the owner's booking, to prove a refused request changed nothing. */
async function snapshot() {
  const stats = await readSaleStats(saleId);
  const booking = await Booking.findById(bookingId).lean();
  return { stats: { ...stats, drainRatePerSec: 0 }, status: booking?.status, rank: booking?.rank };
}

const anonymousIntent = (cookie: string | null) =>
  callRoute(postIntent, `/api/sales/${saleId}/intents`, { saleId }, { method: "POST", cookie, body: { proof: "not checked before the session" } });
const put = (id: string, cookie: string | null, options: { body?: unknown; rawBody?: string }) =>
  callRoute(putBooking, `/api/bookings/${id}`, { id }, { method: "PUT", cookie, ...options });
const del = (id: string, cookie: string | null, options: { body?: unknown; rawBody?: string }) =>
  callRoute(deleteBooking, `/api/bookings/${id}`, { id }, { method: "DELETE", cookie, ...options });

describe("bad input is refused clearly and changes nothing", () => {
  it.each([
    ["no session", async () => anonymousIntent(null), 401, "unauthenticated"],
    ["a forged session cookie", async () => anonymousIntent("next-auth.session-token=not-a-jwt"), 401, "unauthenticated"],
    ["an unknown sale", async () => postIntentAs("someone", new mongoose.Types.ObjectId().toString()), 404, "not_found"],
    ["a sale id that is not an id", async () => postIntentAs("someone", "../../etc"), 404, "not_found"],
    ["status without a session", async () => callRoute(getStatus, `/api/sales/${saleId}/status`, { saleId }, { cookie: null }), 401, "unauthenticated"],
    ["confirm without a session", async () => put(bookingId, null, { body: { status: "booked" } }), 401, "unauthenticated"],
    ["confirm with broken JSON", async () => put(bookingId, await sessionCookie(owner), { rawBody: "{status: booked" }), 400, "bad_request"],
    ["confirm with a wrong status value", async () => put(bookingId, await sessionCookie(owner), { body: { status: "cancelled" } }), 400, "bad_request"],
    ["confirm with extra fields", async () => put(bookingId, await sessionCookie(owner), { body: { status: "booked", price: 0 } }), 400, "bad_request"],
    ["confirm with an array body", async () => put(bookingId, await sessionCookie(owner), { body: ["booked"] }), 400, "bad_request"],
    ["confirm of another user's booking", async () => put(bookingId, await sessionCookie("intruder"), { body: { status: "booked" } }), 404, "not_found"],
    ["confirm of a malformed booking id", async () => put("1234", await sessionCookie(owner), { body: { status: "booked" } }), 404, "not_found"],
    ["confirm of an unknown booking", async () => put(`${saleId}-00000000-0000-4000-8000-000000000000`, await sessionCookie(owner), { body: { status: "booked" } }), 404, "not_found"],
    ["cancel with the confirm body", async () => del(bookingId, await sessionCookie(owner), { body: { status: "booked" } }), 400, "bad_request"],
    ["cancel with no body", async () => del(bookingId, await sessionCookie(owner), {}), 400, "bad_request"],
    ["cancel of another user's booking", async () => del(bookingId, await sessionCookie("intruder"), { body: { status: "deleted" } }), 404, "not_found"],
  ])("%s", async (_name, send, status, code) => {
    const before = await snapshot();
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });

  it("refuses sales that are not open with 423 or 410, and blocked users with 403", async () => {
    const userId = userIds("closed", 1)[0]!;
    const cases = [
      { sale: await createLiveSale({ status: "scheduled", startsAt: new Date(Date.now() + 3_600_000) }), status: 423, code: "not_started" },
      { sale: await createLiveSale({ status: "live", startsAt: new Date(Date.now() + 3_600_000) }), status: 423, code: "not_started" },
      { sale: await createLiveSale({ status: "paused" }), status: 423, code: "paused" },
      { sale: await createLiveSale({ status: "ended" }), status: 410, code: "sale_ended" },
      { sale: await createLiveSale({ endsAt: new Date(Date.now() - 1000), startsAt: new Date(Date.now() - 60_000) }), status: 410, code: "sale_ended" },
    ];
    for (const { sale, status, code } of cases) {
      const answer = await postIntentAs(userId, sale.saleId);
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect((await readSaleStats(sale.saleId)).admitted).toBe(0);
    }
    const blocked = userIds("blocked", 1)[0]!;
    await redis().sadd(BLOCKED_USERS_KEY, blocked);
    const answer = await postIntentAs(blocked, saleId);
    expect(answer.status).toBe(403);
    await redis().srem(BLOCKED_USERS_KEY, blocked);
  });

  it("a confirm that is repeated returns the same booking, and the booking is still the owner's", async () => {
    const cookie = await sessionCookie(owner);
    const first = await put(bookingId, cookie, { body: { status: "booked" } });
    const second = await put(bookingId, cookie, { body: { status: "booked" } });
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const cancel = await del(bookingId, cookie, { body: { status: "deleted" } });
    expect(cancel.status).toBe(409);
    expect((await readSaleStats(saleId)).booked).toBe(1);
  });
});
