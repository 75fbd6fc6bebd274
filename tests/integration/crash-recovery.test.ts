import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT as putBooking } from "@/app/api/bookings/[id]/route";
import { Booking } from "@/lib/db/models/booking";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { newBookingId } from "@/lib/domain/holds/booking-change";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { bullPrefix } from "@/lib/messaging/queues";
import { redis, redisMasters } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { callRoute, createLiveSale, mapLimit, postIntentAs, purgeBookingQueue, queueDepth, sessionCookie, startWorker, stopWorker, userIds, waitFor } from "./support/harness";
import { mongoBookings, userStates, waitUntilDrained } from "./support/sale-checks";

let worker: ChildProcess | undefined;
beforeAll(() => purgeBookingQueue());
afterAll(async () => stopWorker(worker));

async function admitAll(saleId: string, users: string[], ipBase: number) {
  return mapLimit(users, 100, async (userId, i) => {
    const answer = await postIntentAs(userId, saleId, { ip: `10.${ipBase}.${i % 250}.2` });
    expect(answer.status).toBe(202);
    return answer.body as { ticket: number; bookingId: string };
  });
}

/**
 * Deletes every key the system under test keeps in Redis for this sale and for its job queues (on
 * each master of a cluster: SCAN walks one node). Each pattern matches one hash tag, so one slot.
 */
