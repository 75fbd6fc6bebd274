import { describe, expect, it } from "vitest";
import { createSaleSchema, updateSaleSchema } from "@/lib/domain/sales/sale-input";

const valid = {
  name: "Sneaker drop",
  description: "Limited.",
  image: "https://cdn.example.com/sneaker.png",
  price: 129.99,
  currency: "EUR",
  stock: 1000,
  startsAt: "2030-01-01T10:00:00.000Z",
  endsAt: "2030-01-01T12:00:00.000Z",
  holdSeconds: 300,
  waitlistMax: 500,
};

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0] ?? ""), issue.message]));

describe("the sale form schema (shared by the form and the API)", () => {
  it("accepts a complete sale and turns its times into dates", () => {
    const sale = createSaleSchema.parse(valid);
    expect(sale.startsAt).toEqual(new Date("2030-01-01T10:00:00.000Z"));
    expect(sale.endsAt.getTime() - sale.startsAt.getTime()).toBe(2 * 3600_000);
  });

  it("names each wrong field with a message a marketer can act on", () => {
    const result = createSaleSchema.safeParse({ ...valid, name: " ", price: -1, stock: 2.5, currency: "XYZ", holdSeconds: 1, image: "javascript:alert(1)" });
    expect(messages(result)).toEqual({
      name: "Enter a name.",
      price: "The price cannot be negative.",
      stock: "The stock must be a whole number.",
      currency: "The currency must be one of EUR, USD, GBP, CHF, SEK, JPY.",
      holdSeconds: "The hold length must be at least 5.",
      image: "The image must be an http(s) URL or an uploaded picture.",
    });
  });

  it("flags an end before the start together with the other errors", () => {
    const result = createSaleSchema.safeParse({ ...valid, name: "", stock: Number.NaN, endsAt: "2029-12-31T10:00:00.000Z" });
    expect(messages(result)).toEqual({ name: "Enter a name.", stock: "Enter the stock.", endsAt: "The end must be after the start." });
  });

  it("takes uploaded and shipped pictures besides http(s) URLs", () => {
    for (const image of ["/api/images/0123456789abcdef01234567", "/images/demo/sneaker.webp", "https://cdn.example.com/a.png"]) {
      expect(createSaleSchema.safeParse({ ...valid, image }).success).toBe(true);
    }
    for (const image of ["/api/images/../../etc", "/images/x.svg", "//evil.example/a.png"]) {
      expect(createSaleSchema.safeParse({ ...valid, image }).success).toBe(false);
    }
  });

  it("refuses an end that is not after the start, and prices with more than two decimals", () => {
    expect(messages(createSaleSchema.safeParse({ ...valid, endsAt: valid.startsAt }))).toEqual({ endsAt: "The end must be after the start." });
    expect(messages(createSaleSchema.safeParse({ ...valid, price: 1.005 }))).toEqual({ price: "The price has at most two decimals." });
  });

  it("refuses missing numbers (an empty form field is NaN) and dates that are not dates", () => {
    const result = createSaleSchema.safeParse({ ...valid, stock: Number.NaN, startsAt: "tomorrow" });
    expect(messages(result)).toMatchObject({ stock: "Enter the stock.", startsAt: "Enter the start as a date and time." });
  });

  it("lets an edit change one field without filling in the others", () => {
    expect(updateSaleSchema.parse({ stock: 40 })).toEqual({ stock: 40 });
    expect(updateSaleSchema.safeParse({}).success).toBe(false);
    expect(updateSaleSchema.safeParse({ status: "live" }).success).toBe(false);
  });

  it.each([{ startsAt: "yesterday" }, { startsAt: "2026-13-45T00:00:00Z" }, { endsAt: "nope" }, { startsAt: 12, endsAt: {} }])(
    "refuses the invalid dates %j with a field message, in a new sale and in an edit (the end-after-start check once threw on them)",
    (dates) => {
      expect(Object.keys(messages(createSaleSchema.safeParse({ ...valid, ...dates })))).toEqual(Object.keys(dates));
      expect(Object.keys(messages(updateSaleSchema.safeParse({ startsAt: valid.startsAt, endsAt: valid.endsAt, ...dates })))).toEqual(Object.keys(dates));
    },
  );

  it("refuses text that cannot be stored: NUL bytes and lone surrogates, in every text field", () => {
    const result = createSaleSchema.safeParse({ ...valid, name: "Drop\u0000", description: "\ud800", image: "https://cdn.example.com/\u0000.png" });
    expect(messages(result)).toEqual({
      name: "must not contain NUL bytes or invalid Unicode",
      description: "must not contain NUL bytes or invalid Unicode",
      // The image is one of several forms (URL, uploaded picture), so it is refused as none of them.
      image: "The image must be an http(s) URL or an uploaded picture.",
    });
    expect(updateSaleSchema.safeParse({ name: "\udc00 drop" }).success).toBe(false);
    expect(createSaleSchema.safeParse({ ...valid, name: "Drop 👟" }).success).toBe(true);
  });
});
