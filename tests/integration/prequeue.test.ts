// The pre-queue (DESIGN §7): users who arrive before the start wait without a ticket and are given
// places in a uniformly random order at the start, so millisecond timing gives no edge.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { drawDuePrequeues, drawPrequeue } from "@/lib/domain/admission/draw-prequeue";
import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { launchSale } from "@/lib/domain/sales/launch-sale";
import { DomainError } from "@/lib/errors/domain-error";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { MARKETER } from "./admin-support";
import { createLiveSale, mapLimit, purgeBookingQueue, startWorker, stopWorker, userIds } from "./support/harness";
import { mongoBookings, userStates, waitUntilDrained } from "./support/sale-checks";

const MINUTE = 60_000;

const scheduledSale = (overrides: Parameters<typeof createLiveSale>[0] = {}) =>
  createLiveSale({ status: "scheduled", startsAt: new Date(Date.now() + 5 * MINUTE), endsAt: new Date(Date.now() + 60 * MINUTE), ...overrides });

const intent = (saleId: string, userId: string, i: number, publish = publishBookingRequest) =>
  admitIntent({ saleId, userId, ip: `10.9.${i % 250}.${Math.floor(i / 250) + 1}`, userAgent: "vitest" }, publish);

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof DomainError ? { status: error.status, code: error.code } : { status: 500, code: String(error) }),
  );

const ticketsOf = (states: Awaited<ReturnType<typeof userStates>>, users: string[]) => users.map((userId) => states.get(userId)!.ticket);

let worker: ChildProcess | undefined;

beforeAll(async () => {
  await purgeBookingQueue();
});

afterAll(async () => {
  await stopWorker(worker);
  await purgeBookingQueue();
});

describe("the pre-queue", () => {
  it("refuses intents before the pre-queue opens", async () => {
    const { saleId } = await scheduledSale({ startsAt: new Date(Date.now() + env().PREQUEUE_OPENS_SECONDS * 1000 + 5 * MINUTE) });
    expect(await refusalOf(intent(saleId, "too-early", 0))).toEqual({ status: 423, code: "not_started" });
    expect(await redis().hlen(saleKeys(saleId).users)).toBe(0);
  });

  it("gives early arrivals random places at the start, ahead of later ones, and serves them in that order", async () => {
    const stock = 60;
    const { saleId } = await scheduledSale({ stock, waitlistMax: 0 });
    const early = userIds("early", 200);

    const answers = await mapLimit(early, 50, (userId, i) => intent(saleId, userId, i));
    expect(answers.every((answer) => answer.prequeued && answer.ticket === null)).toBe(true);
    expect(await refusalOf(intent(saleId, early[0]!, 0))).toEqual({ status: 409, code: "already_queued" });
    expect(await getBookingStatus(saleId, early[7]!)).toMatchObject({ state: "prequeued", prequeueSize: 200 });
    expect(await redis().get(saleKeys(saleId).seq)).toBeNull(); // nobody holds a ticket yet
    // A sweep before the start draws nobody.
    expect(await drawPrequeue(saleId, publishBookingRequest)).toEqual({ drawn: 0, outcome: "not_open" });
    expect(await redis().hlen(saleKeys(saleId).prequeue)).toBe(200);

    await launchSale(saleId, MARKETER, saleEffects);
    const late = userIds("late", 20);
    const lateAnswers = await mapLimit(late, 5, (userId, i) => intent(saleId, userId, 1000 + i));

    const states = await userStates(saleId);
    const earlyTickets = ticketsOf(states, early);
    // Every early user got one of tickets 1..200: a permutation, and not the arrival order.
    expect([...earlyTickets].sort((a, b) => a - b)).toEqual(early.map((_, i) => i + 1));
    expect(earlyTickets).not.toEqual(early.map((_, i) => i + 1));
    // A draw with no relation to arrival: the first half of arrivals holds about half the first 100 tickets.
    const firstHalfInFront = earlyTickets.slice(0, 100).filter((ticket) => ticket <= 100).length;
    expect(firstHalfInFront).toBeGreaterThan(25);
    expect(firstHalfInFront).toBeLessThan(75);
    // Later arrivals line up behind everyone from the pre-queue.
    expect(lateAnswers.map((answer) => answer.ticket).sort((a, b) => a! - b!)).toEqual(late.map((_, i) => 201 + i));
    expect(await redis().hlen(saleKeys(saleId).prequeue)).toBe(0);
    expect(await redis().hlen(saleKeys(saleId).drawn)).toBe(0);

    worker = await startWorker();
    await waitUntilDrained(saleId);
    const bookings = await mongoBookings(saleId);
    const held = bookings.filter((booking) => booking.status === "hold");
    // Served in the drawn order: the holds went to tickets 1..stock, whoever arrived first.
    expect(held.map((booking) => booking.ticket)).toEqual(Array.from({ length: stock }, (_, i) => i + 1));
    const final = await userStates(saleId);
    for (const userId of early) expect(["hold", "sold_out"]).toContain(final.get(userId)!.status);
    await stopWorker(worker);
  });

  it("gives everyone exactly one ticket when users keep arriving while the draw runs", async () => {
    const { saleId } = await scheduledSale({ stock: 10 });
    const early = userIds("racer-early", 300);
    const during = userIds("racer-during", 300);
    await mapLimit(early, 50, (userId, i) => intent(saleId, userId, i));

    const published: BookingRequest[] = [];
    const collect = async (request: BookingRequest) => {
      published.push(request);
    };
    // The launch draws (publishing to the queue); arrivals race it, and a sweep races both.
    await Promise.all([
      launchSale(saleId, MARKETER, saleEffects),
      mapLimit(during, 20, (userId, i) => intent(saleId, userId, 500 + i, collect)),
      drawDuePrequeues(collect),
    ]);
    await drawDuePrequeues(collect); // whatever joined the pre-queue after the last round

    const states = await userStates(saleId);
    const tickets = ticketsOf(states, [...early, ...during]);
    expect(new Set(tickets).size).toBe(600);
    expect([...tickets].sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(await redis().hlen(saleKeys(saleId).prequeue)).toBe(0);
    await purgeBookingQueue();
  });

  it("loses nobody when the drawer dies between giving tickets and publishing them", async () => {
    const { saleId, sale } = await scheduledSale({ stock: 10 });
    const early = userIds("orphan", 40);
    await mapLimit(early, 10, (userId, i) => intent(saleId, userId, i));
    await redis().hset(saleKeys(saleId).meta, { status: "live", startsAt: Date.now() - 1000 });
    expect(sale.status).toBe("scheduled");

    // The draw step alone, as if the process died right after it: tickets given, nothing published.
    const keys = saleKeys(saleId);
    const reply = await runScript<[string, number]>(redis(), "draw-prequeue", [keys.meta, keys.users, keys.seq, keys.prequeue, keys.drawn], early);
    expect(reply).toEqual(["ok", 40]);
    expect(await redis().hlen(keys.drawn)).toBe(40);
    // Drawn twice (a second drawer with a stale list): nobody gets a second ticket.
    expect(await runScript(redis(), "draw-prequeue", [keys.meta, keys.users, keys.seq, keys.prequeue, keys.drawn], early)).toEqual(["ok", 0]);

    const published: BookingRequest[] = [];
    await drawDuePrequeues(async (request) => {
      published.push(request);
    });
    const ours = published.filter((request) => request.saleId === saleId);
    expect(ours.map((request) => request.ticket)).toEqual(early.map((_, i) => i + 1));
    expect(new Set(ours.map((request) => request.userId))).toEqual(new Set(early));
    expect(await redis().hlen(keys.drawn)).toBe(0);
  });
});
