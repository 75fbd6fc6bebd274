import type { HoldEffects } from "@/lib/domain/holds/hold-effects";
import { releaseHold, type ReleaseResult } from "@/lib/domain/holds/release-hold";

/**
 * Expires a hold whose time is up (the delayed job, or the sweeper). Early calls change nothing
 * and report when the hold is due; calls for a hold already confirmed or ended change nothing.
 */
export function expireHold(saleId: string, bookingId: string, effects: HoldEffects): Promise<ReleaseResult> {
  return releaseHold(saleId, bookingId, "expired", null, effects);
}
