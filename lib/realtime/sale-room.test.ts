import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SaleFrontier } from "@/lib/domain/booking/status-view";
import type { SaleEventListener } from "@/lib/realtime/sale-events";
import type { RoomMember } from "@/lib/realtime/sale-room";

const frontiers = vi.hoisted(() => ({ readSaleFrontier: vi.fn<(saleId: string) => Promise<SaleFrontier>>() }));
vi.mock("@/lib/domain/booking/read-sale-frontier", () => frontiers);
const events = vi.hoisted(() => ({ listeners: [] as SaleEventListener[], unsubscribed: 0 }));
vi.mock("@/lib/realtime/sale-events", () => ({
  subscribeSaleEvents: (_saleId: string, listener: SaleEventListener) => {
    events.listeners.push(listener);
    return () => (events.unsubscribed += 1);
  },
}));

const { currentFrontier, joinSaleRoom } = await import("@/lib/realtime/sale-room");

let served = 0;
const member = (userId: string) => ({ userId, onFrontier: vi.fn(), onUserEvent: vi.fn(), onHeartbeat: vi.fn() }) satisfies RoomMember;

beforeEach(() => {
  vi.useFakeTimers();
  served = 0;
  frontiers.readSaleFrontier.mockReset().mockImplementation(async (saleId) => ({ saleId, saleStatus: "live", stockLeft: 5, serverTime: new Date().toISOString(), served, drainRate: 1 }));
  events.listeners = [];
  events.unsubscribed = 0;
});
afterEach(() => vi.useRealTimers());

describe("a sale's room in one process", () => {
  it("reads the frontier once per tick for any number of streams, and fans out only a move", async () => {
    const members = Array.from({ length: 1000 }, (_, i) => member(`u${i}`));
    const leaves = members.map((m) => joinSaleRoom("room-a", m));
    served = 10;
    await vi.advanceTimersByTimeAsync(1000);
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(1);
    expect(members.every((m) => m.onFrontier.mock.calls.length === 1)).toBe(true);
    // One encoded chunk shared by every stream.
    expect(members[999]!.onFrontier.mock.calls[0]![1]).toBe(members[0]!.onFrontier.mock.calls[0]![1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(2);
    expect(members[0]!.onFrontier).toHaveBeenCalledTimes(1);
    leaves.forEach((leave) => leave());
    expect(events.unsubscribed).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(2);
  });

  it("hands a sale event only to the streams of the users it names", () => {
    const [a, b, a2] = [member("a"), member("b"), member("a")];
    const leaves = [a, b, a2].map((m) => joinSaleRoom("room-b", m));
    events.listeners[0]!({ saleId: "room-b", users: ["a", "zzz"], at: 0 });
    expect(a.onUserEvent).toHaveBeenCalledTimes(1);
    expect(a2.onUserEvent).toHaveBeenCalledTimes(1);
    expect(b.onUserEvent).not.toHaveBeenCalled();
    leaves.forEach((leave) => leave());
  });

  it("serves polls of the frontier from one read per tick", async () => {
    await Promise.all([currentFrontier("room-c"), currentFrontier("room-c"), currentFrontier("room-c")]);
    await currentFrontier("room-c");
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    await currentFrontier("room-c");
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(2);
  });
});
