import { connectMongo } from "@/lib/db/connect";
import { Booking, type BookingDoc } from "@/lib/db/models/booking";
import { redis } from "@/lib/redis/client";
import { BLOCKED_IPS_KEY, BLOCKED_USERS_KEY } from "@/lib/redis/keys";
import { emailsOf } from "@/lib/domain/admin/booking-query";
import { flagClients, type FlaggedClient } from "@/lib/domain/admin/flag-clients";
import { loadSale } from "@/lib/domain/sales/load-sale";

export type FlaggedClientView = FlaggedClient & { blocked: boolean; label: string };

/**
 * The sale's suspicious clients, computed from its bookings' IPs and user agents, each with
 * whether it is blocked already. Refused intents (sold out, rate limited) leave no booking, so
 * only clients that got as far as a hold or the waitlist are seen here.
 */
export async function findFlaggedClients(saleId: string): Promise<FlaggedClientView[]> {
  await loadSale(saleId);
  await connectMongo();
  const sightings = await Booking.find({ saleId }, { userId: 1, ip: 1, userAgent: 1, admittedAt: 1 }).sort({ ticket: 1 }).lean<BookingDoc[]>();
  const flagged = flagClients(sightings);
  if (flagged.length === 0) return [];

  // Two reads, not one MULTI: the two sets live in different Redis Cluster slots (a MULTI across
  // them is CROSSSLOT), and a block landing between the reads shows on the next refresh anyway.
  const [blockedIps, blockedUsers, emails] = await Promise.all([
    redis().smembers(BLOCKED_IPS_KEY).then((ips) => new Set(ips)),
    redis().smembers(BLOCKED_USERS_KEY).then((users) => new Set(users)),
    emailsOf(flagged.filter((client) => client.kind === "user").map((client) => client.value)),
  ]);
  return flagged.map((client) => ({
    ...client,
    blocked: client.kind === "ip" ? blockedIps.has(client.value) : blockedUsers.has(client.value),
    label: client.kind === "user" ? (emails.get(client.value) ?? client.value) : client.value,
  }));
}
