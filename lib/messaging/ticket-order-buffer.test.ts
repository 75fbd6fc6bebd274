import { describe, expect, it } from "vitest";
import { TicketOrderBuffer } from "@/lib/messaging/ticket-order-buffer";

function buffer(gapWaitMs = 1000) {
  let now = 0;
  const b = new TicketOrderBuffer<string>(gapWaitMs, () => now);
  b.setFrontier("s", 0);
  return { b, tick: (ms: number) => (now += ms) };
}

const tickets = (taken: { ticket: number }[]) => taken.map((t) => t.ticket);

describe("TicketOrderBuffer", () => {
  it("serves tickets published out of order in ticket order", () => {
    const { b } = buffer();
    b.add("s", 2, "b");
    expect(b.takeReady("s", 10)).toEqual([]);
    b.add("s", 1, "a");
    b.add("s", 3, "c");
    expect(tickets(b.takeReady("s", 10))).toEqual([1, 2, 3]);
  });

  it("waits for a missing ticket, then skips it once the gap wait has passed", () => {
    const { b, tick } = buffer(1000);
    b.add("s", 2, "b");
    expect(b.takeReady("s", 10)).toEqual([]);
    tick(999);
    expect(b.takeReady("s", 10)).toEqual([]);
    tick(1);
    expect(tickets(b.takeReady("s", 10))).toEqual([2]);
  });

  it("releases redelivered tickets below the frontier at once", () => {
    const { b } = buffer();
    b.setFrontier("s", 10);
    b.add("s", 4, "old");
    expect(tickets(b.takeReady("s", 10))).toEqual([4]);
  });

  it("respects the batch size and keeps the rest in order", () => {
    const { b } = buffer();
    for (const t of [3, 1, 2, 4]) b.add("s", t, `m${t}`);
    expect(tickets(b.takeReady("s", 2))).toEqual([1, 2]);
    expect(tickets(b.takeReady("s", 2))).toEqual([3, 4]);
  });

  it("puts unserved items back at the head", () => {
    const { b } = buffer();
    for (const t of [1, 2, 3]) b.add("s", t, `m${t}`);
    const taken = b.takeReady("s", 3);
    b.putBack("s", taken.slice(1));
    expect(tickets(b.takeReady("s", 10))).toEqual([2, 3]);
  });

  it("reports when the oldest gap times out", () => {
    const { b, tick } = buffer(500);
    b.add("s", 3, "c");
    b.takeReady("s", 10);
    tick(200);
    expect(b.msUntilGapTimeout()).toBe(300);
  });
});
