import { z } from "zod";
import { connectMongo } from "@/lib/db/connect";
import { Booking } from "@/lib/db/models/booking";
import { emailsOf } from "@/lib/domain/admin/booking-query";

/** How far back a shared IP's accounts are counted when no sale is named. */
export const RECENT_DAYS = 30;
/** Emails listed by name in the confirmation; the rest are counted. */
const NAMED = 5;

const querySchema = z.object({
  ip: z.union([z.ipv4(), z.ipv6()], { error: "Enter a valid IPv4 or IPv6 address." }),
  saleId: z.string().regex(/^[0-9a-f]{24}$/i).optional(),
});

export type IpImpact = { ip: string; accounts: number; emails: string[]; scope: "sale" | "recent" };

/**
 * The accounts a block of this IP would shut out: every user with a booking from it in the sale
 * (when one is named) or in the last RECENT_DAYS days. Told before the block, so a shared office
 * or campus IP is not blocked by surprise.
 */
export async function countAccountsBehindIp(input: unknown, now = new Date()): Promise<IpImpact> {
  const { ip, saleId } = querySchema.parse(input);
  await connectMongo();
  const filter = saleId ? { saleId, ip } : { ip, admittedAt: { $gte: new Date(now.getTime() - RECENT_DAYS * 86_400_000) } };
  const userIds = ((await Booking.distinct("userId", filter)) as string[]).sort();
  const emails = await emailsOf(userIds.slice(0, NAMED));
  return { ip, accounts: userIds.length, emails: userIds.slice(0, NAMED).map((userId) => emails.get(userId) ?? userId), scope: saleId ? "sale" : "recent" };
}
