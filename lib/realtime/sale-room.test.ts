import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SaleFrontier } from "@/lib/domain/booking/status-view";
import type { SaleEventListener, SaleEventsGapListener } from "@/lib/realtime/sale-events";
import type { RoomMember } from "@/lib/realtime/sale-room";

const frontiers = vi.hoisted(() => ({ readSaleFrontier: vi.fn<(saleId: string) => Promise<SaleFrontier>>() }));
vi.mock("@/lib/domain/booking/read-sale-frontier", () => frontiers);
const events = vi.hoisted(() => ({ listeners: [] as SaleEventListener[], gaps: [] as SaleEventsGapListener[], unsubscribed: 0 }));
vi.mock("@/lib/realtime/sale-events", () => ({
  subscribeSaleEvents: (_saleId: string, listener: SaleEventListener, onGap: SaleEventsGapListener) => {
    events.listeners.push(listener);
    events.gaps.push(onGap);
    return () => (events.unsubscribed += 1);
  },
}));

const { currentFrontier, joinSaleRoom, RESYNC_SPREAD_MS } = await import("@/lib/realtime/sale-room");

let served = 0;
const member = (userId: string, awaitsEvents = false) =>
  ({ userId, onFrontier: vi.fn(), refresh: vi.fn(), awaitsEvents: () => awaitsEvents, onHeartbeat: vi.fn() }) satisfies RoomMember;

beforeEach(() => {
  vi.useFakeTimers();
  served = 0;
  frontiers.readSaleFrontier.mockReset().mockImplementation(async (saleId) => ({ saleId, saleStatus: "live", stockLeft: 5, serverTime: new Date().toISOString(), served, drainRate: 1 }));
  events.listeners = [];
  events.gaps = [];
  events.unsubscribed = 0;
});
afterEach(() => vi.useRealTimers());

describe("a sale's room in one process", () => {
  it("reads the frontier once per tick for any number of streams, and fans out only a move", async () => {
    const members = Array.from({ length: 1000 }, (_, i) => member(`u${i}`));
    const memberships = members.map((m) => joinSaleRoom("room-a", m));
    served = 10;
    await vi.advanceTimersByTimeAsync(1000);
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(1);
    expect(members.every((m) => m.onFrontier.mock.calls.length === 1)).toBe(true);
    // One encoded chunk shared by every stream.
    expect(members[999]!.onFrontier.mock.calls[0]![1]).toBe(members[0]!.onFrontier.mock.calls[0]![1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(2);
    expect(members[0]!.onFrontier).toHaveBeenCalledTimes(1);
    memberships.forEach((membership) => membership.leave());
    expect(events.unsubscribed).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(2);
  });

  it("hands a sale event only to the streams of the users it names", () => {
    const [a, b, a2] = [member("a"), member("b"), member("a")];
    const memberships = [a, b, a2].map((m) => joinSaleRoom("room-b", m));
    events.listeners[0]!({ saleId: "room-b", users: ["a", "zzz"], at: 0 });
    expect(a.refresh).toHaveBeenCalledTimes(1);
    expect(a2.refresh).toHaveBeenCalledTimes(1);
    expect(b.refresh).not.toHaveBeenCalled();
    memberships[0]!.leave();
    events.listeners[0]!({ saleId: "room-b", users: ["a"], at: 0 });
    expect(a.refresh).toHaveBeenCalledTimes(1);
    expect(a2.refresh).toHaveBeenCalledTimes(2);
    memberships.forEach((membership) => membership.leave());
  });

  it("has a newcomer read its own state once, one to two ticks after joining (an event before it joined is not lost), with no timer of its own", async () => {
    const early = member("early");
    const membership = joinSaleRoom("room-d", early);
    await vi.advanceTimersByTimeAsync(500);
    const late = member("late");
    const lateMembership = joinSaleRoom("room-d", late);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(early.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(early.refresh).toHaveBeenCalledTimes(1);
    expect(late.refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(early.refresh).toHaveBeenCalledTimes(1);
    expect(late.refresh).toHaveBeenCalledTimes(1);
    membership.refreshLater();
    await vi.advanceTimersByTimeAsync(1000);
    expect(early.refresh).toHaveBeenCalledTimes(2);
    [membership, lateMembership].forEach((each) => each.leave());
  });

  it("after missed events, reads the frontier at once and has every member an event could have changed read its own state, spread out", async () => {
    const holders = Array.from({ length: 40 }, (_, i) => member(`h${i}`, true));
    const queued = Array.from({ length: 40 }, (_, i) => member(`q${i}`, false));
    const memberships = [...holders, ...queued].map((m) => joinSaleRoom("room-e", m));
    await vi.advanceTimersByTimeAsync(2000); // the newcomers' own reads are done
    holders.forEach((m) => m.refresh.mockClear());
    const reads = frontiers.readSaleFrontier.mock.calls.length;
    served = 7;

    events.gaps[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(frontiers.readSaleFrontier).toHaveBeenCalledTimes(reads + 1);
    expect(holders[0]!.onFrontier).toHaveBeenCalledWith(expect.objectContaining({ served: 7 }), expect.any(Uint8Array));
    const refreshed = () => holders.filter((m) => m.refresh.mock.calls.length > 0).length;
    await vi.advanceTimersByTimeAsync(RESYNC_SPREAD_MS / 4);
    expect(refreshed()).toBeGreaterThan(0);
    expect(refreshed()).toBeLessThan(holders.length);
    await vi.advanceTimersByTimeAsync(RESYNC_SPREAD_MS);
    expect(holders.every((m) => m.refresh.mock.calls.length === 1)).toBe(true);
    expect(queued.every((m) => m.refresh.mock.calls.length === 1)).toBe(true); // only their newcomer read
    memberships.forEach((membership) => membership.leave());
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
