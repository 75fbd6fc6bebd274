import type { ChildProcess } from "node:child_process";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEvents } from "@/app/api/sales/[saleId]/events/route";
import { GET as getFrontier } from "@/app/api/sales/[saleId]/frontier/route";
import { GET as getStatus } from "@/app/api/sales/[saleId]/status/route";
import { DELETE as deleteBooking } from "@/app/api/bookings/[id]/route";
import type { Redis } from "ioredis";
import { redis, redisSubscriber } from "@/lib/redis/client";
import { callRoute, createLiveSale, postIntentAs, purgeBookingQueue, sessionCookie, startWorker, stopWorker, userIds, waitFor } from "./support/harness";

let worker: ChildProcess | undefined;
beforeAll(() => purgeBookingQueue());
afterAll(async () => stopWorker(worker));

type Message = { event: string; data: Record<string, unknown> };

/** Opens the user's SSE stream through the route handler and collects its messages as they come. */
async function openStream(saleId: string, userId: string) {
  const controller = new AbortController();
  const request = new NextRequest(new URL(`/api/sales/${saleId}/events`, "http://localhost:3000"), {
    headers: { cookie: await sessionCookie(userId) },
    signal: controller.signal,
  });
  const response = await getEvents(request, { params: Promise.resolve({ saleId }) });
  expect(response.status).toBe(200);
  const messages: Message[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value);
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) messages.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
  })();
  const states = () => messages.filter((m) => m.event === "status").map((m) => m.data.state);
  return { messages, states, close: () => controller.abort() };
}

describe("a waiting shopper's live stream", () => {
  it("brings the moving frontier, then the waitlist place, then the hold when a hold is released", async () => {
    const { saleId } = await createLiveSale({ stock: 1, waitlistMax: 2 });
    const [first, second] = userIds("stream", 2) as [string, string];
    // No worker yet: both wait in line, the second behind the first.
    expect((await postIntentAs(first, saleId)).status).toBe(202);
    expect((await postIntentAs(second, saleId)).status).toBe(202);
    const stream = await openStream(saleId, second);
    await waitFor(() => stream.messages.length > 0, 10_000);
    expect(stream.messages[0]).toMatchObject({ event: "status", data: { state: "queued", position: 2 } });

    worker = await startWorker();
    await waitFor(() => stream.states().includes("waitlisted"), 30_000);
    // The waitlist place names the shopper and comes at once; the shared frontier comes on the room's next tick.
    await waitFor(() => stream.messages.some((m) => m.event === "frontier" && Number(m.data.served) >= 1), 10_000);

    const frontier = await callRoute(getFrontier, `/api/sales/${saleId}/frontier`, { saleId });
    expect(frontier.status).toBe(200);
    expect(frontier.body).toMatchObject({ saleId, served: 2 });
    expect(frontier.headers.get("cache-control")).toContain("public");

    // The first shopper lets the hold go: the item goes to the second, whose stream says so.
    const holder = await callRoute(getStatus, `/api/sales/${saleId}/status`, { saleId }, { cookie: await sessionCookie(first) });
    expect(holder.body).toMatchObject({ state: "hold" });
    const bookingId = String(holder.body.bookingId);
    const released = await callRoute(deleteBooking, `/api/bookings/${bookingId}`, { id: bookingId }, { method: "DELETE", cookie: await sessionCookie(first), body: { status: "deleted" } });
    expect(released.status).toBe(200);
    await waitFor(() => stream.states().includes("hold"), 30_000);
    stream.close();
  });

  it("recovers what it missed while the sale-events subscription was away: a cancelled hold still reaches the holder's stream", async () => {
    const { saleId } = await createLiveSale({ stock: 1 });
    const [holderId] = userIds("resync", 1) as [string];
    expect((await postIntentAs(holderId, saleId)).status).toBe(202);
    worker ??= await startWorker();
    const cookie = await sessionCookie(holderId);
    const held = async () => (await callRoute(getStatus, `/api/sales/${saleId}/status`, { saleId }, { cookie })).body;
    await waitFor(async () => (await held()).state === "hold", 30_000);
    const stream = await openStream(saleId, holderId);
    await waitFor(() => stream.states().includes("hold"), 10_000);
    // Without a worker, the cancel's own event is the only one that names the holder.
    await stopWorker(worker);
    worker = undefined;

    // The subscriber's connection is killed and kept away until the cancel's event has been
    // published: nobody in this process hears it.
    const subscriber = redisSubscriber() as Redis;
    const retryStrategy = subscriber.options.retryStrategy;
    subscriber.options.retryStrategy = () => null;
    try {
      await redis().client("KILL", "ADDR", `${subscriber.stream.localAddress}:${subscriber.stream.localPort}`);
      await waitFor(() => subscriber.status === "end", 5_000, 10);
      const bookingId = String((await held()).bookingId);
      const cancelled = await callRoute(deleteBooking, `/api/bookings/${bookingId}`, { id: bookingId }, { method: "DELETE", cookie, body: { status: "deleted" } });
      expect(cancelled.status).toBe(200);
      expect(stream.states()).not.toContain("cancelled");
    } finally {
      subscriber.options.retryStrategy = retryStrategy;
    }
    await subscriber.connect();
    await waitFor(() => stream.states().includes("cancelled"), 15_000);
    stream.close();
  });
});
