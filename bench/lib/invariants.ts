import { connectMongo } from "@/lib/db/connect";
import { Booking } from "@/lib/db/models/booking";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { parseUserEntry } from "@/lib/domain/booking/booking-state";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import type { LoadResult } from "./load";

export type Check = { name: string; pass: boolean; detail: string };

type Context = {
  saleId: string;
  stock: number;
  waitlistMax: number;
  duplicateSends: number;
  load: LoadResult;
  userIndexOf: (userId: string) => number;
  /** Ready messages left in the queue once the worker stopped. */
  queueMessages: number;
};

type RedisUsers = { byStatus: Record<string, number>; entries: number; maxHoldTicket: number; minLaterTicket: number; duplicateTickets: number };

/** Walks the sale's users hash (one entry per admitted user) without blocking Redis. */
async function scanUsers(saleId: string, admitted: number): Promise<RedisUsers> {
  const seen = new Uint8Array(admitted + 1);
  const result: RedisUsers = { byStatus: {}, entries: 0, maxHoldTicket: 0, minLaterTicket: Number.POSITIVE_INFINITY, duplicateTickets: 0 };
  let cursor = "0";
  do {
    const [next, flat] = await redis().hscan(saleKeys(saleId).users, cursor, "COUNT", 5000);
    cursor = next;
    for (let i = 1; i < flat.length; i += 2) {
      const entry = parseUserEntry(flat[i]);
      if (!entry) continue;
      result.entries += 1;
      result.byStatus[entry.status] = (result.byStatus[entry.status] ?? 0) + 1;
      if (entry.ticket <= admitted) {
        if (seen[entry.ticket]) result.duplicateTickets += 1;
        seen[entry.ticket] = 1;
      }
      if (entry.status === "hold" || entry.status === "booked") result.maxHoldTicket = Math.max(result.maxHoldTicket, entry.ticket);
      else result.minLaterTicket = Math.min(result.minLaterTicket, entry.ticket);
    }
  } while (cursor !== "0");
  return result;
}

const check = (name: string, pass: boolean, detail: string): Check => ({ name, pass, detail });

/** Bound on waiting for the outbox drainer after the queue drained (a loaded machine writes slowly). */
const OUTBOX_WAIT_MS = 120_000;

/** Waits until the sale's outbox is empty, at most OUTBOX_WAIT_MS; returns how long it took. */
async function waitForEmptyOutbox(outboxKey: string): Promise<number> {
  const started = Date.now();
  while ((await redis().hlen(outboxKey)) > 0 && Date.now() - started < OUTBOX_WAIT_MS) await new Promise((resolve) => setTimeout(resolve, 200));
  return Date.now() - started;
}
const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * The rules of DESIGN §5 that one run can show, checked against Redis, MongoDB, the queue and
 * what the simulated users were told. Holds are long, so nothing expires or is cancelled here:
 * the holds must be exactly the first `stock` tickets and the waitlist the next ones.
 */
