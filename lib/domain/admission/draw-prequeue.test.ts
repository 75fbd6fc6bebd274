import { describe, expect, it } from "vitest";
import { shuffle } from "@/lib/domain/admission/draw-prequeue";

describe("shuffle", () => {
  it("returns a permutation of what it was given", () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const shuffled = shuffle([...items]);
    expect(shuffled).toHaveLength(1000);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it("makes every order about equally likely", () => {
    const counts = new Map<string, number>();
    const runs = 60_000;
    for (let i = 0; i < runs; i++) {
      const order = shuffle(["a", "b", "c"]).join("");
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // 10,000 expected each; a biased shuffle (e.g. swapping with any index) is off by ~1,000+.
    for (const count of counts.values()) expect(Math.abs(count - runs / 6)).toBeLessThan(600);
  });
});
