import { connectMongo } from "@/lib/db/connect";
import { redis } from "@/lib/redis/client";
import { BLOCKED_IPS_KEY, BLOCKED_USERS_KEY } from "@/lib/redis/keys";
import { emailsOf } from "@/lib/domain/admin/booking-query";
import type { BlockedClient } from "@/lib/domain/admin/set-client-blocked";

/** Every blocked user (with their email) and IP. */
export async function listBlockedClients(): Promise<BlockedClient[]> {
  const [users, ips] = await Promise.all([redis().smembers(BLOCKED_USERS_KEY), redis().smembers(BLOCKED_IPS_KEY)]);
  await connectMongo();
  const emails = await emailsOf(users);
  return [
    ...users.sort().map((id) => ({ kind: "user" as const, value: id, label: emails.get(id) ?? id, blocked: true })),
    ...ips.sort().map((ip) => ({ kind: "ip" as const, value: ip, label: ip, blocked: true })),
  ];
}
