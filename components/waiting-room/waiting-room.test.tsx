import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookingStatusView, SaleFrontier } from "@/lib/domain/booking/status-view";
import { WaitingRoom } from "@/components/waiting-room/waiting-room";
import { SALE_ID, summary, viewOf } from "@/components/waiting-room/test-views";
import { pollDelayMs } from "@/components/waiting-room/use-booking-status";

const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

// The proof of work runs in Web Workers, which jsdom lacks; its solver is covered by the unit,
// integration and e2e suites. Here it answers as the tests say.
const solver = vi.hoisted(() => ({ solveProof: vi.fn<(challenge: unknown) => Promise<string | null>>() }));
vi.mock("@/components/waiting-room/solve-proof", () => solver);

/** A stand-in for the browser's EventSource that the test drives by hand. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners = new Map<string, Set<(event: Event) => void>>();
  isClosed = false;

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  static latest(): FakeEventSource {
    const source = FakeEventSource.instances.at(-1);
    if (!source) throw new Error("no EventSource was opened");
    return source;
  }

  addEventListener(type: string, listener: (event: Event) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  close() {
    this.isClosed = true;
  }

  open() {
    this.dispatch(new Event("open"));
  }

  sendStatus(view: BookingStatusView) {
    this.dispatch(new MessageEvent("status", { data: JSON.stringify(view) }));
  }

  sendFrontier(frontier: SaleFrontier) {
    this.dispatch(new MessageEvent("frontier", { data: JSON.stringify(frontier) }));
  }

  fail() {
    this.dispatch(new Event("error"));
  }

  private dispatch(event: Event) {
    act(() => {
      this.listeners.get(event.type)?.forEach((listener) => listener(event));
    });
  }
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

let replies: Map<string, Reply[]>;
const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
  const key = `${init?.method ?? "GET"} ${String(input)}`;
  const reply = replies.get(key)?.shift();
  if (!reply) return new Response(JSON.stringify({ error: { code: "unexpected", message: key } }), { status: 599 });
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
});

function reply(method: string, url: string, ...answers: Reply[]) {
  replies.set(`${method} ${url}`, [...(replies.get(`${method} ${url}`) ?? []), ...answers]);
}

const STATUS_URL = `/api/sales/${SALE_ID}/status`;
const CHALLENGE_URL = `/api/sales/${SALE_ID}/challenge`;
const INTENTS_URL = `/api/sales/${SALE_ID}/intents`;
const FRONTIER_URL = `/api/sales/${SALE_ID}/frontier`;
const frontierAt = (served: number, second: number): SaleFrontier => ({
  ...summary({ serverTime: `2030-01-01T12:00:0${second}.000Z` }),
  served,
  drainRate: 2,
});
const CHALLENGE = { parameters: { algorithm: "SHA-256", nonce: "ab", salt: "cd", cost: 1, keyLength: 32, keyPrefix: "00" }, signature: "ef" };

function renderRoom(initialView: BookingStatusView = viewOf("none")) {
  render(
    <WaitingRoom
      sale={{ id: SALE_ID, name: "Trail shoe", price: 49, currency: "EUR", stock: 10, startsAt: "2030-01-01T11:00:00.000Z", holdSeconds: 300 }}
      initialView={initialView}
      signInUrl={`/signin?callbackUrl=%2Fsales%2F${SALE_ID}`}
    />,
  );
  return screen.getByTestId("waiting-room");
}

function callsTo(method: string, url: string) {
  return fetchMock.mock.calls.filter(([input, init]) => String(input) === url && (init?.method ?? "GET") === method);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.parse("2030-01-01T12:00:00.000Z"));
  replies = new Map();
  fetchMock.mockClear();
  FakeEventSource.instances = [];
  vi.stubGlobal("fetch", fetchMock);
  vi.stubGlobal("EventSource", FakeEventSource);
  Object.values(router).forEach((fn) => fn.mockClear());
  // Every Buy starts with a challenge, solved into this proof.
  reply("GET", CHALLENGE_URL, { status: 200, body: CHALLENGE });
  solver.solveProof.mockReset().mockResolvedValue("solved-proof");
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("WaitingRoom buttons", () => {
  it("Buy now solves the sale's challenge, posts the intent with its proof, and shows the place in line", async () => {
    reply("POST", INTENTS_URL, {
      status: 202,
      body: { ticket: 5, position: 4, bookingId: "b-5", statusUrl: STATUS_URL },
    });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("queued", { bookingId: "b-5", ticket: 5, position: 4 }) });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(callsTo("GET", CHALLENGE_URL)).toHaveLength(1);
    expect(solver.solveProof).toHaveBeenCalledWith(CHALLENGE);
    const [[url, init]] = callsTo("POST", INTENTS_URL) as [[string, RequestInit]];
    expect(url).toBe(INTENTS_URL);
    expect(init.method).toBe("POST");
    expect(init.headers).toEqual({ "Content-Type": "application/json" });
    expect(JSON.parse(String(init.body))).toEqual({ proof: "solved-proof" });
    expect(await within(room).findByRole("heading", { name: "You’re number 4 in line" })).toBeInTheDocument();
    expect(room).toHaveAttribute("data-state", "queued");
  });

  it("Buy now with a challenge in the view solves it and posts at once: one request", async () => {
    const fresh = { ...CHALLENGE, parameters: { ...CHALLENGE.parameters, expiresAt: Date.parse("2030-01-01T12:03:00.000Z") / 1000 } };
    reply("POST", INTENTS_URL, { status: 202, body: { ticket: 5, position: 4, bookingId: "b-5", statusUrl: STATUS_URL } });
    const room = renderRoom(viewOf("none", { challenge: fresh }));

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(solver.solveProof).toHaveBeenCalledWith(fresh);
    expect(callsTo("GET", CHALLENGE_URL)).toHaveLength(0);
    expect(callsTo("POST", INTENTS_URL)).toHaveLength(1);
  });

  it("says it is checking the browser, with Buy now busy, while the challenge is solved", async () => {
    let finish: (proof: string) => void = () => {};
    solver.solveProof.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    reply("POST", INTENTS_URL, { status: 202, body: { ticket: 1, position: 1, bookingId: "b-1", statusUrl: STATUS_URL } });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("queued", { bookingId: "b-1", ticket: 1, position: 1 }) });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(await within(room).findByText("Checking your browser…")).toHaveAttribute("aria-live", "polite");
    expect(within(room).getByRole("button", { name: "Buy now" })).toHaveAttribute("aria-busy", "true");
    expect(within(room).getByRole("button", { name: "Buy now" })).toBeDisabled();
    expect(callsTo("POST", INTENTS_URL)).toHaveLength(0);

    await act(async () => finish("late-proof"));

    expect(await within(room).findByRole("heading", { name: "You’re next in line" })).toBeInTheDocument();
    expect(within(room).queryByText("Checking your browser…")).not.toBeInTheDocument();
    expect(JSON.parse(String((callsTo("POST", INTENTS_URL)[0]![1] as RequestInit).body))).toEqual({ proof: "late-proof" });
  });

  it("when the browser check fails, says so, posts nothing and offers Buy now again", async () => {
    solver.solveProof.mockResolvedValueOnce(null);
    reply("GET", STATUS_URL, { status: 200, body: viewOf("none") });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(await within(room).findByRole("alert")).toHaveTextContent("We could not finish checking your browser.");
    expect(callsTo("POST", INTENTS_URL)).toHaveLength(0);
    expect(within(room).getByRole("button", { name: "Buy now" })).toBeEnabled();
    expect(within(room).queryByText("Checking your browser…")).not.toBeInTheDocument();
  });

  it("shows a refused challenge like a refused intent, with its Retry-After, and solves nothing", async () => {
    replies.set(`GET ${CHALLENGE_URL}`, [
      { status: 429, body: { error: { code: "rate_limited", message: "Too many requests. Try again in 4 s." } }, headers: { "Retry-After": "4" } },
    ]);
    reply("GET", STATUS_URL, { status: 200, body: viewOf("none") });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    const alert = await within(room).findByRole("alert");
    expect(alert).toHaveTextContent("Too many requests. Try again in 4 s.");
    expect(within(alert).getByRole("timer", { name: /Time until you can try again/ })).toHaveTextContent("0:04");
    expect(solver.solveProof).not.toHaveBeenCalled();
    expect(callsTo("POST", INTENTS_URL)).toHaveLength(0);
  });

  it("shows the server's refusal of a proof, so the user can press Buy now again", async () => {
    reply("POST", INTENTS_URL, {
      status: 403,
      body: { error: { code: "proof_invalid", message: "This proof of work has expired. Press Buy now again for a new challenge." } },
    });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("none") });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(await within(room).findByRole("alert")).toHaveTextContent("This proof of work has expired.");
    expect(within(room).getByRole("button", { name: "Buy now" })).toBeEnabled();
  });

  it("Confirm purchase sends PUT /api/bookings/:id with {status: booked} and shows the confirmation", async () => {
    reply("PUT", "/api/bookings/b-1", { status: 200, body: { booking: { id: "b-1", saleId: SALE_ID, status: "booked" } } });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("booked", { serverTime: "2030-01-01T12:00:01.000Z" }) });
    const room = renderRoom(viewOf("hold", { bookingId: "b-1" }));

    await userEvent.click(within(room).getByRole("button", { name: "Confirm purchase" }));

    const [[, init]] = callsTo("PUT", "/api/bookings/b-1") as [[string, RequestInit]];
    expect(init.headers).toEqual({ "Content-Type": "application/json" });
    expect(JSON.parse(String(init.body))).toEqual({ status: "booked" });
    expect(await within(room).findByRole("heading", { name: "You got it!" })).toBeInTheDocument();
  });

  it("Cancel hold sends DELETE /api/bookings/:id with {status: deleted}, and Buy now is offered again", async () => {
    reply("DELETE", "/api/bookings/b-1", { status: 200, body: { booking: { id: "b-1", saleId: SALE_ID, status: "cancelled" } } });
    reply("GET", STATUS_URL, {
      status: 200,
      body: viewOf("cancelled", { stockLeft: 4, serverTime: "2030-01-01T12:00:01.000Z" }),
    });
    const room = renderRoom(viewOf("hold", { bookingId: "b-1", stockLeft: 3 }));

    await userEvent.click(within(room).getByRole("button", { name: "Cancel hold" }));
    expect(callsTo("DELETE", "/api/bookings/b-1")).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Yes, release it" }));

    const [[, init]] = callsTo("DELETE", "/api/bookings/b-1") as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({ status: "deleted" });
    expect(await within(room).findByRole("heading", { name: "Hold released" })).toBeInTheDocument();
    expect(within(room).getByRole("button", { name: "Buy now" })).toBeEnabled();
    expect(await screen.findByText("4", { selector: "[data-testid=stock-left]" })).toBeInTheDocument();
  });

  it("shows the server's message when a confirm comes too late", async () => {
    reply("PUT", "/api/bookings/b-1", {
      status: 410,
      body: { error: { code: "hold_expired", message: "Your hold expired; the item went to the next in line." } },
    });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("expired", { serverTime: "2030-01-01T12:00:01.000Z" }) });
    const room = renderRoom(viewOf("hold", { bookingId: "b-1" }));

    await userEvent.click(within(room).getByRole("button", { name: "Confirm purchase" }));

    expect(await within(room).findByRole("alert")).toHaveTextContent("Your hold expired; the item went to the next in line.");
    expect(await within(room).findByRole("heading", { name: "Your hold ran out" })).toBeInTheDocument();
  });

  it.each([
    [423, "not_started", "This sale has not started yet."],
    [423, "paused", "This sale is paused. Your place is not taken; try again when it resumes."],
    [410, "sold_out", "Sold out: every item is taken."],
    [503, "unavailable", "We could not queue your request. Please try again."],
  ])("shows a %i %s refusal of Buy now", async (status, code, message) => {
    reply("POST", INTENTS_URL, { status, body: { error: { code, message } } });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("none") });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(await within(room).findByRole("alert")).toHaveTextContent(message);
  });

  it("tells a rate-limited user when to retry, from Retry-After", async () => {
    reply("POST", INTENTS_URL, {
      status: 429,
      body: { error: { code: "rate_limited", message: "Too many requests. Slow down." } },
      headers: { "Retry-After": "7" },
    });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("none") });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    const alert = await within(room).findByRole("alert");
    expect(alert).toHaveTextContent("Too many requests. Slow down.");
    expect(within(alert).getByRole("timer", { name: /Time until you can try again/ })).toHaveTextContent("0:07");
    expect(within(room).getByRole("button", { name: "Buy now" })).toBeDisabled();
  });

  it("shows what the server already has when the user was already in line", async () => {
    reply("POST", INTENTS_URL, {
      status: 409,
      body: { error: { code: "already_queued", message: "You are already in this sale's queue." } },
    });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("queued", { position: 2, serverTime: "2030-01-01T12:00:01.000Z" }) });
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(await within(room).findByRole("heading", { name: "You’re number 2 in line" })).toBeInTheDocument();
    expect(within(room).getByRole("status")).toHaveTextContent("You are already in this sale's queue.");
  });

  it("sends a user whose session ran out to sign in, and back", async () => {
    reply("POST", INTENTS_URL, {
      status: 401,
      body: { error: { code: "unauthenticated", message: "Sign in to continue." } },
    });
    renderRoom();

    await userEvent.click(screen.getByRole("button", { name: "Buy now" }));

    expect(router.push).toHaveBeenCalledWith(`/signin?callbackUrl=%2Fsales%2F${SALE_ID}`);
  });

  it("reports a network failure in words", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const room = renderRoom();

    await userEvent.click(within(room).getByRole("button", { name: "Buy now" }));

    expect(await within(room).findByRole("alert")).toHaveTextContent("We could not reach the shop.");
  });
});

describe("WaitingRoom live updates", () => {
  it("follows the sale's event stream from queued to hold", () => {
    const room = renderRoom(viewOf("queued", { position: 3 }));
    const stream = FakeEventSource.latest();
    expect(stream.url).toBe(`/api/sales/${SALE_ID}/events`);
    stream.open();
    expect(screen.getByTestId("transport")).toHaveTextContent("Live updates on");

    stream.sendStatus(viewOf("queued", { position: 1, serverTime: "2030-01-01T12:00:01.000Z" }));
    expect(within(room).getByRole("heading", { name: "You’re next in line" })).toBeInTheDocument();

    stream.sendStatus(
      viewOf("hold", { serverTime: "2030-01-01T12:00:02.000Z", expiresAt: "2030-01-01T12:05:02.000Z", stockLeft: 2 }),
    );
    expect(room).toHaveAttribute("data-state", "hold");
    expect(within(room).getByRole("button", { name: "Confirm purchase" })).toBeInTheDocument();
    expect(screen.getByTestId("stock-left")).toHaveTextContent("2");
  });

  it("moves focus to Confirm when a hold arrives, and to the new headline on other changes", () => {
    const room = renderRoom(viewOf("queued", { position: 2 }));
    const stream = FakeEventSource.latest();
    expect(document.activeElement).toBe(document.body);

    stream.sendStatus(viewOf("hold", { serverTime: "2030-01-01T12:00:02.000Z", expiresAt: "2030-01-01T12:05:02.000Z" }));
    expect(within(room).getByRole("button", { name: "Confirm purchase" })).toHaveFocus();

    stream.sendStatus(viewOf("booked", { serverTime: "2030-01-01T12:00:03.000Z", reference: "K7MQ-0002" }));
    expect(within(room).getByRole("heading", { name: "You got it!" })).toHaveFocus();
  });

  it("titles a confirmed order as such, without the waiting room's live-update line", () => {
    const room = renderRoom(viewOf("booked", { reference: "K7MQ-0042" }));
    expect(within(room).getByRole("heading", { name: "Order confirmed" })).toBeInTheDocument();
    expect(room).not.toHaveTextContent("Waiting room");
    expect(screen.queryByTestId("transport")).not.toBeInTheDocument();
    expect(within(room).getByTestId("order-total")).toHaveTextContent("€49.00");
  });

  it("shows held items apart from sold ones, so a sale whose items are all held does not read as sold out", () => {
    renderRoom(viewOf("hold", { stockLeft: 0, holds: 2 }));
    expect(screen.getByTestId("stock-left")).toHaveTextContent("0");
    expect(screen.getByTestId("stock-held")).toHaveTextContent("2 held, one of them yours");
    expect(screen.getByTestId("stock-sold")).toHaveTextContent("8 sold");
    expect(screen.getByTestId("stock-breakdown")).toHaveTextContent("Held items come back if they aren’t confirmed in time.");
  });

  it("computes the queued position from the sale's frontier, without asking for its own status", () => {
    const room = renderRoom(viewOf("queued", { ticket: 42, position: 7 }));
    const stream = FakeEventSource.latest();
    stream.open();
    stream.sendFrontier(frontierAt(40, 1));
    expect(within(room).getByRole("heading", { name: "You’re number 2 in line" })).toBeInTheDocument();
    stream.sendFrontier(frontierAt(41, 2));
    expect(within(room).getByRole("heading", { name: "You’re next in line" })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("without a stream, a queued page polls the cacheable frontier, and its status only once the frontier reached its ticket", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    vi.setSystemTime(Date.parse("2030-01-01T12:00:00.000Z"));
    reply("GET", FRONTIER_URL, { status: 200, body: frontierAt(40, 1) }, { status: 200, body: frontierAt(42, 3) });
    reply("GET", STATUS_URL, { status: 200, body: viewOf("hold", { serverTime: "2030-01-01T12:00:04.000Z", expiresAt: "2030-01-01T12:05:00.000Z" }) });
    const room = renderRoom(viewOf("queued", { ticket: 42, position: 7 }));

    FakeEventSource.latest().fail();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(callsTo("GET", FRONTIER_URL)).toHaveLength(1);
    expect(callsTo("GET", STATUS_URL)).toHaveLength(0);
    expect(within(room).getByRole("heading", { name: "You’re number 2 in line" })).toBeInTheDocument();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(callsTo("GET", FRONTIER_URL)).toHaveLength(2);
    expect(callsTo("GET", STATUS_URL)).toHaveLength(1);
    expect(room).toHaveAttribute("data-state", "hold");
  });

  it("ignores a view older than the one shown (a slow reply overtaken by an event)", () => {
    const room = renderRoom(viewOf("hold", { serverTime: "2030-01-01T12:00:05.000Z" }));
    FakeEventSource.latest().sendStatus(viewOf("queued", { serverTime: "2030-01-01T12:00:01.000Z" }));
    expect(room).toHaveAttribute("data-state", "hold");
  });

  it("measures the server's clock from each view, so the hold countdown is the server's", () => {
    // The browser reads 12:00:00; the server says it is 12:02:00 and the hold ends at 12:05:00.
    renderRoom(viewOf("none"));
    FakeEventSource.latest().sendStatus(
      viewOf("hold", { serverTime: "2030-01-01T12:02:00.000Z", expiresAt: "2030-01-01T12:05:00.000Z" }),
    );
    expect(screen.getByRole("timer", { name: /Time left to confirm/ })).toHaveTextContent("3:00");
  });

  it("when the stream fails, polls the status with a growing delay and retries the stream", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    vi.setSystemTime(Date.parse("2030-01-01T12:00:00.000Z"));
    reply(
      "GET",
      STATUS_URL,
      { status: 503, body: { error: { code: "unavailable", message: "down" } } },
      { status: 200, body: viewOf("hold", { serverTime: "2030-01-01T12:00:03.000Z", expiresAt: "2030-01-01T12:05:00.000Z" }) },
    );
    const room = renderRoom(viewOf("waitlisted"));

    FakeEventSource.latest().fail();
    expect(FakeEventSource.latest().isClosed).toBe(true);
    expect(screen.getByTestId("transport")).toHaveTextContent("checking again in 1 s");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(999);
    });
    expect(callsTo("GET", STATUS_URL)).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(callsTo("GET", STATUS_URL)).toHaveLength(1);
    expect(FakeEventSource.instances).toHaveLength(2);

    FakeEventSource.latest().fail();
    expect(screen.getByTestId("transport")).toHaveTextContent("checking again in 2 s");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(callsTo("GET", STATUS_URL)).toHaveLength(2);
    expect(room).toHaveAttribute("data-state", "hold");

    FakeEventSource.latest().fail();
    expect(screen.getByTestId("transport")).toHaveTextContent("checking again in 4 s");

    // Once the stream is back, the backoff starts over.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(4000);
    });
    FakeEventSource.latest().open();
    expect(screen.getByTestId("transport")).toHaveTextContent("Live updates on");
    FakeEventSource.latest().fail();
    expect(screen.getByTestId("transport")).toHaveTextContent("checking again in 1 s");
  });

  it("keeps the stream open when the server only reports a failed read on it", () => {
    renderRoom(viewOf("queued"));
    const stream = FakeEventSource.latest();
    act(() => {
      stream.listeners.get("error")?.forEach((listener) => listener(new MessageEvent("error", { data: "{}" })));
    });
    expect(stream.isClosed).toBe(false);
  });
});

/** A stand-in for the browser's Notification, with the permission the test sets. */
class FakeNotification {
  static permission: NotificationPermission = "default";
  static shown: { title: string; options?: NotificationOptions }[] = [];
  static requestPermission = vi.fn(async () => FakeNotification.permission);
  onclick: (() => void) | null = null;

