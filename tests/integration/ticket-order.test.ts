import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newBookingId } from "@/lib/domain/holds/booking-change";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { createLiveSale, purgeBookingQueue, queueDepth, startWorker, stopWorker, userIds, waitFor } from "./support/harness";
import { mongoBookings, userStates, waitUntilDrained } from "./support/sale-checks";

// Several web processes admit in ticket order (one Lua script hands out tickets) but publish on
// their own connections, so the queue can hold the tickets in any order. FIFO (DESIGN §5.4) means
// the worker still serves them in ticket order. Here the admissions happen first and the messages
// are then published in an order chosen to hurt.

let worker: ChildProcess | undefined;
beforeAll(() => purgeBookingQueue());
afterAll(async () => {
  await stopWorker(worker);
  await purgeBookingQueue();
});

/** Admits the users one after another, as the web processes' admit step does: tickets 1, 2, 3… */
async function admitWithoutPublishing(saleId: string, users: string[]): Promise<BookingRequest[]> {
  const keys = saleKeys(saleId);
  const admitKeys = [keys.meta, keys.users, keys.seq, keys.served, keys.inventory, keys.holds, keys.dirty, keys.prequeue];
  const requests: BookingRequest[] = [];
  for (const userId of users) {
    const bookingId = newBookingId(saleId);
    const [outcome, ticket] = (await runScript(redis(), "admit", admitKeys, [userId, bookingId, 0, "{}"])) as [string, number];
    expect(outcome).toBe("ok");
    requests.push({ v: 1, saleId, userId, bookingId, ticket, admittedAt: Date.now(), ip: "10.91.0.1", userAgent: "vitest" });
  }
  expect(requests.map((request) => request.ticket)).toEqual(users.map((_, i) => i + 1));
  return requests;
}

/** Each user's final status, in ticket order. */
async function statusesInTicketOrder(saleId: string, requests: BookingRequest[]): Promise<string[]> {
  const states = await userStates(saleId);
  return requests.map((request) => states.get(request.userId)!.status);
}

const expected = (holds: number, waitlisted: number, soldOut: number) => [
  ...Array<string>(holds).fill("hold"),
  ...Array<string>(waitlisted).fill("waitlisted"),
  ...Array<string>(soldOut).fill("sold_out"),
];

describe("ticket order", () => {
  it("serves tickets in the order they were admitted when the queue holds them in reverse", async () => {
    const { saleId } = await createLiveSale({ stock: 10, waitlistMax: 10 });
    const requests = await admitWithoutPublishing(saleId, userIds("reverse", 60));
    worker = await startWorker();

    // Ticket 60 reaches the worker first and ticket 1 last: served on arrival, 51–60 would take the stock.
    for (const request of [...requests].reverse()) await publishBookingRequest(request);
    await waitUntilDrained(saleId);

    expect(await statusesInTicketOrder(saleId, requests)).toEqual(expected(10, 10, 40));
    const bookings = await mongoBookings(saleId);
    expect(bookings.filter((booking) => booking.status === "hold").map((booking) => booking.ticket)).toEqual(requests.slice(0, 10).map((r) => r.ticket));
    expect(bookings.filter((booking) => booking.status === "waitlisted").map((booking) => booking.ticket)).toEqual(requests.slice(10, 20).map((r) => r.ticket));
    await waitFor(async () => (await queueDepth()) === 0, 30_000);
    await stopWorker(worker);
  });

  it("waits for a late first ticket instead of serving the ones behind it", async () => {
    const { saleId } = await createLiveSale({ stock: 5, waitlistMax: 0 });
    const requests = await admitWithoutPublishing(saleId, userIds("late-first", 20));
    worker = await startWorker({ WORKER_GAP_WAIT_MS: "5000" });

    // Two web processes: one publishes tickets 2–20 at once, the other is slow with ticket 1.
    for (const request of requests.slice(1)) await publishBookingRequest(request);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await statusesInTicketOrder(saleId, requests)).toEqual(Array<string>(20).fill("queued"));
    await publishBookingRequest(requests[0]!);
    await waitUntilDrained(saleId);

    expect(await statusesInTicketOrder(saleId, requests)).toEqual(expected(5, 0, 15));
    await waitFor(async () => (await queueDepth()) === 0, 30_000);
    await stopWorker(worker);
  });
});
