import { env } from "@/lib/config/env";

/** When a sale's pre-queue opens: PREQUEUE_OPENS_SECONDS before its start (ISO string). */
export function prequeueOpensAt(startsAt: string): string {
  return new Date(Date.parse(startsAt) - env().PREQUEUE_OPENS_SECONDS * 1000).toISOString();
}
