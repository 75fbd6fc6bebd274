import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BookingStatusView, SaleFrontier } from "@/lib/domain/booking/status-view";
import type { RoomMember } from "@/lib/realtime/sale-room";

const reads = vi.hoisted(() => ({ getBookingStatus: vi.fn<(saleId: string, userId: string) => Promise<BookingStatusView>>() }));
vi.mock("@/lib/domain/booking/get-booking-status", () => reads);
const room = vi.hoisted(() => ({ members: [] as RoomMember[], last: null as SaleFrontier | null, later: 0 }));
vi.mock("@/lib/realtime/sale-room", () => ({
  joinSaleRoom: (_saleId: string, member: RoomMember) => {
    room.members.push(member);
    return { leave: () => room.members.splice(room.members.indexOf(member), 1), refreshLater: () => (room.later += 1) };
  },
  lastFrontier: () => room.last,
}));

const { openStatusStream } = await import("@/lib/realtime/status-stream");

const summary = { saleId: "s", saleStatus: "live", stockLeft: 3, serverTime: "2030-01-01T12:00:00.000Z" };
const queued: BookingStatusView = { ...summary, state: "queued", bookingId: "b", ticket: 50, position: 10, estimatedWaitSeconds: 5 };
const hold: BookingStatusView = { ...summary, state: "hold", bookingId: "b", ticket: 50, expiresAt: "2030-01-01T12:05:00.000Z", holdSeconds: 300 };
const frontier = (served: number): SaleFrontier => ({ ...summary, served, drainRate: 2 });

/** Opens a stream into a sink that keeps what it is given, as text. */
function open(initial: BookingStatusView) {
  const written: string[] = [];
  const decoder = new TextDecoder();
  const stop = openStatusStream("s", "u", initial, { write: (chunk) => written.push(decoder.decode(chunk)) });
  return { written, member: room.members.at(-1)!, stop };
}

/** Lets the stream's pending read settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  room.members = [];
  room.last = null;
  room.later = 0;
  reads.getBookingStatus.mockReset();
});

describe("a waiting shopper's status stream", () => {
  it("starts with the view it was given, forwards the shared frontier, and reads nothing of its own while the line moves", () => {
    const stream = open(queued);
    expect(stream.written[0]).toContain(`event: status\ndata: ${JSON.stringify(queued)}`);
    const chunk = new TextEncoder().encode("event: frontier\ndata: {}\n\n");
    stream.member.onFrontier(frontier(45), chunk);
    expect(stream.written[1]).toBe("event: frontier\ndata: {}\n\n");
    expect(reads.getBookingStatus).not.toHaveBeenCalled();
    stream.stop();
    expect(room.members).toHaveLength(0);
  });

  it("sends the frontier this process last read at once, to a stream that opens between ticks", () => {
    room.last = frontier(20);
    const stream = open(queued);
    expect(stream.written[1]).toContain('"served":20');
    stream.stop();
  });

  it("reads its own state when the frontier reaches its ticket, and when an event names it; sends only changes", async () => {
    reads.getBookingStatus.mockResolvedValueOnce(hold).mockResolvedValueOnce({ ...hold, serverTime: "2030-01-01T12:00:09.000Z" });
    const stream = open(queued);
    stream.member.onFrontier(frontier(50), new Uint8Array());
    await settle();
    expect(stream.written.at(-1)).toContain('"state":"hold"');
    const sent = stream.written.length;
    stream.member.refresh();
    await settle();
    expect(reads.getBookingStatus).toHaveBeenCalledTimes(2);
    expect(stream.written).toHaveLength(sent);
    stream.stop();
  });

  it("reads once more after a read that an event overtook", async () => {
    let finish: (view: BookingStatusView) => void = () => {};
    reads.getBookingStatus.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve))).mockResolvedValueOnce(hold);
    const stream = open(queued);
    stream.member.refresh();
    stream.member.refresh();
    expect(reads.getBookingStatus).toHaveBeenCalledTimes(1);
    finish(queued);
    await settle();
    await settle();
    expect(reads.getBookingStatus).toHaveBeenCalledTimes(2);
    expect(stream.written.at(-1)).toContain('"state":"hold"');
    stream.stop();
  });

  it("says so when its read fails, and asks the room to read again later", async () => {
    reads.getBookingStatus.mockRejectedValueOnce(new Error("redis down"));
    const stream = open(hold);
    stream.member.refresh();
    await settle();
    expect(stream.written.at(-1)).toContain("event: error");
    expect(room.later).toBe(1);
    stream.stop();
  });

  it("awaits events while held or waitlisted, not while queued (the frontier brings its change) or once booked", () => {
    expect(open(hold).member.awaitsEvents()).toBe(true);
    expect(open({ ...summary, state: "waitlisted", bookingId: "b", ticket: 50, waitlistPosition: 1 }).member.awaitsEvents()).toBe(true);
    expect(open(queued).member.awaitsEvents()).toBe(false);
    expect(open({ ...summary, state: "booked", bookingId: "b" }).member.awaitsEvents()).toBe(false);
  });
});
