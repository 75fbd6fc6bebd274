import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { newBookingId } from "@/lib/domain/holds/booking-change";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { pauseSale } from "@/lib/domain/sales/pause-sale";
import { resumeSale } from "@/lib/domain/sales/resume-sale";
import { encodeBookingRequest, type BookingRequest } from "@/lib/messaging/booking-request";
import { bookingQueueName } from "@/lib/messaging/booking-queues";
import { connectRabbit } from "@/lib/messaging/rabbit";
import { redis } from "@/lib/redis/client";
import { BOOKING_LEASES_KEY, BOOKING_QUEUES_KEY, saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { MARKETER } from "./admin-support";
import {
  createLiveSale,
  postIntentAs,
  postIntentsFromWebProcess,
  purgeBookingQueue,
  queueDepth,
  startWorker,
  startWorkers,
  stopAllWorkers,
  stopWorker,
  userIds,
  waitFor,
  type IntentJob,
} from "./support/harness";
import { mongoBookings, userStates, waitUntilDrained } from "./support/sale-checks";

// Several workers and web processes on the same services (DESIGN §8): each sale has a queue of its
// own, the workers share the sales by leases, and no sale waits for another.

const LEASE_MS = 2000;
/** Earlier files' sales, taken off the workers' list by the first test (the suite's reset deletes listed queues). */
let unlisted: string[] = [];
beforeAll(() => purgeBookingQueue());
afterEach(() => stopAllWorkers());
afterAll(async () => {
  if (unlisted.length) await redis().sadd(BOOKING_QUEUES_KEY, ...unlisted);
  await purgeBookingQueue();
});

/** The worker (lease holder) of each sale's queue, from the lease hash. */
async function leaseHolders(saleIds: string[]): Promise<(string | undefined)[]> {
  const leases = await redis().hgetall(BOOKING_LEASES_KEY);
  return saleIds.map((saleId) => leases[`q:${saleId}`]?.split("|")[0]);
}

/** Every invariant a shopper cares about, for a drained sale. */
async function expectSaleServedFairly(saleId: string, users: string[], stock: number, waitlistMax: number) {
  const states = await userStates(saleId);
  expect(states.size).toBe(users.length); // nothing lost, one entry per user
  const inTicketOrder = [...states.values()].sort((a, b) => a.ticket - b.ticket);
  const expected = inTicketOrder.map((_, i) => (i < stock ? "hold" : i < stock + waitlistMax ? "waitlisted" : "sold_out"));
  expect(inTicketOrder.map((entry) => entry.status)).toEqual(expected); // FIFO: the first tickets got the stock
  const stats = await readSaleStats(saleId);
  expect(stats.holds + stats.booked).toBe(stock); // no oversell, no undersell
  const bookings = await mongoBookings(saleId);
  expect(new Set(bookings.map((booking) => booking.userId)).size).toBe(bookings.length); // one per user
  expect(bookings.filter((booking) => booking.status === "hold")).toHaveLength(stock);
}

describe("scaling out", () => {
  it("two workers and two web processes serve two live sales in parallel, and every invariant holds", async () => {
    const stock = 40;
    const waitlistMax = 40;
    const sales = await Promise.all([createLiveSale({ stock, waitlistMax }), createLiveSale({ stock, waitlistMax })]);
    const users = sales.map((_, s) => userIds(`scale-${s}`, 100));
    await startWorkers(2);
    // Only these two sales' queues are listed: each worker's start listed every open sale again,
    // and earlier files' sales (their queues purged, retired mid-test) shift the fair shares so that
    // both new queues may go to one worker. They are listed again afterwards, for the next reset.
    unlisted = await redis().smembers(BOOKING_QUEUES_KEY);
    if (unlisted.length) await redis().srem(BOOKING_QUEUES_KEY, ...unlisted);

    // Each sale's first intent declares its queue; the two workers then split the two queues
    // between them (a fair share of one each, by the leases) before the crowd comes.
    for (const [s, { saleId }] of sales.entries()) expect((await postIntentAs(users[s]![0]!, saleId, { ip: `10.79.${s}.1` })).status).toBe(202);
    await waitFor(async () => {
      const holders = await leaseHolders(sales.map(({ saleId }) => saleId));
      return holders.every(Boolean) && new Set(holders).size === 2;
    }, 60_000);

    // Each web process admits half of each sale's other users, both at once, while one worker
    // serves each sale.
    const jobsOf = (half: number): IntentJob[] =>
      sales.flatMap(({ saleId }, s) =>
        users[s]!.slice(1)
          .filter((_, i) => i % 2 === half)
          .map((userId, i) => ({ saleId, userId, ip: `10.7${s}.${half}.${i % 250}` })),
      );
    const answers = await Promise.all([postIntentsFromWebProcess(jobsOf(0)), postIntentsFromWebProcess(jobsOf(1))]);
    expect(answers.flat().every((status) => status === 202)).toBe(true);
    await Promise.all(sales.map(({ saleId }) => waitUntilDrained(saleId)));
    for (const [s, { saleId }] of sales.entries()) await expectSaleServedFairly(saleId, users[s]!, stock, waitlistMax);
    await waitFor(async () => (await queueDepth()) === 0, 30_000);
    // Four processes start cold (tsx, then Next's route modules): minutes on a busy 2-core machine.
  }, 360_000);

  it("a paused sale's queued intents do not hold up another sale, even with a prefetch of 5", async () => {
    const paused = await createLiveSale({ stock: 5, waitlistMax: 5 });
    const live = await createLiveSale({ stock: 5, waitlistMax: 5 });
    const pausedUsers = userIds("paused", 30);
    for (const [i, userId] of pausedUsers.entries()) expect((await postIntentAs(userId, paused.saleId, { ip: `10.81.0.${i}` })).status).toBe(202);
    await pauseSale(paused.saleId, MARKETER);
    const liveUsers = userIds("live", 20);
    for (const [i, userId] of liveUsers.entries()) expect((await postIntentAs(userId, live.saleId, { ip: `10.82.0.${i}` })).status).toBe(202);

    await startWorker({ WORKER_PREFETCH: "5", WORKER_BATCH_SIZE: "5" });
    await waitUntilDrained(live.saleId, 60_000);
    await expectSaleServedFairly(live.saleId, liveUsers, 5, 5);
    expect((await readSaleStats(paused.saleId)).served).toBe(0);

    await resumeSale(paused.saleId, MARKETER);
    await waitUntilDrained(paused.saleId, 60_000);
    await expectSaleServedFairly(paused.saleId, pausedUsers, 5, 5);
  });

  it("a worker that dies has its sales taken over by the other within seconds", async () => {
    const sales = await Promise.all([createLiveSale({ stock: 10, waitlistMax: 10 }), createLiveSale({ stock: 10, waitlistMax: 10 })]);
    const saleIds = sales.map(({ saleId }) => saleId);
    const workers = await startWorkers(2, { WORKER_LEASE_MS: String(LEASE_MS) });
    const warmUp = userIds("warm", 2);
    for (const [s, saleId] of saleIds.entries()) expect((await postIntentAs(warmUp[s]!, saleId, { ip: `10.83.${s}.1` })).status).toBe(202);
    // Sales of earlier tests may still be listed, so both of these can go to one worker: the victim
    // is whichever holds the first sale (a worker's id carries its pid).
    await waitFor(async () => (await leaseHolders(saleIds)).every(Boolean), 30_000);
    const [firstHolder] = await leaseHolders(saleIds);
    const victim: ChildProcess = workers.find((worker) => firstHolder!.includes(`-${worker.pid}-`))!;
    await stopWorker(victim, "SIGKILL");
    const users = userIds("takeover", 40);
    for (const [i, userId] of users.entries()) expect((await postIntentAs(userId, saleIds[i % 2]!, { ip: `10.84.0.${i}` })).status).toBe(202);
    const killedAt = Date.now();
    await Promise.all(saleIds.map((saleId) => waitUntilDrained(saleId, 60_000)));
    // The lease expires after LEASE_MS and the survivor claims every LEASE_MS / 5; generous for a busy machine.
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS * 10);
    expect(new Set((await leaseHolders(saleIds)).filter(Boolean)).size).toBe(1);
    for (const saleId of saleIds) expect((await userStates(saleId)).size).toBe(21);
  });

  it("the worker moves the classic booking_requests queue's messages to the sales' queues in order, then deletes it", async () => {
    const { saleId } = await createLiveSale({ stock: 10, waitlistMax: 10 });
    const keys = saleKeys(saleId);
    const admitKeys = [keys.meta, keys.users, keys.seq, keys.served, keys.inventory, keys.holds, keys.dirty, keys.prequeue];
    const users = userIds("legacy", 40);
    const connection = await connectRabbit("test-legacy-queue");
    const channel = await connection.createConfirmChannel();
    // As the previous version declared and filled it: one classic queue for every sale.
    await channel.assertQueue(env().BOOKING_QUEUE, { durable: true, arguments: { "x-single-active-consumer": true } });
    for (const userId of users) {
      const bookingId = newBookingId(saleId);
      const [outcome, ticket] = (await runScript(redis(), "admit", admitKeys, [userId, bookingId, 0, "{}"])) as [string, number];
      expect(outcome).toBe("ok");
      const request: BookingRequest = { v: 1, saleId, userId, bookingId, ticket, admittedAt: Date.now(), ip: "10.85.0.1", userAgent: "vitest" };
      channel.sendToQueue(env().BOOKING_QUEUE, encodeBookingRequest(request), { persistent: true, messageId: bookingId });
    }
    await channel.waitForConfirms();

    await startWorker();
    await waitUntilDrained(saleId, 60_000);
    await expectSaleServedFairly(saleId, users, 10, 10);
    const probe = await connection.createChannel();
    probe.on("error", () => {});
    await expect(probe.checkQueue(env().BOOKING_QUEUE)).rejects.toThrow(/NOT_FOUND/);
    expect((await channel.checkQueue(bookingQueueName(saleId))).messageCount).toBe(0);
    await connection.close();
  });
});