  constructor(title: string, options?: NotificationOptions) {
    FakeNotification.shown.push({ title, options });
  }
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  act(() => {
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

describe("WaitingRoom turn alert", () => {
  const ALERT = "⏰ Your turn — confirm now";
  const holdAt = (second: number) => viewOf("hold", { serverTime: `2030-01-01T12:00:0${second}.000Z`, expiresAt: "2030-01-01T12:05:00.000Z" });

  beforeEach(() => {
    document.title = "Trail shoes — Flash Sale";
    FakeNotification.permission = "default";
    FakeNotification.shown = [];
    FakeNotification.requestPermission.mockClear();
    vi.stubGlobal("Notification", FakeNotification);
  });
  afterEach(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
  });

  it("offers notifications while waiting, and asks the browser only when the shopper presses it", async () => {
    const room = renderRoom(viewOf("waitlisted"));
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    FakeNotification.permission = "granted";
    await userEvent.click(screen.getByRole("button", { name: "Notify me when it’s my turn" }));

    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Notify me when it’s my turn" })).not.toBeInTheDocument();
    expect(screen.getByText("We’ll notify you if your turn comes while you’re in another tab.")).toBeInTheDocument();
    expect(room).toHaveAttribute("data-state", "waitlisted");
  });

  it("when a hold follows the waitlist in a hidden tab: one notification, and the title blinks until the shopper looks", () => {
    FakeNotification.permission = "granted";
    renderRoom(viewOf("waitlisted"));
    const stream = FakeEventSource.latest();
    setVisibility("hidden");

    stream.sendStatus(holdAt(1));
    expect(document.title).toBe(ALERT);
    expect(FakeNotification.shown).toEqual([{ title: "It's yours — for now", options: expect.objectContaining({ tag: "hold-b-1" }) }]);
    // Later views of the same hold (stock moving) neither notify again nor stop the alert.
    stream.sendStatus({ ...holdAt(2), stockLeft: 1 });
    expect(FakeNotification.shown).toHaveLength(1);
    expect(document.title).toBe(ALERT);

    setVisibility("visible");
    expect(document.title).toBe("Trail shoes — Flash Sale");
    expect(screen.queryByText(/notify you|title blinks/)).not.toBeInTheDocument();
  });

  it("stays quiet when the shopper is looking at the tab", () => {
    FakeNotification.permission = "granted";
    renderRoom(viewOf("queued"));
    FakeEventSource.latest().sendStatus(holdAt(1));
    expect(document.title).toBe("Trail shoes — Flash Sale");
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it("does not alert for a hold the page loaded with, even in a hidden tab", () => {
    FakeNotification.permission = "granted";
    setVisibility("hidden");
    renderRoom(holdAt(1));
    FakeEventSource.latest().sendStatus(holdAt(2));
    expect(document.title).toBe("Trail shoes — Flash Sale");
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it("without notification permission, still blinks the title, and says so while waiting", () => {
    FakeNotification.permission = "denied";
    renderRoom(viewOf("queued"));
    expect(screen.getByText("Keep this tab open; you can use others meanwhile: its title blinks when it’s your turn.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Notify me when it’s my turn" })).not.toBeInTheDocument();
    setVisibility("hidden");
    FakeEventSource.latest().sendStatus(holdAt(1));
    expect(document.title).toBe(ALERT);
    expect(FakeNotification.shown).toHaveLength(0);
  });
});

describe("pollDelayMs", () => {
  it("doubles from 1 s and never exceeds 60 s: at most two uncacheable requests a minute", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(pollDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });
});
