import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import { QueuePanel, type QueuePanelProps } from "@/components/waiting-room/queue-panel";
import { NOON, viewOf } from "@/components/waiting-room/test-views";

function renderPanel(view: BookingStatusView, overrides: Partial<QueuePanelProps> = {}) {
  const props: QueuePanelProps = {
    view,
    clockOffsetMs: 0,
    startsAt: "2030-01-01T11:00:00.000Z",
    queueStartPosition: null,
    notice: null,
    pending: null,
    onBuy: vi.fn(),
    onConfirm: vi.fn(),
    onCancel: vi.fn(),
    onDeadline: vi.fn(),
    ...overrides,
  };
  render(<QueuePanel {...props} />);
  return { props, room: screen.getByRole("region", { name: "Waiting room" }) };
}

const button = (name: string) => screen.queryByRole("button", { name });

describe("QueuePanel", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    vi.setSystemTime(Date.parse(NOON));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("offers Buy now on a live sale the user has not joined", async () => {
    const { props, room } = renderPanel(viewOf("none"));
    expect(room).toHaveAttribute("data-state", "none");
    expect(within(room).getByRole("heading", { name: "Ready when you are" })).toBeInTheDocument();
    await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).click(screen.getByRole("button", { name: "Buy now" }));
    expect(props.onBuy).toHaveBeenCalledTimes(1);
  });

  it("opens Buy now before a scheduled start once the pre-queue opens, and explains the draw", () => {
    const { props } = renderPanel(viewOf("none", { saleStatus: "scheduled" }), {
      startsAt: "2030-01-01T12:10:00.000Z",
      prequeueOpensAt: "2030-01-01T12:00:03.000Z",
    });
    expect(screen.getByRole("heading", { name: "Not open yet" })).toBeInTheDocument();
    expect(button("Buy now")).toBeDisabled();

    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByRole("heading", { name: "The pre-queue is open" })).toBeInTheDocument();
    expect(screen.getByText(/random order/)).toBeInTheDocument();
    expect(screen.getByRole("timer", { name: /Time until the sale opens/ })).toHaveTextContent("9:57");
    expect(button("Buy now")).toBeEnabled();
    expect(props.onDeadline).not.toHaveBeenCalled();
  });

  it("shows a pre-queued user the draw to come, the countdown, and no Buy", () => {
    const { props, room } = renderPanel(viewOf("prequeued", { saleStatus: "scheduled", prequeueSize: 12 }), {
      startsAt: "2030-01-01T12:00:02.000Z",
    });
    expect(room).toHaveAttribute("data-state", "prequeued");
    expect(within(room).getByRole("heading", { name: "You’re in the pre-queue" })).toBeInTheDocument();
    expect(screen.getByText(/12 shoppers are in the pre-queue/)).toBeInTheDocument();
    expect(button("Buy now")).not.toBeInTheDocument();

    act(() => {
      vi.advanceTimersByTime(2000);
    });
    // At the start the server draws the places: the panel asks it for this user's.
    expect(props.onDeadline).toHaveBeenCalled();
  });

  it("still offers Buy now when every item is held, for a place on the waitlist", () => {
    renderPanel(viewOf("none", { stockLeft: 0 }));
    expect(screen.getByText(/Every item is held right now/)).toBeInTheDocument();
    expect(button("Buy now")).toBeEnabled();
  });

  it("counts down to a scheduled start with Buy now disabled, then opens it", () => {
    const { props } = renderPanel(viewOf("none", { saleStatus: "scheduled" }), { startsAt: "2030-01-01T12:00:05.000Z" });
    expect(screen.getByRole("heading", { name: "Not open yet" })).toBeInTheDocument();
    expect(screen.getByRole("timer", { name: /Time until the sale opens/ })).toHaveTextContent("0:05");
    expect(button("Buy now")).toBeDisabled();

    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getByRole("heading", { name: "Opening now" })).toBeInTheDocument();
    expect(button("Buy now")).toBeEnabled();
    expect(props.onDeadline).toHaveBeenCalledTimes(1);
  });

  it("shows a paused sale without a Buy button", () => {
    renderPanel(viewOf("none", { saleStatus: "paused" }));
    expect(screen.getByRole("heading", { name: "Paused for a moment" })).toBeInTheDocument();
    expect(button("Buy now")).not.toBeInTheDocument();
  });

  it.each([
    ["sold_out", "Sold out"],
    ["ended", "This sale has ended"],
  ])("shows a %s sale as closed", (saleStatus, heading) => {
    renderPanel(viewOf("none", { saleStatus }));
    expect(screen.getByRole("heading", { name: heading })).toBeInTheDocument();
    expect(button("Buy now")).not.toBeInTheDocument();
  });

  it("shows the place in line, the estimated wait and the progress, politely announced", () => {
    const { room } = renderPanel(viewOf("queued", { position: 3, estimatedWaitSeconds: 90 }), { queueStartPosition: 12 });
    const headline = screen.getByRole("heading", { name: "You’re number 3 in line" });
    expect(headline.closest("[aria-live]")).toHaveAttribute("aria-live", "polite");
    expect(screen.getByText("Estimated wait: about 1 minute 30 seconds.")).toBeInTheDocument();
    expect(screen.getByTestId("queue-position")).toHaveTextContent("3");
    expect(screen.getByRole("progressbar", { name: "Progress through the line" })).toHaveAttribute("aria-valuenow", "75");
    expect(within(room).queryAllByRole("button")).toHaveLength(0);
  });

  it("says when the wait cannot be estimated yet, and when the user is next", () => {
    renderPanel(viewOf("queued", { position: 1, estimatedWaitSeconds: null }));
    expect(screen.getByRole("heading", { name: "You’re next in line" })).toBeInTheDocument();
    expect(screen.getByText("Working out how long the wait is…")).toBeInTheDocument();
  });

  it("shows a hold with its countdown and the Confirm and Cancel buttons", async () => {
    const { props } = renderPanel(viewOf("hold", { bookingId: "b-9", expiresAt: "2030-01-01T12:05:00.000Z" }));
    expect(screen.getByRole("heading", { name: "It’s yours — for now" })).toBeInTheDocument();
    expect(screen.getByRole("timer", { name: /Time left to confirm/ })).toHaveTextContent("5:00");

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByRole("button", { name: "Confirm purchase" }));
    expect(props.onConfirm).toHaveBeenCalledWith("b-9");
    await user.click(screen.getByRole("button", { name: "Cancel hold" }));
    expect(props.onCancel).toHaveBeenCalledWith("b-9");
  });

  it("keeps the timer out of the live region, so it is not read out every second", () => {
    renderPanel(viewOf("hold"));
    expect(screen.getByRole("timer").closest("[aria-live='polite']")).toBeNull();
  });

  it("disables Confirm and Cancel when the hold's time is up, and asks for the server's word", () => {
    const { props } = renderPanel(viewOf("hold", { expiresAt: "2030-01-01T12:00:02.000Z" }));
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByText("Time’s up")).toBeInTheDocument();
    expect(button("Confirm purchase")).toBeDisabled();
    expect(button("Cancel hold")).toBeDisabled();
    expect(props.onDeadline).toHaveBeenCalledTimes(1);
  });

  it("counts the hold on the server's clock", () => {
    // The browser reads 12:01 when the server reads 12:00: a hold ending at 12:05 has 5:00 left.
    vi.setSystemTime(Date.parse("2030-01-01T12:01:00.000Z"));
    renderPanel(viewOf("hold", { expiresAt: "2030-01-01T12:05:00.000Z" }), { clockOffsetMs: -60_000 });
    expect(screen.getByRole("timer")).toHaveTextContent("5:00");
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(screen.getByRole("timer")).toHaveTextContent("4:00");
  });

  it("marks the buttons busy while an action is under way", () => {
    renderPanel(viewOf("hold"), { pending: "confirm" });
    expect(button("Confirm purchase")).toHaveAttribute("aria-busy", "true");
    expect(button("Confirm purchase")).toBeDisabled();
    expect(button("Cancel hold")).toBeDisabled();
  });

  it("shows the waitlist place and lets the user leave it", async () => {
    const { props } = renderPanel(viewOf("waitlisted", { waitlistPosition: 2, bookingId: "b-4" }));
    expect(screen.getByRole("heading", { name: "You’re number 2 on the waitlist" })).toBeInTheDocument();
    await userEvent.setup({ advanceTimers: vi.advanceTimersByTime }).click(screen.getByRole("button", { name: "Leave the waitlist" }));
    expect(props.onCancel).toHaveBeenCalledWith("b-4");
  });

  it("tells a queued user that a paused sale keeps their place", () => {
    renderPanel(viewOf("queued", { saleStatus: "paused", position: 2 }));
    expect(screen.getByRole("heading", { name: "You’re number 2 in line" })).toBeInTheDocument();
    expect(screen.getByText("The sale is paused; the line moves again when it resumes.")).toBeInTheDocument();
  });

  it("confirms a booking with its reference and a link to My bookings", () => {
    renderPanel(viewOf("booked", { bookingId: "3f2a9c1e-0000-4000-8000-000000000000" }));
    expect(screen.getByRole("heading", { name: "You got it!" })).toBeInTheDocument();
    expect(screen.getByText(/Booking reference 3F2A9C1E/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "See my bookings" })).toHaveAttribute("href", "/bookings");
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });

  it("tells a user whose turn came too late that it sold out", () => {
    renderPanel(viewOf("sold_out"));
    expect(screen.getByRole("heading", { name: "Sold out" })).toBeInTheDocument();
    expect(button("Buy now")).not.toBeInTheDocument();
  });

  it.each([
    ["expired", "Your hold ran out"],
    ["cancelled", "Hold released"],
  ] as const)("after a hold %s, offers a new place in line while the sale is live", (state, heading) => {
    renderPanel(viewOf(state));
    expect(screen.getByRole("heading", { name: heading })).toBeInTheDocument();
    expect(button("Buy now")).toBeEnabled();
  });

  it("does not offer a new place once the sale is over", () => {
    renderPanel(viewOf("expired", { saleStatus: "sold_out" }));
    expect(button("Buy now")).not.toBeInTheDocument();
  });

  it("offers Buy now again when the request was lost on its way to the queue", () => {
    renderPanel(viewOf("rejected", { reason: "Your request did not reach the queue. Please press Buy now again.", canRetry: true }));
    expect(screen.getByText(/did not reach the queue/)).toBeInTheDocument();
    expect(button("Buy now")).toBeEnabled();
  });

  it("shows why a request was rejected", () => {
    renderPanel(viewOf("rejected", { reason: "The sale ended before your turn." }));
    expect(screen.getByRole("heading", { name: "Request not accepted" })).toBeInTheDocument();
    expect(screen.getByText("The sale ended before your turn.")).toBeInTheDocument();
  });

  it("shows a refusal as an alert", () => {
    renderPanel(viewOf("none", { saleStatus: "live" }), {
      notice: { tone: "error", message: "This sale is paused. Your place is not taken; try again when it resumes." },
    });
    expect(screen.getByRole("alert")).toHaveTextContent("This sale is paused.");
  });

  it("blocks Buy now until a rate limit's Retry-After has passed", () => {
    renderPanel(viewOf("none"), {
      notice: { tone: "error", message: "Too many requests.", retryAt: "2030-01-01T12:00:03.000Z" },
    });
    const alert = screen.getByRole("alert");
    expect(within(alert).getByRole("timer", { name: /Time until you can try again/ })).toHaveTextContent("0:03");
    expect(button("Buy now")).toBeDisabled();

    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(alert).toHaveTextContent("You can try again now.");
    expect(button("Buy now")).toBeEnabled();
  });
});
