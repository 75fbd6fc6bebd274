import { logger } from "@/lib/log/logger";
import { subscribeSaleEvents } from "@/lib/realtime/sale-events";
import { readDashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";
import { loadSale } from "@/lib/domain/sales/load-sale";

/** A reading at least this often, so the rates move even when nothing happens. */
const TICK_MS = 1000;
/** At most one extra reading per this long when the sale's events come thick and fast. */
const MIN_GAP_MS = 250;

/**
 * The sale's dashboard as Server-Sent Events: a `snapshot` event each second and soon after every
 * change the worker publishes. Stops (and drops its Redis subscription) when the client leaves.
 */
export async function streamSaleDashboard(saleId: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  await loadSale(saleId);
  const encoder = new TextEncoder();
  let stop = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let lastSent = 0;
      let pending: ReturnType<typeof setTimeout> | undefined;

      const send = async () => {
        pending = undefined;
        lastSent = Date.now();
        try {
          const snapshot = await readDashboardSnapshot(saleId);
          if (!closed) controller.enqueue(encoder.encode(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`));
        } catch (error) {
          logger.warn({ err: error, saleId }, "dashboard snapshot failed");
          if (!closed) controller.enqueue(encoder.encode(`event: problem\ndata: ${JSON.stringify({ message: "Live numbers are unavailable right now." })}\n\n`));
        }
      };
      const sendSoon = () => {
        if (closed || pending) return;
        pending = setTimeout(() => void send(), Math.max(0, lastSent + MIN_GAP_MS - Date.now()));
      };

      const timer = setInterval(sendSoon, TICK_MS);
      // A missed event (the subscription reconnected) is one more reason for a fresh reading.
      const unsubscribe = subscribeSaleEvents(saleId, sendSoon, sendSoon);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        clearTimeout(pending);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      signal.addEventListener("abort", stop, { once: true });
      controller.enqueue(encoder.encode("retry: 3000\n\n"));
      void send();
    },
    cancel() {
      stop();
    },
  });
}