async function loseRedisState(saleId: string) {
  for (const node of await redisMasters()) {
    for (const pattern of [`*{${saleId}}*`, `${bullPrefix()}:*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
        if (keys.length) await node.del(...keys);
        cursor = next;
      } while (cursor !== "0");
    }
  }
}

describe("crashes", () => {
  it("a worker SIGKILLed mid-stream and restarted loses no accepted intent and serves none twice", async () => {
    const stock = 200;
    const { saleId } = await createLiveSale({ stock, waitlistMax: 300 });
    const users = userIds("crash", 3000);
    await admitAll(saleId, users, 3); // a backlog builds while no worker runs
    expect(await queueDepth()).toBe(3000);

    worker = await startWorker();
    await waitFor(async () => (await readSaleStats(saleId)).served >= 400, 60_000, 20);
    await stopWorker(worker, "SIGKILL");
    const servedAtCrash = (await readSaleStats(saleId)).served;
    expect(servedAtCrash).toBeLessThan(3000);

    worker = await startWorker();
    await waitUntilDrained(saleId);
    await waitFor(async () => (await queueDepth()) === 0, 30_000);

    const states = await userStates(saleId);
    const count = (status: string) => [...states.values()].filter((entry) => entry.status === status).length;
    expect(states.size).toBe(3000);
    expect(count("hold")).toBe(stock);
    expect(count("waitlisted")).toBe(300);
    expect(count("sold_out")).toBe(2500);
    const stats = await readSaleStats(saleId);
    // Counters move once per transition: a message served twice would have counted twice.
    expect(stats.outcomes.hold).toBe(stock);
    expect(stats.outcomes.waitlisted).toBe(300);
    expect(stats.outcomes.sold_out).toBe(2500);
    expect(stats.available).toBe(0);
    const bookings = await mongoBookings(saleId);
    expect(bookings).toHaveLength(500);
    expect(new Set(bookings.map((b) => b.userId)).size).toBe(500);
    expect(bookings.filter((b) => b.status === "hold").map((b) => b.ticket)).toEqual(Array.from({ length: stock }, (_, i) => i + 1));
  });

  it("after Redis loses a sale mid-sale, the restarted worker rebuilds it from MongoDB and nothing is oversold", async () => {
    await stopWorker(worker);
    const stock = 50;
    const { saleId } = await createLiveSale({ stock, waitlistMax: 30 });
    worker = await startWorker();
    const users = userIds("flush", 100);
    const admitted = await admitAll(saleId, users, 4);
    await waitUntilDrained(saleId);
    const before = await userStates(saleId);
    const holders = users.filter((u) => before.get(u)!.status === "hold");
    expect(holders).toHaveLength(stock);
    for (const userId of holders.slice(0, 20)) {
      const { bookingId } = before.get(userId)!;
      const answer = await callRoute(putBooking, `/api/bookings/${bookingId}`, { id: bookingId }, { method: "PUT", cookie: await sessionCookie(userId), body: { status: "booked" } });
      expect(answer.status).toBe(200);
    }
    await mongoBookings(saleId); // every outbox record written

    await stopWorker(worker, "SIGKILL");
    await loseRedisState(saleId);
    expect(await redis().exists(saleKeys(saleId).meta)).toBe(0);
    worker = await startWorker();

    const stats = await readSaleStats(saleId);
    expect(stats.booked).toBe(20);
    expect(stats.holds).toBe(30);
    expect(stats.waitlist).toBe(30);
    expect(stats.available).toBe(0);
    const after = await userStates(saleId);
    for (const userId of users) {
      const { status } = before.get(userId)!;
      if (status === "sold_out") continue; // refusals are not kept in MongoDB
      expect(after.get(userId)?.status).toBe(holders.slice(0, 20).includes(userId) ? "booked" : status);
    }

    // The same users and new ones try again: nobody gets a second live booking, nothing is oversold.
    const retries = await mapLimit([...holders, ...userIds("late", 50)], 50, async (userId, i) =>
      postIntentAs(userId, saleId, { ip: `10.5.${i}.1` }),
    );
    expect(retries.slice(0, stock).every((answer) => answer.status === 409)).toBe(true);
    const newTickets = retries.filter((answer) => answer.status === 202).map((answer) => answer.body.ticket as number);
    expect(Math.min(...newTickets)).toBeGreaterThan(Math.max(...admitted.map((a) => a.ticket)));
    await waitUntilDrained(saleId);
    const final = await readSaleStats(saleId);
    expect(final.holds + final.booked).toBe(stock);
    expect(final.available).toBe(0);
    expect(await Booking.countDocuments({ saleId, status: { $in: ["hold", "booked"] } })).toBe(stock);
    await stopWorker(worker);
  });

  it("a ticket whose message never reached the queue is passed over, and its user may try again", async () => {
    const { saleId } = await createLiveSale({ stock: 5 });
    const [lost, next] = userIds("lost", 2);
    // The admitting process dies between the admit step and the publish: a ticket, no message.
    const keys = saleKeys(saleId);
    const lostBookingId = newBookingId(saleId);
    const admitKeys = [keys.meta, keys.users, keys.seq, keys.served, keys.inventory, keys.holds, keys.dirty, keys.prequeue];
    expect(await runScript(redis(), "admit", admitKeys, [lost!, lostBookingId, 0, "{}"])).toEqual(["ok", 1, 1]);
    expect((await postIntentAs(lost!, saleId, { ip: "10.88.0.1" })).status).toBe(409); // in line, as far as anyone knows
    expect((await postIntentAs(next!, saleId, { ip: "10.88.0.2" })).body).toMatchObject({ ticket: 2 });

    worker = await startWorker({ WORKER_GAP_WAIT_MS: "300" });
    await waitFor(async () => (await userStates(saleId)).get(next!)?.status === "hold", 30_000);
    expect(await getBookingStatus(saleId, lost!)).toMatchObject({ state: "rejected", canRetry: true });

    const retry = await postIntentAs(lost!, saleId, { ip: "10.88.0.1" });
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ ticket: 3 });
    // The old message turns up after all: stale (another booking id), it serves nothing.
    await publishBookingRequest({ v: 1, saleId, userId: lost!, bookingId: lostBookingId, ticket: 1, admittedAt: Date.now(), ip: "10.88.0.1", userAgent: "vitest" });
    await waitFor(async () => (await userStates(saleId)).get(lost!)?.status === "hold", 30_000);
    await waitFor(async () => (await queueDepth()) === 0, 30_000);

    expect((await userStates(saleId)).get(lost!)!.bookingId).toBe(retry.body.bookingId);
    const bookings = await mongoBookings(saleId);
    expect(bookings.map((booking) => [booking._id, booking.status])).toEqual([
      [(await userStates(saleId)).get(next!)!.bookingId, "hold"],
      [retry.body.bookingId, "hold"],
    ]);
    expect((await readSaleStats(saleId)).holds).toBe(2);
    await stopWorker(worker);
  });
});
