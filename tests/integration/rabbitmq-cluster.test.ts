// The cluster leg only (see vitest.config.mts): what a 3-node RabbitMQ cluster changes, on the
// private test cluster, with the real worker. RABBITMQ_URL lists the three nodes.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { bookingQueueName } from "@/lib/messaging/booking-queues";
import { createLiveSale, mapLimit, postIntentAs, purgeBookingQueue, queueDepth, startWorker, stopWorker, userIds, waitFor } from "./support/harness";
import { crashRabbitNode, quorumQueueState, rabbitClusterNodes, restoreRabbitCluster } from "./support/rabbitmq-cluster";
import { mongoBookings, userStates, waitUntilDrained } from "./support/sale-checks";

let worker: ChildProcess | undefined;
beforeAll(() => purgeBookingQueue());
// A failed test must not leave the next files a cluster of two.
afterAll(async () => {
  await stopWorker(worker);
  await restoreRabbitCluster();
}, 180_000);

type Admitted = { ticket: number; bookingId: string };

describe("a sale on a 3-node RabbitMQ cluster", () => {
  it("serves every admitted intent once, in ticket order, when the node of the queue's leader, the worker and the web is killed mid-stampede", { timeout: 400_000 }, async () => {
    const [first, second, third] = rabbitClusterNodes();
    const stock = 100;
    const waitlistMax = 200;
    const users = userIds("node-loss", 1200);
    const { saleId } = await createLiveSale({ stock, waitlistMax });
    worker = await startWorker();

    // The first publish declares the sale's queue from this process, connected to the first node.
    const admitted = new Map<string, Admitted>();
    const opening = await postIntentAs(users[0]!, saleId, { ip: "10.9.0.1" });
    expect(opening.status).toBe(202);
    admitted.set(users[0]!, opening.body as Admitted);
    const queue = bookingQueueName(saleId);
    const before = await quorumQueueState(queue, second!);
    expect([...before.members].sort()).toEqual([first!.name, second!.name, third!.name].sort());
    // Its leader is there too (RabbitMQ puts it on the declaring client's node): one crash takes
    // the leader, the worker's connection and this process's publisher at once.
    expect(before.leader).toBe(first!.name);

    let refused = 0;
    const stampede = mapLimit(users.slice(1), 50, async (userId, i) => {
      for (;;) {
        const answer = await postIntentAs(userId, saleId, { ip: `10.9.${1 + (i % 250)}.${1 + Math.floor(i / 250)}` });
        if (answer.status === 202) {
          admitted.set(userId, answer.body as Admitted);
          return;
        }
        // Its publish was cut off with the node: the admission was undone, so the user tries again
        // when told to (Retry-After), as the page does; one who kept trying hit the rate limit.
        expect([503, 429]).toContain(answer.status);
        if (answer.status === 503) refused += 1;
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get("Retry-After") ?? 1) * 1000));
      }
    });
    await waitFor(() => admitted.size >= users.length / 3, 120_000, 20);
    await crashRabbitNode(first!);
    const admittedAtCrash = admitted.size;
    await stampede;
    expect(admittedAtCrash).toBeLessThan(users.length);

    await waitUntilDrained(saleId, 180_000);
    await waitFor(async () => (await queueDepth()) === 0, 60_000);
    expect(worker.exitCode).toBeNull(); // it reconnected to another node instead of dying

    // Every admitted user was served exactly once, in ticket order: holds to the first `stock`
    // tickets, the waiting list to the next ones, sold out after that.
    const inTicketOrder = [...admitted].sort(([, a], [, b]) => a.ticket - b.ticket).map(([userId]) => userId);
    const states = await userStates(saleId);
    expect(states.size).toBe(users.length);
    const expected = (rank: number) => (rank < stock ? "hold" : rank < stock + waitlistMax ? "waitlisted" : "sold_out");
    expect(inTicketOrder.map((userId) => states.get(userId)?.status)).toEqual(inTicketOrder.map((_, rank) => expected(rank)));
    for (const userId of inTicketOrder) expect(states.get(userId)?.bookingId).toBe(admitted.get(userId)!.bookingId);
    const stats = await readSaleStats(saleId);
    expect(stats.outcomes.hold).toBe(stock);
    expect(stats.outcomes.waitlisted).toBe(waitlistMax);
    expect(stats.outcomes.sold_out).toBe(users.length - stock - waitlistMax);
    expect(stats.available).toBe(0);
    const bookings = await mongoBookings(saleId);
    expect(bookings).toHaveLength(stock + waitlistMax);
    expect(new Set(bookings.map((booking) => booking.userId)).size).toBe(stock + waitlistMax);
    expect(bookings.filter((booking) => booking.status === "hold").map((booking) => booking.userId).sort()).toEqual(inTicketOrder.slice(0, stock).sort());
    await stopWorker(worker);

    // The node comes back, rejoins, and its member of the queue catches up.
    await restoreRabbitCluster();
    await waitFor(async () => (await quorumQueueState(queue, second!)).online.length === 3, 120_000, 1000);
    console.info(`rabbitmq-cluster test: ${admittedAtCrash} admitted before the crash, ${refused} publishes refused while the node went down`);
  });
});
