import { afterEach, describe, expect, it, vi } from "vitest";
import { pageRequestStartMs } from "@/components/waiting-room/page-request-start";

type Entry = { name: string; startTime: number };

function stubTimeline(navigation: Entry[], resources: Entry[]) {
  vi.spyOn(performance, "timeOrigin", "get").mockReturnValue(1_000_000);
  vi.spyOn(performance, "getEntriesByType").mockImplementation(
    (type: string) => (type === "navigation" ? navigation : type === "resource" ? resources : []) as unknown as PerformanceEntryList,
  );
}

describe("pageRequestStartMs", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    window.history.replaceState(null, "", "/");
  });

  it("is when the browser started loading this page, not when it got round to hydrating it", () => {
    window.history.replaceState(null, "", "/sales/abc");
    stubTimeline([{ name: `${window.location.origin}/sales/abc`, startTime: 0 }], []);
    vi.spyOn(Date, "now").mockReturnValue(1_004_000);
    expect(pageRequestStartMs()).toBe(1_000_000);
  });

  it("after a client-side navigation, is when this page's server components were fetched", () => {
    window.history.replaceState(null, "", "/sales/abc");
    stubTimeline(
      [{ name: `${window.location.origin}/`, startTime: 0 }],
      [
        { name: `${window.location.origin}/sales/other?_rsc=1`, startTime: 900 },
        { name: `${window.location.origin}/sales/abc?_rsc=2`, startTime: 2_500 },
        { name: `${window.location.origin}/sales/abc.png`, startTime: 2_600 },
      ],
    );
    expect(pageRequestStartMs()).toBe(1_002_500);
  });

  it("falls back to now when the browser kept no entry for this page", () => {
    window.history.replaceState(null, "", "/sales/abc");
    stubTimeline([{ name: `${window.location.origin}/`, startTime: 0 }], []);
    vi.spyOn(Date, "now").mockReturnValue(1_234_567);
    expect(pageRequestStartMs()).toBe(1_234_567);
  });
});
