import type { SaleStatus } from "@/lib/db/models/sale";
import { DomainError } from "@/lib/errors/domain-error";

export type SaleVerb = "schedule" | "launch" | "pause" | "resume" | "end" | "edit";

/** From which statuses each admin action may be taken. */
export const ALLOWED_FROM: Record<SaleVerb, readonly SaleStatus[]> = {
  schedule: ["draft", "scheduled"],
  launch: ["draft", "scheduled"],
  pause: ["live", "sold_out"],
  resume: ["paused"],
  end: ["scheduled", "live", "paused", "sold_out"],
  edit: ["draft", "scheduled", "live", "paused", "sold_out"],
};

const WHY_NOT: Partial<Record<SaleStatus, string>> = {
  draft: "it is still a draft; schedule or launch it first",
  scheduled: "it has not started yet",
  live: "it is already live",
  paused: "it is paused; resume or end it",
  ended: "it has ended, and an ended sale cannot be changed",
  sold_out: "it is sold out",
};

export function canTransition(status: SaleStatus, verb: SaleVerb): boolean {
  return ALLOWED_FROM[verb].includes(status);
}

/** Throws 409 with a message a marketer can act on when `verb` is not allowed in `status`. */
export function assertTransition(status: SaleStatus, verb: SaleVerb): void {
  if (canTransition(status, verb)) return;
  throw new DomainError("conflict", `You cannot ${verb} this sale: ${WHY_NOT[status] ?? `it is ${status}`}.`, { status });
}
