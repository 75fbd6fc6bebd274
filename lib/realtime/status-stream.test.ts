import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookingStatusView, SaleFrontier } from "@/lib/domain/booking/status-view";
import type { RoomMember } from "@/lib/realtime/sale-room";

const reads = vi.hoisted(() => ({ getBookingStatus: vi.fn<(saleId: string, userId: string) => Promise<BookingStatusView>>() }));
vi.mock("@/lib/domain/booking/get-booking-status", () => reads);
const room = vi.hoisted(() => ({ members: [] as RoomMember[], last: null as SaleFrontier | null }));
vi.mock("@/lib/realtime/sale-room", () => ({
  FRONTIER_TICK_MS: 1000,
  joinSaleRoom: (_saleId: string, member: RoomMember) => {
    room.members.push(member);
    return () => room.members.splice(room.members.indexOf(member), 1);
  },
  lastFrontier: () => room.last,
}));

const { statusStream } = await import("@/lib/realtime/status-stream");

const summary = { saleId: "s", saleStatus: "live", stockLeft: 3, serverTime: "2030-01-01T12:00:00.000Z" };
const queued: BookingStatusView = { ...summary, state: "queued", bookingId: "b", ticket: 50, position: 10, estimatedWaitSeconds: 5 };
const frontier = (served: number): SaleFrontier => ({ ...summary, served, drainRate: 2 });

async function open(initial: BookingStatusView) {
  const controller = new AbortController();
  const reader = statusStream("s", "u", initial, controller.signal).getReader();
  const decoder = new TextDecoder();
  const next = async () => decoder.decode((await reader.read()).value);
  return { next, close: () => controller.abort() };
}

beforeEach(() => {
  vi.useFakeTimers();
  room.members = [];
  room.last = null;
  reads.getBookingStatus.mockReset();
});
afterEach(() => vi.useRealTimers());

describe("a waiting shopper's status stream", () => {
  it("starts with the view it was given, forwards the shared frontier, and reads nothing of its own while the line moves", async () => {
    const stream = await open(queued);
    expect(await stream.next()).toContain(`event: status\ndata: ${JSON.stringify(queued)}`);
    const chunk = new TextEncoder().encode("event: frontier\ndata: {}\n\n");
    room.members[0]!.onFrontier(frontier(45), chunk);
    expect(await stream.next()).toBe("event: frontier\ndata: {}\n\n");
    expect(reads.getBookingStatus).not.toHaveBeenCalled();
    stream.close();
    expect(room.members).toHaveLength(0);
  });

  it("reads its own state when the frontier reaches its ticket, and when an event names it; sends only changes", async () => {
    const hold: BookingStatusView = { ...summary, state: "hold", bookingId: "b", ticket: 50, expiresAt: "2030-01-01T12:05:00.000Z", holdSeconds: 300 };
    reads.getBookingStatus.mockResolvedValueOnce(hold).mockResolvedValueOnce({ ...hold, serverTime: "2030-01-01T12:00:09.000Z" });
    const stream = await open(queued);
    await stream.next();
    room.members[0]!.onFrontier(frontier(50), new Uint8Array());
    await stream.next();
    expect(await stream.next()).toContain('"state":"hold"');
    room.members[0]!.onUserEvent();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads.getBookingStatus).toHaveBeenCalledTimes(2);
    stream.close();
  });

  it("reads once a second after opening, to catch an event that came before it joined", async () => {
    reads.getBookingStatus.mockResolvedValue(queued);
    const stream = await open(queued);
    await stream.next();
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads.getBookingStatus).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads.getBookingStatus).toHaveBeenCalledTimes(1);
    stream.close();
  });
});
