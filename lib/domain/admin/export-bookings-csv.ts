import { connectMongo } from "@/lib/db/connect";
import { Booking, type BookingDoc } from "@/lib/db/models/booking";
import { logger } from "@/lib/log/logger";
import { toAdminBooking, type AdminBooking } from "@/lib/domain/admin/admin-booking";
import { parseBookingFilters } from "@/lib/domain/admin/booking-filters";
import { bookingQuery, emailsOf } from "@/lib/domain/admin/booking-query";
import { csvLine } from "@/lib/domain/admin/csv";
import { loadSale } from "@/lib/domain/sales/load-sale";

const COLUMNS: readonly (keyof AdminBooking)[] = [
  "id",
  "ticket",
  "reference",
  "userId",
  "email",
  "status",
  "admittedAt",
  "holdExpiresAt",
  "confirmedAt",
  "cancelledAt",
  "expiredAt",
  "ip",
  "userAgent",
];
/** Rows read from the cursor per pull: one user lookup per batch instead of one per row. */
const BATCH = 500;

export type BookingsCsv = { filename: string; body: ReadableStream<Uint8Array> };

/**
 * A sale's bookings (same filters as the table, every page) as CSV, streamed straight from a
 * MongoDB cursor: the stream pulls a batch only when the client has read the previous one, so
 * memory stays flat however many bookings there are, and a client that goes away closes the cursor.
 */
export async function exportBookingsCsv(saleId: string, params: URLSearchParams): Promise<BookingsCsv> {
  const filters = parseBookingFilters(params);
  const sale = await loadSale(saleId);
  await connectMongo();
  // No match at all (an unknown email) still exports the header row; `_id: null` matches nothing.
  const query = (await bookingQuery(saleId, filters)) ?? { _id: null };
  const cursor = Booking.find(query).sort({ ticket: 1 }).lean<BookingDoc[]>().cursor({ batchSize: BATCH });
  const encoder = new TextEncoder();
  let cancelled = false;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(COLUMNS)));
    },
    async pull(controller) {
      try {
        const batch: BookingDoc[] = [];
        while (batch.length < BATCH) {
          const doc = await cursor.next();
          if (!doc) break;
          batch.push(doc);
        }
        if (batch.length === 0) {
          await cursor.close();
          controller.close();
          return;
        }
        const emails = await emailsOf(batch.map((booking) => booking.userId));
        const rows = batch.map((booking) => {
          const row = toAdminBooking(booking, emails.get(booking.userId));
          return csvLine(COLUMNS.map((column) => row[column]));
        });
        controller.enqueue(encoder.encode(rows.join("")));
      } catch (error) {
        // The client went away while a batch was being read: closing the cursor ended that read.
        if (cancelled) return;
        logger.error({ err: error, saleId }, "bookings export failed midway");
        // The export error is logged above; a failure to close the broken cursor adds nothing.
        await cursor.close().catch(() => undefined);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await cursor.close();
    },
  });
  const slug = sale.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "sale";
  return { filename: `bookings-${slug}-${saleId}.csv`, body };
}
