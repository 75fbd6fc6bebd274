import { describe, expect, it } from "vitest";
import { bookingReference, saleCode } from "@/lib/domain/booking/booking-reference";

const SALE = "665f1c2e9b1d4a0012345678";

describe("bookingReference", () => {
  it("reads as the sale's code and the ticket in groups of four digits", () => {
    expect(bookingReference(SALE, 42)).toBe(`${saleCode(SALE)}-0042`);
    expect(bookingReference(SALE, 9999)).toBe(`${saleCode(SALE)}-9999`);
    expect(bookingReference(SALE, 123456)).toBe(`${saleCode(SALE)}-0012-3456`);
    expect(bookingReference(SALE, 1_000_000)).toBe(`${saleCode(SALE)}-0100-0000`);
  });

  it("gives every ticket of a sale a different reference", () => {
    const seen = new Set<string>();
    for (let ticket = 1; ticket <= 50_000; ticket++) seen.add(bookingReference(SALE, ticket));
    expect(seen.size).toBe(50_000);
  });

  it("names the sale with four unambiguous characters, the same every time", () => {
    const code = saleCode(SALE);
    expect(code).toMatch(/^[234679ACDEFGHJKMNPQRTWXYZ]{4}$/);
    expect(saleCode(SALE)).toBe(code);
    expect(saleCode("665f1c2e9b1d4a0012345679")).not.toBe(code);
  });
});
