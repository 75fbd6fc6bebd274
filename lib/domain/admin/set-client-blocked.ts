import mongoose from "mongoose";
import { connectMongo } from "@/lib/db/connect";
import { User, type UserDoc } from "@/lib/db/models/user";
import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { BLOCKED_IPS_KEY, BLOCKED_USERS_KEY } from "@/lib/redis/keys";
import type { Actor } from "@/lib/domain/admin/actor";
import { blockInputSchema } from "@/lib/domain/admin/block-input";
import { recordAuditEvent } from "@/lib/domain/admin/record-audit-event";

export type BlockedClient = { kind: "user" | "ip"; value: string; label: string; blocked: boolean };

async function resolveUser(value: string): Promise<{ id: string; email: string }> {
  const filter = value.includes("@") ? { email: value.toLowerCase() } : mongoose.isValidObjectId(value) ? { _id: value } : null;
  const user = filter ? await User.findOne(filter, { email: 1 }).lean<UserDoc>() : null;
  if (!user) throw new DomainError("not_found", `There is no user ${value}.`);
  return { id: String(user._id), email: user.email };
}

/**
 * Blocks (or unblocks) a user or an IP. Admission reads the Redis sets on every intent, so the
 * change applies to the next request. A blocked user's record in MongoDB says so too, and the
 * audit trail keeps every block and unblock. Repeating it changes nothing.
 */
export async function setClientBlocked(input: unknown, blocked: boolean, actor: Actor): Promise<BlockedClient> {
  const client = blockInputSchema.parse(input);
  await connectMongo();
  let value = client.value;
  let label = client.value;
  if (client.kind === "user") {
    const user = await resolveUser(client.value);
    value = user.id;
    label = user.email;
    await User.updateOne({ _id: user.id }, { $set: { blocked } });
  }
  const key = client.kind === "user" ? BLOCKED_USERS_KEY : BLOCKED_IPS_KEY;
  if (blocked) await redis().sadd(key, value);
  else await redis().srem(key, value);
  await recordAuditEvent(actor, blocked ? "client.block" : "client.unblock", null, { kind: client.kind, value, label });
  return { kind: client.kind, value, label, blocked };
}
