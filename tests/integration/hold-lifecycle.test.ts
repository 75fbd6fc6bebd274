import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getStatus } from "@/app/api/sales/[saleId]/status/route";
import { PUT as putBooking } from "@/app/api/bookings/[id]/route";
import { Booking } from "@/lib/db/models/booking";
import { Sale } from "@/lib/db/models/sale";
import { SCHEDULER_ACTOR } from "@/lib/domain/admin/actor";
import { endSale } from "@/lib/domain/sales/end-sale";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { expireHold } from "@/lib/domain/holds/expire-hold";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { callRoute, createLiveSale, mapLimit, postIntentAs, purgeBookingQueue, sessionCookie, startWorker, stopWorker, userIds, waitFor } from "./support/harness";
import { mongoBookings, moveHoldExpiry, stockAddsUp, userStates, waitUntilDrained } from "./support/sale-checks";

let worker: ChildProcess | undefined;
beforeAll(async () => {
  await purgeBookingQueue();
  worker = await startWorker();
});
afterAll(async () => stopWorker(worker));

async function admitInOrder(saleId: string, users: string[]) {
  for (const userId of users) {
    const answer = await postIntentAs(userId, saleId);
    expect(answer.status).toBe(202);
  }
  await waitUntilDrained(saleId);
}

const statusOf = async (saleId: string, userId: string) =>
  (await callRoute(getStatus, `/api/sales/${saleId}/status`, { saleId }, { cookie: await sessionCookie(userId) })).body;

const confirm = async (userId: string, bookingId: string) =>
  callRoute(putBooking, `/api/bookings/${bookingId}`, { id: bookingId }, { method: "PUT", cookie: await sessionCookie(userId), body: { status: "booked" } });