export async function checkInvariants(context: Context): Promise<Check[]> {
  const { saleId, stock, waitlistMax, load } = context;
  const keys = saleKeys(saleId);
  // MongoDB follows Redis through the sale's outbox (one writer per sale): the record of truth is
  // judged once the outbox is empty, or after OUTBOX_WAIT_MS with what is still in it.
  const outboxWaitedMs = await waitForEmptyOutbox(keys.dirty);
  const stats = await readSaleStats(saleId);
  const [voided, outbox] = await Promise.all([redis().scard(keys.void), redis().hlen(keys.dirty)]);
  const users = await scanUsers(saleId, stats.admitted);
  await connectMongo();
  const bookings = await Booking.find({ saleId }, { userId: 1, ticket: 1, status: 1 }).lean();

  const clientTickets: number[] = [];
  let usersWithTwoAdmissions = 0;
  load.admissionsOf.forEach((count, user) => {
    if (count > 0) clientTickets.push(load.ticketOf[user]!);
    if (count > 1) usersWithTwoAdmissions += 1;
  });
  clientTickets.sort((a, b) => a - b);
  const admittedUsers = clientTickets.length;
  const ticketsOf = (status: string) => bookings.filter((b) => b.status === status).map((b) => b.ticket).sort((a, b) => a - b);
  const mongoHolds = ticketsOf("hold");
  const mongoBooked = ticketsOf("booked");
  const mongoWaitlisted = ticketsOf("waitlisted");
  const expectedHolds = Math.min(stock, admittedUsers);
  const liveAdmissions = stats.admitted - voided;
  const outcomesTotal = stats.outcomes.hold + stats.outcomes.waitlisted + stats.outcomes.sold_out + stats.outcomes.rejected;
  const told = bookings.filter((b) => load.ticketOf[context.userIndexOf(b.userId)] !== b.ticket);
  const mongoUsers = new Set(bookings.map((b) => b.userId)).size;
  const unanswered = (load.intents.byStatus["0"] ?? 0) + (load.intents.byStatus["500"] ?? 0) + (load.intents.byStatus["503"] ?? 0);

  return [
    check(
      "no oversell (Redis): holds + booked <= stock",
      stats.holds + stats.booked <= stock && stats.available + stats.holds + stats.booked === stock,
      `holds ${stats.holds} + booked ${stats.booked} = ${stats.holds + stats.booked} of stock ${stock}; available ${stats.available}`,
    ),
    check(
      "no oversell (MongoDB): hold + booked bookings <= stock",
      mongoHolds.length + mongoBooked.length <= stock,
      `${mongoHolds.length} hold + ${mongoBooked.length} booked bookings of stock ${stock}`,
    ),
    check(
      "holds = min(stock, admitted users)",
      stats.holds === expectedHolds && mongoHolds.length === expectedHolds,
      `expected ${expectedHolds}; Redis ${stats.holds}, MongoDB ${mongoHolds.length} (${admittedUsers} users admitted)`,
    ),
    check(
      "FIFO: the holds are the first `stock` admitted tickets (MongoDB)",
      sameList(mongoHolds, clientTickets.slice(0, expectedHolds)),
      `hold tickets ${mongoHolds[0] ?? "-"}..${mongoHolds.at(-1) ?? "-"}; first ${expectedHolds} admitted tickets ${clientTickets[0] ?? "-"}..${clientTickets[expectedHolds - 1] ?? "-"}`,
    ),
    check(
      "FIFO: the waitlist is the next admitted tickets, in order (MongoDB)",
      sameList(mongoWaitlisted, clientTickets.slice(expectedHolds, expectedHolds + waitlistMax)),
      `${mongoWaitlisted.length} waitlisted, tickets ${mongoWaitlisted[0] ?? "-"}..${mongoWaitlisted.at(-1) ?? "-"}`,
    ),
    check(
      "FIFO: every hold ticket is below every waitlisted/sold-out ticket (Redis)",
      users.maxHoldTicket < users.minLaterTicket,
      `highest hold ticket ${users.maxHoldTicket}, lowest later ticket ${Number.isFinite(users.minLaterTicket) ? users.minLaterTicket : "-"}`,
    ),
    check(
      "FIFO: each booking carries the ticket its user was told in the 202",
      told.length === 0,
      told.length ? `${told.length} bookings differ, e.g. ${told[0]!.userId} ticket ${told[0]!.ticket}` : `${bookings.length} bookings match`,
    ),
    check(
      "one per user: no user got two 202s (scripts included)",
      usersWithTwoAdmissions === 0,
      `${usersWithTwoAdmissions} users with two or more; ${load.scripts} scripts sent ${context.duplicateSends} intents at once each`,
    ),
    check(
      "one per user: one MongoDB booking per user",
      mongoUsers === bookings.length,
      `${bookings.length} bookings, ${mongoUsers} distinct users`,
    ),
    check(
      "one per user: one Redis entry and one distinct ticket per admitted user",
      users.entries === liveAdmissions && users.duplicateTickets === 0,
      `${users.entries} entries for ${liveAdmissions} live admissions (${voided} voided), ${users.duplicateTickets} repeated tickets`,
    ),
    check(
      "none lost: every admitted ticket served (served == admitted)",
      stats.served === stats.admitted && outcomesTotal === liveAdmissions && !users.byStatus.queued,
      `served ${stats.served} of ${stats.admitted}; outcomes ${outcomesTotal}; still queued ${users.byStatus.queued ?? 0}`,
    ),
    check(
      "none lost: every 202 is a ticket the engine handed out",
      admittedUsers === liveAdmissions,
      `${admittedUsers} users got a 202; ${liveAdmissions} live tickets`,
    ),
    check(
      "none lost: MongoDB has every hold and waitlist booking (outbox empty)",
      mongoHolds.length === (users.byStatus.hold ?? 0) && mongoWaitlisted.length === (users.byStatus.waitlisted ?? 0) && outbox === 0,
      `MongoDB ${mongoHolds.length} hold / ${mongoWaitlisted.length} waitlisted; Redis ${users.byStatus.hold ?? 0} / ${users.byStatus.waitlisted ?? 0}; outbox ${outbox}, ${(outboxWaitedMs / 1000).toFixed(1)} s after the queue drained`,
    ),
    check("queue empty at the end (worker stopped, nothing left unacked)", context.queueMessages === 0, `${context.queueMessages} messages left`),
    check("every intent answered (no transport error, 500 or 503)", unanswered === 0, `${unanswered} unanswered or failed of ${load.intents.sent}`),
  ];
}
