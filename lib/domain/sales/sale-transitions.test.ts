import { describe, expect, it } from "vitest";
import { SALE_STATUSES } from "@/lib/db/models/sale";
import { DomainError } from "@/lib/errors/domain-error";
import { assertTransition, canTransition } from "@/lib/domain/sales/sale-transitions";

describe("sale transitions", () => {
  it("allows the marketer's lifecycle: draft → scheduled → live ⇄ paused → ended", () => {
    expect(canTransition("draft", "schedule")).toBe(true);
    expect(canTransition("scheduled", "launch")).toBe(true);
    expect(canTransition("live", "pause")).toBe(true);
    expect(canTransition("paused", "resume")).toBe(true);
    expect(canTransition("paused", "end")).toBe(true);
  });

  it("changes nothing about an ended sale", () => {
    for (const verb of ["schedule", "launch", "pause", "resume", "end", "edit"] as const) expect(canTransition("ended", verb)).toBe(false);
  });

  it("refuses with a 409 that says why", () => {
    let refusal: unknown;
    try {
      assertTransition("ended", "resume");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).status).toBe(409);
    expect((refusal as DomainError).message).toBe("You cannot resume this sale: it has ended, and an ended sale cannot be changed.");
  });

  it("has a reason for every status that refuses something", () => {
    for (const status of SALE_STATUSES) {
      for (const verb of ["schedule", "launch", "pause", "resume", "end"] as const) {
        if (!canTransition(status, verb)) expect(() => assertTransition(status, verb)).toThrow(/^You cannot \w+ this sale: .+\.$/);
      }
    }
  });
});
