import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { frontierReached, type BookingStatusView, type SaleFrontier } from "@/lib/domain/booking/status-view";
import type { EventSink } from "@/lib/http/event-stream";
import { joinSaleRoom, lastFrontier, type RoomMember, type RoomMembership } from "@/lib/realtime/sale-room";
import { logger } from "@/lib/log/logger";

const encoder = new TextEncoder();
const UNAVAILABLE = encoder.encode(`event: error\ndata: ${JSON.stringify({ error: { code: "unavailable", message: "Status temporarily unavailable." } })}\n\n`);
/** States no event changes any more: nothing to read for them after a missed event. */
const FINAL_STATES = new Set<BookingStatusView["state"]>(["booked", "sold_out"]);

/** A view's identity for "did it change": serverTime moves on every read and each challenge is new. */
function stateKey(view: BookingStatusView): string {
  return JSON.stringify({ ...view, serverTime: null, challenge: null });
}

const statusChunk = (view: BookingStatusView) => encoder.encode(`event: status\ndata: ${JSON.stringify(view)}\n\n`);

/**
 * One user's status stream in one sale: a member of the sale's room. A class, not closures: with
 * tens of thousands of streams per process, its methods are shared and each stream is a few fields.
 * Its view is only what it last sent; it is read again only when it can have changed.
 */
class StatusStream implements RoomMember {
  private reading = false;
  private readAgain = false;
  private closed = false;
  private membership: RoomMembership | null = null;

  constructor(
    private readonly saleId: string,
    readonly userId: string,
    private sent: BookingStatusView,
    private readonly sink: EventSink,
  ) {}

  open(): void {
    this.sink.write(encoder.encode(`retry: 3000\n\nevent: status\ndata: ${JSON.stringify(this.sent)}\n\n`));
    this.membership = joinSaleRoom(this.saleId, this);
    const frontier = lastFrontier(this.saleId);
    if (frontier) this.onFrontier(frontier, encoder.encode(`event: frontier\ndata: ${JSON.stringify(frontier)}\n\n`));
  }

  close(): void {
    this.closed = true;
    this.membership?.leave();
  }

  onFrontier(frontier: SaleFrontier, chunk: Uint8Array): void {
    this.sink.write(chunk);
    if (frontierReached(this.sent, frontier)) this.refresh();
  }

  onHeartbeat(chunk: Uint8Array): void {
    this.sink.write(chunk);
  }

  awaitsEvents(): boolean {
    return this.sent.state !== "queued" && !FINAL_STATES.has(this.sent.state);
  }

  refresh(): void {
    if (this.closed) return;
    // An event during a read may postdate what the read saw: read once more after it.
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    getBookingStatus(this.saleId, this.userId)
      .then((view) => {
        if (this.closed || stateKey(view) === stateKey(this.sent)) return;
        this.sent = view;
        this.sink.write(statusChunk(view));
      })
      .catch((error: unknown) => {
        logger.warn({ err: error, saleId: this.saleId }, "status stream read failed");
        if (this.closed) return;
        this.sink.write(UNAVAILABLE);
        // What changed is still unread: try again on one of the room's next ticks.
        this.membership?.refreshLater();
      })
      .finally(() => {
        this.reading = false;
        if (this.readAgain) {
          this.readAgain = false;
          this.refresh();
        }
      });
  }
}

/**
 * A Server-Sent Events stream of one user's status in one sale, written into `sink`. It starts
 * with `initial`, then:
 * - `frontier` events, the sale's shared frontier (read once per process per tick and encoded once
 *   for every stream): the page computes a queued position from its own ticket;
 * - `status` events, the user's own view, read only when it can have changed: a sale event named
 *   the user, the frontier reached their ticket, events may have been missed (the subscription's
 *   connection came back), and once just after joining. Nothing is read for them while they wait.
 * Returns the stream's stop.
 */
export function openStatusStream(saleId: string, userId: string, initial: BookingStatusView, sink: EventSink): () => void {
  const stream = new StatusStream(saleId, userId, initial, sink);
  stream.open();
  return () => stream.close();
}
