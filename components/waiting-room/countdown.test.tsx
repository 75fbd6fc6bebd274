import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Countdown, secondsUntil } from "@/components/waiting-room/countdown";

const CLIENT_NOW = Date.parse("2030-01-01T12:00:00.000Z");

describe("Countdown", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(CLIENT_NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function tick(ms: number) {
    act(() => {
      vi.advanceTimersByTime(ms);
    });
  }

  it("counts a five-minute hold down second by second", () => {
    render(<Countdown target="2030-01-01T12:05:00.000Z" clockOffsetMs={0} label="Time left to confirm" />);
    const timer = screen.getByRole("timer");
    expect(timer).toHaveTextContent("5:00");
    expect(timer).toHaveAccessibleName("Time left to confirm: 5 minutes");

    tick(1000);
    expect(timer).toHaveTextContent("4:59");
    tick(59_000);
    expect(timer).toHaveTextContent("4:00");
    tick(3 * 60_000 + 55_000);
    expect(timer).toHaveTextContent("0:05");
  });

  it("corrects for a browser clock that runs behind the server's", () => {
    // The server said it is 12:00:10 when this browser read 12:00:00: the browser is 10 s slow.
    const clockOffsetMs = Date.parse("2030-01-01T12:00:10.000Z") - CLIENT_NOW;
    render(<Countdown target="2030-01-01T12:05:10.000Z" clockOffsetMs={clockOffsetMs} label="Time left to confirm" />);
    // Without the correction this would read 5:10 and outlive the hold by ten seconds.
    expect(screen.getByRole("timer")).toHaveTextContent("5:00");
  });

  it("corrects for a browser clock that runs ahead of the server's", () => {
    const clockOffsetMs = Date.parse("2030-01-01T11:59:30.000Z") - CLIENT_NOW;
    render(<Countdown target="2030-01-01T12:04:30.000Z" clockOffsetMs={clockOffsetMs} label="Time left to confirm" />);
    expect(screen.getByRole("timer")).toHaveTextContent("5:00");
  });

  it("stops at 0:00 and reports the end once", () => {
    const onElapsed = vi.fn();
    render(<Countdown target="2030-01-01T12:00:03.000Z" clockOffsetMs={0} label="Time left" onElapsed={onElapsed} />);
    tick(2000);
    expect(onElapsed).not.toHaveBeenCalled();
    tick(1000);
    expect(screen.getByRole("timer")).toHaveTextContent("0:00");
    tick(10_000);
    expect(screen.getByRole("timer")).toHaveTextContent("0:00");
    expect(onElapsed).toHaveBeenCalledTimes(1);
  });

  it("shows days, hours and minutes for a sale that opens later", () => {
    render(<Countdown target="2030-01-03T15:04:05.000Z" clockOffsetMs={0} label="Time until the sale opens" />);
    expect(screen.getByRole("timer")).toHaveTextContent("2d 03:04:05");
  });
});

describe("secondsUntil", () => {
  it("rounds a part second up, so 0:00 means the moment has passed", () => {
    expect(secondsUntil(10_500, 10_000, 0)).toBe(1);
    expect(secondsUntil(10_000, 10_000, 0)).toBe(0);
    expect(secondsUntil(10_000, 12_000, 0)).toBe(0);
  });

  it("applies the server's lead over the local clock", () => {
    expect(secondsUntil(60_000, 0, 30_000)).toBe(30);
    expect(secondsUntil(60_000, 0, -30_000)).toBe(90);
  });
});
