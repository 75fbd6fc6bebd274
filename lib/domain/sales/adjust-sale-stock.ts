import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { publishSaleEvent } from "@/lib/realtime/sale-events";
import type { HoldEffects, HoldExpiry } from "@/lib/domain/holds/hold-effects";

export type StockChange = {
  /** Items held or booked when the change was made. */
  taken: number;
  /** Waitlisted users who got a hold from the added items. */
  promoted: number;
  /** Waitlisted users told the sale is sold out by removed items. */
  soldOut: number;
};

type AdjustReply = ["ok", number, string[], string[]] | ["below_taken", number] | ["changed", number] | ["unpublished"];

/**
 * Changes a sale's stock in Redis from `fromStock` (what the caller read) to `stock`, atomically
 * and never below the items already held or booked (409 otherwise, and 409 if another edit moved
 * the stock first). Returns null when the sale has no Redis state yet: publishing it will create
 * the counter at the new stock. The caller writes MongoDB and republishes afterwards.
 */
export async function adjustSaleStock(saleId: string, fromStock: number, stock: number, effects: HoldEffects): Promise<StockChange | null> {
  const keys = saleKeys(saleId);
  const reply = await runScript<AdjustReply>(
    redis(),
    "adjust-stock",
    [keys.meta, keys.users, keys.inventory, keys.holds, keys.waitlist, keys.stats, keys.dirty],
    [stock, keys.holdPrefix, fromStock],
  );
  if (reply[0] === "unpublished") return null;
  if (reply[0] === "changed") {
    throw new DomainError("conflict", `The stock was changed meanwhile (it is now ${reply[1]}). Reload and try again.`, { stock: Number(reply[1]) });
  }
  if (reply[0] === "below_taken") {
    const taken = Number(reply[1]);
    throw new DomainError(
      "conflict",
      `The stock cannot go below ${taken}: that many items are already held or booked.`,
      { taken, requested: stock },
    );
  }

  const [, taken, promotedFlat, told] = reply;
  const expiries: HoldExpiry[] = [];
  const users: string[] = [];
  for (let i = 0; i + 3 < promotedFlat.length; i += 4) {
    expiries.push({ saleId, bookingId: promotedFlat[i]!, expiresAt: Number(promotedFlat[i + 3]) });
    users.push(promotedFlat[i + 1]!);
  }
  const toldIds = told.map((member) => member.split("|")[0]!);
  users.push(...told.map((member) => member.split("|")[1]!));

  const changedIds = [...expiries.map((expiry) => expiry.bookingId), ...toldIds];
  if (changedIds.length) {
    if (expiries.length) await effects.scheduleExpiries(expiries);
    await publishSaleEvent(saleId, users);
  }
  return { taken: Number(taken), promoted: expiries.length, soldOut: toldIds.length };
}