describe("holds", () => {
  it("expired holds go to the waitlist heads in ticket order, then back to stock, and the sale ends fully booked", async () => {
    const { saleId } = await createLiveSale({ stock: 3, holdSeconds: 5, waitlistMax: 3 });
    const users = userIds("expiry", 8);
    await admitInOrder(saleId, users);
    const first = await userStates(saleId);
    expect(users.map((u) => first.get(u)!.status)).toEqual(["hold", "hold", "hold", "waitlisted", "waitlisted", "waitlisted", "sold_out", "sold_out"]);

    // Nobody confirms: the three holds expire and the three waitlisted users get them, in ticket order.
    await waitFor(async () => (await userStates(saleId)).get(users[5]!)!.status === "hold", 30_000);
    const second = await userStates(saleId);
    expect(users.slice(0, 3).map((u) => second.get(u)!.status)).toEqual(["expired", "expired", "expired"]);
    const promotedExpiry = users.slice(3, 6).map((u) => second.get(u)!.expiresAt);
    expect([...promotedExpiry].sort((a, b) => a - b)).toEqual(promotedExpiry);

    // Two confirm; the third lets the hold lapse, and with nobody waiting the item returns to stock.
    for (const userId of users.slice(3, 5)) {
      const status = await statusOf(saleId, userId);
      expect((await confirm(userId, status.bookingId)).status).toBe(200);
    }
    await waitFor(async () => (await readSaleStats(saleId)).available === 1, 30_000);
    expect((await userStates(saleId)).get(users[5]!)!.status).toBe("expired");

    // A late shopper takes the returned item: booked equals stock, nothing was oversold.
    const late = userIds("late", 1)[0]!;
    await admitInOrder(saleId, [late]);
    const lateStatus = await statusOf(saleId, late);
    expect(lateStatus.state).toBe("hold");
    expect((await confirm(late, lateStatus.bookingId)).status).toBe(200);

    const { stats, total } = await stockAddsUp(saleId, 3);
    expect(stats.booked).toBe(3);
    expect(stats.available).toBe(0);
    expect(total).toBe(3);
    const bookings = await mongoBookings(saleId);
    const statusByUser = new Map(bookings.map((b) => [b.userId, b.status]));
    expect(users.map((u) => statusByUser.get(u) ?? "none")).toEqual(["expired", "expired", "expired", "booked", "booked", "expired", "none", "none"]);
    expect(statusByUser.get(late)).toBe("booked");
    // The confirm that took the last item marks the sale sold out.
    expect((await Sale.findById(saleId).lean())!.status).toBe("sold_out");
    expect((await statusOf(saleId, users[0]!)).saleStatus).toBe("sold_out");
  });

  it("ending a sale tells its waitlist sold out, while the hold already given can still be confirmed", async () => {
    const { saleId } = await createLiveSale({ stock: 1, waitlistMax: 5 });
    const users = userIds("ending", 3);
    await admitInOrder(saleId, users);
    await endSale(saleId, SCHEDULER_ACTOR, saleEffects);

    const states = await userStates(saleId);
    expect(users.map((u) => states.get(u)!.status)).toEqual(["hold", "sold_out", "sold_out"]);
    const hold = await statusOf(saleId, users[0]!);
    expect((await confirm(users[0]!, hold.bookingId)).status).toBe(200);
    const bookings = await mongoBookings(saleId);
    expect(bookings.map((b) => b.status)).toEqual(["booked", "sold_out", "sold_out"]);
    const waiting = await statusOf(saleId, users[1]!);
    expect(waiting.state).toBe("sold_out");
  });

  it("1,000 confirms racing their expiry each end in exactly one state, and the stock adds up", async () => {
    const stock = 1000;
    // Holds that cannot run out while a busy machine admits everyone; expiry is then driven below.
    const { saleId } = await createLiveSale({ stock, holdSeconds: 300, waitlistMax: 0 });
    const users = userIds("racer", stock);
    await mapLimit(users, 100, async (userId, i) => {
      const answer = await postIntentAs(userId, saleId, { ip: `10.2.${i % 250}.1` });
      expect(answer.status).toBe(202);
    });
    await waitUntilDrained(saleId);
    const holds = await userStates(saleId);

    // Every hold falls due within the next two seconds, one every 2 ms; each user confirms within
    // ±40 ms of their hold's expiry while expireHold (and the sweeper) race for the same hold.
    const start = Date.now() + 1000;
    const dueAt = new Map(users.map((userId, i) => [userId, start + i * 2]));
    await mapLimit(users, 50, (userId) => moveHoldExpiry(saleId, holds.get(userId)!.bookingId, dueAt.get(userId)!));
    const answers = await Promise.all(
      users.map(async (userId, i) => {
        const { bookingId } = holds.get(userId)!;
        const at = dueAt.get(userId)! + ((i % 81) - 40);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        const [answer] = await Promise.all([confirm(userId, bookingId), expireHold(saleId, bookingId, holdEffects)]);
        return { userId, bookingId, status: answer.status };
      }),
    );

    await waitFor(async () => (await readSaleStats(saleId)).holds === 0, 60_000);
    // MongoDB follows through the outbox: 1,000 updates, at the busy machine's pace.
    await waitFor(async () => (await redis().hlen(saleKeys(saleId).dirty)) === 0, 120_000, 250);
    const stats = await readSaleStats(saleId);
    const bookings = new Map((await mongoBookings(saleId)).map((b) => [b._id, b]));
    const finals = await userStates(saleId);
    for (const { userId, bookingId, status } of answers) {
      expect([200, 410]).toContain(status);
      const expected = status === 200 ? "booked" : "expired";
      expect(finals.get(userId)!.status).toBe(expected);
      expect(bookings.get(bookingId)!.status).toBe(expected);
    }
    const booked = answers.filter((a) => a.status === 200).length;
    // Counters move once per transition, so a transition applied twice would show here.
    expect(stats.outcomes.booked).toBe(booked);
    expect(stats.outcomes.expired).toBe(stock - booked);
    expect(stats.available + stats.holds + stats.booked).toBe(stock);
    expect(stats.available).toBe(stock - booked);
    expect(await Booking.countDocuments({ saleId, status: { $in: ["hold"] } })).toBe(0);
  }, 300_000); // 2,000 racing requests on two shared cores: a generous bound against a hang only
});
