import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { applyFrontier, frontierReached, type BookingStatusView } from "@/lib/domain/booking/status-view";
import { FRONTIER_TICK_MS, joinSaleRoom, lastFrontier } from "@/lib/realtime/sale-room";
import { logger } from "@/lib/log/logger";

const encoder = new TextEncoder();
const UNAVAILABLE = encoder.encode(`event: error\ndata: ${JSON.stringify({ error: { code: "unavailable", message: "Status temporarily unavailable." } })}\n\n`);

/** A view's identity for "did it change": serverTime moves on every read and each challenge is new. */
function stateKey(view: BookingStatusView): string {
  return JSON.stringify({ ...view, serverTime: null, challenge: null });
}

/**
 * A Server-Sent Events stream of one user's status in one sale. It starts with `initial`, then:
 * - `frontier` events, the sale's shared frontier (read once per process per tick and encoded once
 *   for every stream): the page computes a queued position from its own ticket;
 * - `status` events, the user's own view, read only when it can have changed: a sale event named
 *   the user, or the frontier reached their ticket (and once just after opening). Nothing is read
 *   for them while they wait.
 */
export function statusStream(saleId: string, userId: string, initial: BookingStatusView, signal: AbortSignal): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let view = initial;
      let lastKey = stateKey(initial);
      let reading = false;
      let readAgain = false;
      let closed = false;

      const send = (chunk: Uint8Array) => {
        if (!closed) controller.enqueue(chunk);
      };
      const read = () => {
        if (closed) return;
        // An event during a read may postdate what the read saw: read once more after it.
        if (reading) {
          readAgain = true;
          return;
        }
        reading = true;
        getBookingStatus(saleId, userId)
          .then((next) => {
            view = next;
            const key = stateKey(next);
            if (key !== lastKey) {
              lastKey = key;
              send(encoder.encode(`event: status\ndata: ${JSON.stringify(next)}\n\n`));
            }
          })
          .catch((error: unknown) => {
            logger.warn({ err: error, saleId }, "status stream read failed");
            send(UNAVAILABLE);
          })
          .finally(() => {
            reading = false;
            if (readAgain) {
              readAgain = false;
              read();
            }
          });
      };

      const leaveRoom = joinSaleRoom(saleId, {
        userId,
        onFrontier(frontier, chunk) {
          send(chunk);
          view = applyFrontier(view, frontier);
          if (frontierReached(view, frontier)) read();
        },
        onUserEvent: read,
        onHeartbeat: send,
      });
      // An event between the route's read and this join (or before a new room's subscription is
      // confirmed) would be missed: read once more when both are surely in place.
      const catchUp = setTimeout(read, FRONTIER_TICK_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(catchUp);
        leaveRoom();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      stop = close;
      signal.addEventListener("abort", close, { once: true });
      send(encoder.encode(`retry: 3000\n\nevent: status\ndata: ${JSON.stringify(initial)}\n\n`));
      const frontier = lastFrontier(saleId);
      if (frontier) {
        send(encoder.encode(`event: frontier\ndata: ${JSON.stringify(frontier)}\n\n`));
        if (frontierReached(view, frontier)) read();
      }
    },
    cancel() {
      stop();
    },
  });
}
