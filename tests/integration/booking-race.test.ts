import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getStatus } from "@/app/api/sales/[saleId]/status/route";
import { callRoute, createLiveSale, mapLimit, postIntentAs, purgeBookingQueue, sessionCookie, startWorker, stopWorker, userIds } from "./support/harness";
import { mongoBookings, stockAddsUp, userStates, waitUntilDrained } from "./support/sale-checks";

let worker: ChildProcess | undefined;
beforeAll(async () => {
  await purgeBookingQueue();
  worker = await startWorker();
});
afterAll(async () => stopWorker(worker));

describe("a stampede on the intents API", () => {
  it("5,000 users racing for 100 items get exactly 100 holds, in ticket order, and one final answer each", async () => {
    const { saleId } = await createLiveSale({ stock: 100, waitlistMax: 400 });
    const users = userIds("race", 5000);
    const answers = await mapLimit(users, 200, async (userId, i) =>
      postIntentAs(userId, saleId, { ip: `10.1.${i % 250}.${i % 200}` }),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(5000);
    const tickets = answers.map((a) => a.body.ticket as number).sort((x, y) => x - y);
    expect(tickets).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));

    await waitUntilDrained(saleId);
    const states = await userStates(saleId);
    const byStatus = (status: string) => [...states.values()].filter((entry) => entry.status === status);
    expect(states.size).toBe(5000);
    expect(byStatus("hold")).toHaveLength(100);
    expect(byStatus("waitlisted")).toHaveLength(400);
    expect(byStatus("sold_out")).toHaveLength(4500);
    // FIFO: the holds went to the first 100 tickets, the waitlist to the next 400.
    expect(byStatus("hold").map((e) => e.ticket).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(Math.min(...byStatus("waitlisted").map((e) => e.ticket))).toBe(101);

    const { held, total, stock } = await stockAddsUp(saleId, 100);
    expect(held).toBe(100);
    expect(total).toBe(stock);
    const bookings = await mongoBookings(saleId);
    expect(bookings.filter((b) => b.status === "hold")).toHaveLength(100);
    expect(bookings.filter((b) => b.status === "waitlisted")).toHaveLength(400);
    expect(new Set(bookings.map((b) => b.userId)).size).toBe(bookings.length);
  });

  it("one user sending 50 intents at once gets one ticket; the rest are refused as queued or rate limited", async () => {
    const { saleId } = await createLiveSale({ stock: 5 });
    const userId = userIds("tabs", 1)[0]!;
    const cookie = await sessionCookie(userId);
    // Each with a proof of its own, as 50 tabs would send: the one-per-user rule must hold even so.
    const answers = await Promise.all(Array.from({ length: 50 }, () => postIntentAs(userId, saleId)));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 202);
    expect(refused).toHaveLength(49);
    for (const answer of refused) {
      expect([409, 429]).toContain(answer.status);
      expect(answer.body.error.code).toBe(answer.status === 409 ? "already_queued" : "rate_limited");
      if (answer.status === 429) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    }

    await waitUntilDrained(saleId);
    const status = await callRoute(getStatus, `/api/sales/${saleId}/status`, { saleId }, { cookie });
    expect(status.body.state).toBe("hold");
    expect((await mongoBookings(saleId)).length).toBe(1);
  });
});
