import { z } from "zod";
import { isWellFormedText, TEXT_REFUSAL, textInput } from "@/lib/domain/text-input";

/**
 * What a marketer may set on a sale. The admin form validates with these very schemas before it
 * sends, and the API validates again, so the two can never disagree. No server imports here: the
 * browser bundle includes this file.
 */

export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "JPY"] as const;

export const SALE_LIMITS = {
  nameMax: 120,
  descriptionMax: 5000,
  priceMax: 1_000_000,
  stockMax: 1_000_000,
  holdSecondsMin: 5,
  holdSecondsMax: 3600,
  waitlistMax: 1_000_000,
} as const;

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter the ${label}.` })
    .int(`The ${label} must be a whole number.`)
    .min(min, `The ${label} must be at least ${min}.`)
    .max(max, `The ${label} must be at most ${max.toLocaleString("en")}.`);

// JSON carries dates as ISO strings; server-side callers (the scheduler, seeds) pass Dates.
const instant = (label: string) =>
  z
    .union([z.iso.datetime({ offset: true, error: `Enter the ${label} as a date and time.` }), z.date()])
    .transform((value) => new Date(value))
    .refine((date) => !Number.isNaN(date.getTime()), `Enter the ${label} as a date and time.`);

const saleFields = z.object({
  name: textInput({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(SALE_LIMITS.nameMax, `Keep the name under ${SALE_LIMITS.nameMax} characters.`),
  description: textInput().trim().max(SALE_LIMITS.descriptionMax, `Keep the description under ${SALE_LIMITS.descriptionMax} characters.`),
  image: z.union([
    z.literal(""),
    // An uploaded picture (GridFS) or one shipped in public/images.
    z.string().regex(/^\/(api\/images\/[0-9a-f]{24}|images\/[\w/-]+\.(png|jpe?g|webp|gif))$/),
    z.url({ protocol: /^https?$/, error: "The image must be an http(s) URL or an uploaded picture." }).refine(isWellFormedText, TEXT_REFUSAL),
  ], { error: "The image must be an http(s) URL or an uploaded picture." }),
  price: z
    .number({ error: "Enter the price." })
    .min(0, "The price cannot be negative.")
    .max(SALE_LIMITS.priceMax, `The price must be at most ${SALE_LIMITS.priceMax.toLocaleString("en")}.`)
    .refine((price) => Math.abs(price * 100 - Math.round(price * 100)) < 1e-6, "The price has at most two decimals."),
  currency: z.enum(CURRENCIES, { error: `The currency must be one of ${CURRENCIES.join(", ")}.` }),
  stock: whole("stock", 1, SALE_LIMITS.stockMax),
  startsAt: instant("start"),
  endsAt: instant("end"),
  holdSeconds: whole("hold length", SALE_LIMITS.holdSecondsMin, SALE_LIMITS.holdSecondsMax),
  waitlistMax: whole("waitlist bound", 0, SALE_LIMITS.waitlistMax),
});

export const endAfterStart = (sale: { startsAt: Date; endsAt: Date }) => sale.endsAt.getTime() > sale.startsAt.getTime();
const END_AFTER_START = {
  path: ["endsAt"],
  message: "The end must be after the start.",
  // Zod runs an object's checks even when a field failed; a date that did not parse is still the raw input then.
  when: (payload: z.core.ParsePayload) => !payload.issues.some((issue) => issue.path?.[0] === "startsAt" || issue.path?.[0] === "endsAt"),
};
const saleTimes = saleFields.pick({ startsAt: true, endsAt: true });

/**
 * A new sale: every field, the end after the start. The order of the times is checked as soon as
 * both are dates, even while other fields are wrong, so the form shows every error at once.
 */
export const createSaleSchema = saleFields
  .extend({ description: saleFields.shape.description.default(""), image: saleFields.shape.image.default("") })
  .refine((sale) => endAfterStart({ startsAt: new Date(sale.startsAt), endsAt: new Date(sale.endsAt) }), {
    ...END_AFTER_START,
    when: (payload) => saleTimes.safeParse(payload.value).success,
  });
export type CreateSaleInput = z.output<typeof createSaleSchema>;
/** The JSON the form sends (dates as ISO strings). */
export type SaleFormPayload = z.input<typeof createSaleSchema>;

/** An edit: any subset of the fields; the merged sale is checked again on the server. */
export const updateSaleSchema = saleFields
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Change at least one field.")
  .refine((patch) => !patch.startsAt || !patch.endsAt || endAfterStart({ startsAt: patch.startsAt, endsAt: patch.endsAt }), END_AFTER_START);
export type UpdateSaleInput = z.output<typeof updateSaleSchema>;

/** Optional new times sent with "schedule"; without them the sale's own times are used. */
export const scheduleSaleSchema = z
  .object({ startsAt: instant("start").optional(), endsAt: instant("end").optional() })
  .strict();
export type ScheduleSaleInput = z.output<typeof scheduleSaleSchema>;
