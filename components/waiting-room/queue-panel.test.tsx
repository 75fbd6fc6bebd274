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
    item: { name: "Trail shoe", price: 49, currency: "EUR" },
    holdSeconds: 300,
    queueStartPosition: null,
    notice: null,
    pending: null,
    onBuy: vi.fn(),
    onConfirm: vi.fn(),
    onCancel: vi.fn(),
    onDeadline: vi.fn(),
    ...overrides,
  };
  const { rerender } = render(<QueuePanel {...props} />);
  const show = (next: BookingStatusView) => rerender(<QueuePanel {...props} view={next} />);
  return { props, show, room: screen.getByTestId("waiting-room") };
}

const button = (name: string) => screen.queryByRole("button", { name });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
  vi.setSystemTime(Date.parse(NOON));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("QueuePanel", () => {
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

  it("shows the place in line, the people ahead, the items left, the expected wait and the progress since joining", () => {
    const { room } = renderPanel(viewOf("queued", { position: 3, estimatedWaitSeconds: 90 }), { queueStartPosition: 12 });
    expect(screen.getByRole("heading", { name: "You’re number 3 in line" })).toBeInTheDocument();
    expect(screen.getByTestId("queue-position")).toHaveTextContent("3");
    expect(screen.getByTestId("people-ahead")).toHaveTextContent("2");
    expect(screen.getByTestId("items-left")).toHaveTextContent("3");
    expect(screen.getByTestId("expected-wait")).toHaveTextContent("About 1 minute 30 seconds");
    expect(screen.getByTestId("expected-wait")).toHaveTextContent("updated just now");
    // 9 of the 11 people ahead at joining (place 12) are served.
    const progress = screen.getByRole("progressbar", { name: "Progress through the line" });
    expect(progress).toHaveAttribute("aria-valuenow", "82");
    expect(progress).toHaveAttribute("aria-valuetext", "9 of the 11 people ahead of you when you joined served");
    expect(screen.getByRole("region", { name: "What happens next" })).toHaveTextContent("held for you for 5 minutes");
    expect(screen.queryByText(/Ticket/)).not.toBeInTheDocument();
    expect(within(room).queryAllByRole("button")).toHaveLength(0);
  });

  it("without a measured rate says what it knows instead of an estimate, and when the user is next", () => {
    renderPanel(viewOf("queued", { position: 4, estimatedWaitSeconds: null }));
    expect(screen.getByTestId("expected-wait")).toHaveTextContent("Not measured yet: the line hasn’t started moving.");
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "None of the 3 people ahead of you served yet");
    expect(screen.queryByText(/Working out/)).not.toBeInTheDocument();
  });

  it("at the front of the line says so, with a full progress bar", () => {
    renderPanel(viewOf("queued", { position: 1, estimatedWaitSeconds: null }));
    expect(screen.getByRole("heading", { name: "You’re next in line" })).toBeInTheDocument();
    expect(screen.getByTestId("expected-wait")).toHaveTextContent("You’re at the front");
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  });

  it("shows a hold with its countdown and the Confirm and Cancel buttons", async () => {
    const { props } = renderPanel(viewOf("hold", { bookingId: "b-9", expiresAt: "2030-01-01T12:05:00.000Z" }));
    expect(screen.getByRole("heading", { name: "It’s yours — for now" })).toBeInTheDocument();
    expect(screen.getByRole("timer", { name: /Time left to confirm/ })).toHaveTextContent("5:00");

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByRole("button", { name: "Confirm purchase" }));
    expect(props.onConfirm).toHaveBeenCalledWith("b-9");
    await user.click(screen.getByRole("button", { name: "Cancel hold" }));
    expect(props.onCancel).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog", { name: "Release this item?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Keep my hold" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Yes, release it" }));
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

  it("confirms a booking with its reference, the order, what happens next and a link to My bookings", () => {
    const { room } = renderPanel(viewOf("booked", { reference: "K7MQ-0042" }));
    expect(screen.getByRole("heading", { name: "You got it!" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Order confirmed" })).toBeInTheDocument();
    expect(room).not.toHaveTextContent("Waiting room");
    expect(screen.getByTestId("booking-reference")).toHaveTextContent("K7MQ-0042");
    expect(screen.getByTestId("order-summary")).toHaveTextContent("Trail shoe");
    expect(screen.getByTestId("order-total")).toHaveTextContent("€49.00");
    expect(screen.getByRole("region", { name: "What happens next" })).toBeInTheDocument();
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

const advance = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });

describe("QueuePanel's wait information", () => {
  it("dates the estimate, and once the line has not moved for longer than it announced, says the estimate may be out of date", () => {
    renderPanel(viewOf("queued", { position: 5, estimatedWaitSeconds: 30, serverTime: NOON }));
    const wait = screen.getByTestId("expected-wait");
    expect(wait).toHaveTextContent("About 30 seconds");
    expect(wait).toHaveTextContent("updated just now");

    advance(20_000);
    expect(wait).toHaveTextContent("About 30 seconds");
    expect(wait).toHaveTextContent("updated 20 s ago");
    expect(wait).not.toHaveAttribute("data-stale");

    advance(25_000);
    expect(wait).toHaveTextContent("The line hasn’t moved for 45 seconds; the last estimate (about 30 seconds) may be out of date.");
    expect(wait).toHaveTextContent("updated 45 s ago");
    expect(wait).toHaveAttribute("data-stale", "true");

    advance(80_000);
    expect(wait).toHaveTextContent("updated 2 minutes ago");
  });

  it("dates the estimate on the server's clock, not the browser's", () => {
    // The browser runs 10 minutes fast: a view the server made a moment ago is not 10 minutes old.
    vi.setSystemTime(Date.parse(NOON) + 600_000);
    renderPanel(viewOf("queued", { estimatedWaitSeconds: 30, serverTime: NOON }), { clockOffsetMs: -600_000 });
    expect(screen.getByTestId("expected-wait")).toHaveTextContent("updated just now");
  });

  it("a fresh view from the server makes the estimate fresh again", () => {
    const { show } = renderPanel(viewOf("queued", { position: 5, estimatedWaitSeconds: 30, serverTime: NOON }));
    advance(45_000);
    show(viewOf("queued", { position: 4, estimatedWaitSeconds: 24, serverTime: "2030-01-01T12:00:45.000Z" }));
    expect(screen.getByTestId("expected-wait")).toHaveTextContent("About 24 seconds");
    expect(screen.getByTestId("expected-wait")).toHaveTextContent("updated just now");
  });

  it("warns when the items left may run out before the shopper's turn", () => {
    renderPanel(viewOf("queued", { position: 4, stockLeft: 2 }));
    expect(screen.getByTestId("may-run-out")).toHaveTextContent(
      "The items may run out before your turn. 3 people are ahead of you and only 2 items are left.",
    );
  });

  it("warns when every item is held, and not when there are enough items for everyone ahead", () => {
    const { show } = renderPanel(viewOf("queued", { position: 2, stockLeft: 0 }));
    expect(screen.getByTestId("may-run-out")).toHaveTextContent("No item is free right now, and 1 person is ahead of you.");
    show(viewOf("queued", { position: 3, stockLeft: 3 }));
    expect(screen.queryByTestId("may-run-out")).not.toBeInTheDocument();
  });
});

describe("QueuePanel's announcements", () => {
  const urgent = () => screen.getByTestId("announce-urgent");
  const polite = () => screen.getByTestId("announce-polite");

  it("announces the hold's arrival, its last minute and its last 30 seconds, and nothing in between", () => {
    const { show } = renderPanel(viewOf("queued", { position: 1 }));
    expect(urgent()).toBeEmptyDOMElement();
    show(viewOf("hold", { expiresAt: "2030-01-01T12:05:00.000Z", holdSeconds: 300 }));
    expect(urgent()).toHaveAttribute("aria-live", "assertive");
    expect(urgent()).toHaveTextContent("It’s your turn: one is held for you for 5 minutes. Confirm before the timer runs out.");

    advance(200_000);
    expect(urgent()).toHaveTextContent("It’s your turn");
    advance(40_000);
    expect(urgent()).toHaveTextContent("1 minute left to confirm your purchase.");
    advance(29_000);
    expect(urgent()).toHaveTextContent("1 minute left to confirm your purchase.");
    advance(1_000);
    expect(urgent()).toHaveTextContent("30 seconds left to confirm your purchase.");
    // The timer itself is not in a live region: it would be read every second.
    expect(screen.getByRole("timer").closest("[aria-live]")).toBeNull();
  });

  it("announces the place in line politely, at most every 20 seconds, and at once when the shopper is next", () => {
    const { show } = renderPanel(viewOf("queued", { position: 7 }));
    expect(polite()).toHaveAttribute("aria-live", "polite");
    expect(polite()).toHaveTextContent("You’re number 7 in line.");

    advance(1_000);
    show(viewOf("queued", { position: 6 }));
    advance(1_000);
    show(viewOf("queued", { position: 5 }));
    expect(polite()).toHaveTextContent("You’re number 7 in line.");

    advance(18_000);
    expect(polite()).toHaveTextContent("You’re number 5 in line.");

    advance(1_000);
    show(viewOf("queued", { position: 1 }));
    expect(polite()).toHaveTextContent("You’re next in line.");
  });

  it("announces the headline of a new state", () => {
    const { show } = renderPanel(viewOf("hold"));
    show(viewOf("booked", { reference: "K7MQ-0042" }));
    expect(polite()).toHaveTextContent("You got it!");
  });
});
