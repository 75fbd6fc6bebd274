import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { subscribeSaleEvents } from "@/lib/realtime/sale-events";
import { logger } from "@/lib/log/logger";

const HEARTBEAT_MS = 15_000;
/** Queued users' positions move with every served batch; re-read at most this often for them. */
const FRONTIER_REFRESH_MS = 1_000;
/** A safety poll in case a pub/sub message was missed (e.g. during a Redis reconnect). */
const SAFETY_POLL_MS = 5_000;

/**
 * A Server-Sent Events stream of one user's status in one sale: sent at once, then whenever a
 * sale event names the user, when the queue frontier moves (throttled), and on a safety poll.
 */
export function statusStream(saleId: string, userId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      let lastRefresh = 0;
      let pending: Promise<void> | null = null;
      let closed = false;

      const send = (chunk: string) => {
        if (!closed) controller.enqueue(encoder.encode(chunk));
      };
      const refresh = () => {
        if (closed || pending) return;
        lastRefresh = Date.now();
        pending = getBookingStatus(saleId, userId)
          .then((view) => {
            // serverTime changes on every read; only a change of state is worth a message.
            const key = JSON.stringify({ ...view, serverTime: null });
            if (key !== last) {
              last = key;
              send(`event: status\ndata: ${JSON.stringify(view)}\n\n`);
            }
          })
          .catch((error: unknown) => {
            logger.warn({ err: error, saleId }, "status stream refresh failed");
            send(`event: error\ndata: ${JSON.stringify({ error: { code: "unavailable", message: "Status temporarily unavailable." } })}\n\n`);
          })
          .finally(() => {
            pending = null;
          });
      };

      const unsubscribe = subscribeSaleEvents(saleId, (event) => {
        if (event.users.includes(userId)) refresh();
        else if (event.served !== undefined && Date.now() - lastRefresh >= FRONTIER_REFRESH_MS) refresh();
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const poll = setInterval(refresh, SAFETY_POLL_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(poll);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", cleanup);
      send("retry: 3000\n\n");
      refresh();
    },
    cancel() {
      cleanup();
    },
  });
}
