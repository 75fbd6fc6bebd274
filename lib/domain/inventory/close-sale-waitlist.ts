import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { publishSaleEvent } from "@/lib/realtime/sale-events";

/** When a sale ends, nobody on its waitlist will get an item: each is told sold out. */
export async function closeSaleWaitlist(saleId: string): Promise<number> {
  const keys = saleKeys(saleId);
  const told = await runScript<string[]>(redis(), "close-waitlist", [keys.waitlist, keys.users, keys.dirty, keys.stats], []);
  if (told.length === 0) return 0;
  await publishSaleEvent(saleId, told.map((member) => member.split("|")[1]!));
  return told.length;
}
