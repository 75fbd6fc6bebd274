"use client";

import { useEffect, useEffectEvent, useId, type ReactNode } from "react";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import { Button } from "@/components/ui/button";
import { plural } from "@/components/ui/format";
import { Countdown, useCountdown } from "@/components/waiting-room/countdown";
import { HoldControls } from "@/components/waiting-room/hold-controls";
import { OrderConfirmation } from "@/components/waiting-room/order-confirmation";
import type { OrderItem } from "@/components/waiting-room/order-summary";
import { QueueStatus } from "@/components/waiting-room/queue-status";
import { useAnnouncements } from "@/components/waiting-room/use-announcements";

/** What is under way: `check` is the proof-of-work challenge Buy solves before it posts. */
export type PanelAction = "check" | "buy" | "confirm" | "cancel";

/** What the last action was told, shown under the panel; `retryAt` (local clock) blocks Buy until then. */
export type Notice = { tone: "error" | "info"; message: string; retryAt?: string };

export type QueuePanelProps = {
  view: BookingStatusView;
  /** How far the server's clock runs ahead of the browser's. */
  clockOffsetMs: number;
  startsAt: string;
  /** What a hold buys: the sale's item and price, for the order summary and the confirmation. */
  item: OrderItem;
  /** How long a hold lasts, to say so before it comes. */
  holdSeconds: number;
  /** When shoppers may join the pre-queue (before startsAt); absent: Buy opens at the start. */
  prequeueOpensAt?: string;
  /** The highest position seen for the current queued booking, for the progress bar. */
  queueStartPosition: number | null;
  notice: Notice | null;
  pending: PanelAction | null;
  onBuy: () => void;
  onConfirm: (bookingId: string) => void;
  onCancel: (bookingId: string) => void;
  /** A countdown the server decides on (hold end, sale start) reached zero. */
  onDeadline: () => void;
};

type Tone = "neutral" | "progress" | "success" | "warning" | "closed";

const TONE_STYLES: Record<Tone, string> = {
  neutral: "border-slate-200",
  progress: "border-indigo-200",
  success: "border-emerald-300",
  warning: "border-amber-300",
  closed: "border-slate-200",
};

const EPOCH = new Date(0).toISOString();

/** The panel's name: it is a waiting room only while the shopper waits. */
const PANEL_TITLES: Partial<Record<BookingStatusView["state"], string>> = {
  prequeued: "Waiting room",
  queued: "Waiting room",
  waitlisted: "Waiting room",
  hold: "Your hold",
  booked: "Order confirmed",
};

/**
 * The waiting room: what the server says about this user's attempt, and the one or two things
 * they can do about it. Screen readers hear it through two live regions (useAnnouncements): the
 * headline politely, the place in line at most every 20 s, the hold's arrival and its last minute
 * and last 30 s at once; the ticking timers themselves stay out of them.
 */
export function QueuePanel(props: QueuePanelProps) {
  const { view, clockOffsetMs, startsAt, notice, pending } = props;
  const titleId = useId();
  const secondsToStart = useCountdown(startsAt, clockOffsetMs);
  const secondsToPrequeue = useCountdown(props.prequeueOpensAt ?? startsAt, clockOffsetMs);
  const secondsToRetry = useCountdown(notice?.retryAt ?? EPOCH, 0);
  const hasStarted = secondsToStart === 0;
  const mustWaitToRetry = secondsToRetry !== null && secondsToRetry > 0;

  // A scheduled sale's start is the server's to declare: ask it once the countdown ends.
  const isAwaitingStart = (view.state === "none" || view.state === "prequeued") && view.saleStatus === "scheduled";
  const askServer = useEffectEvent(() => props.onDeadline());
  useEffect(() => {
    if (isAwaitingStart && hasStarted) askServer();
  }, [isAwaitingStart, hasStarted]);

  const content = describe(view, { hasStarted, prequeueOpen: secondsToPrequeue === 0 });
  const canBuy = content.buy === "open" && !mustWaitToRetry;
  const secondsToHoldEnd = useCountdown(view.state === "hold" ? view.expiresAt : EPOCH, clockOffsetMs);
  const announcements = useAnnouncements(view, content.title, secondsToHoldEnd);

  return (
    <section
      aria-labelledby={titleId}
      data-testid="waiting-room"
      data-state={view.state}
      className={`rounded-2xl border-2 bg-white p-5 shadow-sm sm:p-6 ${TONE_STYLES[content.tone]}`}
    >
      <h2 id={titleId} className="text-xs font-bold uppercase tracking-widest text-slate-500">
        {PANEL_TITLES[view.state] ?? "Buy"}
      </h2>

      <div className="mt-2">
        {/* Focused when the state changes (tabIndex -1: focusable by script only). */}
        <h3 tabIndex={-1} className="text-2xl font-bold text-slate-900 focus:outline-none" data-testid="waiting-room-title">
          {content.title}
        </h3>
        <div className="mt-1 text-slate-700 empty:hidden">{content.body}</div>
      </div>
      <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announce-polite">
        {announcements.polite}
      </p>
      <p aria-live="assertive" aria-atomic="true" className="sr-only" data-testid="announce-urgent">
        {announcements.urgent}
      </p>

      <div className="mt-5 space-y-5 empty:hidden">
        {isAwaitingStart && !hasStarted && (
          <Stat label="Opens in">
            <Countdown
              target={startsAt}
              clockOffsetMs={clockOffsetMs}
              label="Time until the sale opens"
              className="text-4xl font-bold text-slate-900"
            />
          </Stat>
        )}

        {view.state === "queued" && (
          <QueueStatus view={view} clockOffsetMs={clockOffsetMs} startPosition={props.queueStartPosition} holdSeconds={props.holdSeconds} />
        )}

        {view.state === "hold" && (
          <HoldControls
            view={view}
            item={props.item}
            clockOffsetMs={clockOffsetMs}
            pending={pending}
            onConfirm={props.onConfirm}
            onCancel={props.onCancel}
            onElapsed={props.onDeadline}
          />
        )}

        {view.state === "booked" && <OrderConfirmation reference={view.reference} item={props.item} />}

        {view.state === "waitlisted" && (
          <Button
            variant="secondary"
            onClick={() => props.onCancel(view.bookingId)}
            disabled={pending !== null}
            busy={pending === "cancel"}
          >
            Leave the waitlist
          </Button>
        )}

        {content.buy !== "none" && (
          <div className="space-y-2">
            <Button
              onClick={props.onBuy}
              disabled={!canBuy || pending !== null}
              busy={pending === "check" || pending === "buy"}
              className="w-full sm:w-auto"
            >
              Buy now
            </Button>
            {/* Always rendered, so screen readers hear the text when it appears. */}
            <p aria-live="polite" data-testid="browser-check" className="min-h-5 text-sm text-slate-600">
              {pending === "check" ? "Checking your browser…" : ""}
            </p>
          </div>
        )}
      </div>

      {notice && (
        <div
          role={notice.tone === "error" ? "alert" : "status"}
          data-testid="waiting-room-notice"
          className={`mt-5 rounded-xl px-4 py-3 text-sm ${
            notice.tone === "error" ? "bg-rose-50 text-rose-800" : "bg-sky-50 text-sky-900"
          }`}
        >
          <p>{notice.message}</p>
          {notice.retryAt && (
            <p className="mt-1 font-medium">
              {mustWaitToRetry ? (
                <>
                  You can try again in{" "}
                  <Countdown target={notice.retryAt} clockOffsetMs={0} label="Time until you can try again" />.
                </>
              ) : (
                "You can try again now."
              )}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** Whether Buy is shown, and whether it may be pressed yet. */
type BuyOffer = "open" | "not_yet" | "none";

type Content = { title: string; body: ReactNode; tone: Tone; buy: BuyOffer };

type Clock = { hasStarted: boolean; prequeueOpen: boolean };

function describe(view: BookingStatusView, clock: Clock): Content {
  switch (view.state) {
    case "none":
      return describeOpenSale(view.saleStatus, view.stockLeft, clock);
    case "prequeued":
      return {
        title: view.saleStatus === "scheduled" ? "You’re in the pre-queue" : "Drawing places in line…",
        body: (
          <>
            <p>
              When the sale opens, everyone in the pre-queue gets a place in line in a random order, so there is no need
              to be quick. {plural(view.prequeueSize, "shopper")} {view.prequeueSize === 1 ? "is" : "are"} in the pre-queue.
            </p>
            <p className="mt-1 text-sm text-slate-600">Keep this page open (or come back): your place appears here.</p>
          </>
        ),
        tone: "progress",
        buy: "none",
      };
    case "queued":
      return {
        title: view.position <= 1 ? "You’re next in line" : `You’re number ${view.position} in line`,
        body: view.saleStatus === "paused" && (
          <p className="font-medium">The sale is paused; the line moves again when it resumes.</p>
        ),
        tone: "progress",
        buy: "none",
      };
    case "hold":
      return {
        title: "It’s yours — for now",
        body: <p>One is held for you. Confirm before the timer runs out.</p>,
        tone: "warning",
        buy: "none",
      };
    case "waitlisted":
      return {
        title: `You’re number ${view.waitlistPosition} on the waitlist`,
        body: (
          <p>
            Every item is held by other shoppers right now. If a hold is cancelled or runs out, the next person on the
            waitlist gets it — keep this page open.
          </p>
        ),
        tone: "progress",
        buy: "none",
      };
    case "booked":
      return {
        title: "You got it!",
        body: <p>Your purchase is confirmed.</p>,
        tone: "success",
        buy: "none",
      };
    case "sold_out":
      return {
        title: "Sold out",
        body: <p>Sorry — every item found a buyer before your turn came.</p>,
        tone: "closed",
        buy: "none",
      };
    case "expired":
      return {
        title: "Your hold ran out",
        body: <p>The time to confirm passed and the item was released. {againHint(view.saleStatus)}</p>,
        tone: "neutral",
        buy: view.saleStatus === "live" ? "open" : "none",
      };
    case "cancelled":
      return {
        title: "Hold released",
        body: <p>You let the item go for someone else. {againHint(view.saleStatus)}</p>,
        tone: "neutral",
        buy: view.saleStatus === "live" ? "open" : "none",
      };
    case "rejected":
      return {
        title: "Request not accepted",
        body: <p>{view.reason}</p>,
        tone: "closed",
        buy: view.canRetry && view.saleStatus === "live" ? "open" : "none",
      };
  }
}

function describeOpenSale(saleStatus: string, stockLeft: number, { hasStarted, prequeueOpen }: Clock): Content {
  switch (saleStatus) {
    case "live":
      return {
        title: "Ready when you are",
        body:
          stockLeft > 0 ? (
            <p>Press Buy now to take your place in line. When it’s your turn, we hold one for you while you confirm.</p>
          ) : (
            <p>Every item is held right now. Join the line: if a hold is released, the next in line gets it.</p>
          ),
        tone: "neutral",
        buy: "open",
      };
    case "scheduled":
      if (hasStarted) return { title: "Opening now", body: <p>The sale is starting. Press Buy now to join the line.</p>, tone: "neutral", buy: "open" };
      return prequeueOpen
        ? {
            title: "The pre-queue is open",
            body: (
              <p>
                Press Buy now to join it. When the sale opens, everyone in the pre-queue gets a place in line in a random
                order: joining early or at the last second makes no difference.
              </p>
            ),
            tone: "neutral",
            buy: "open",
          }
        : {
            title: "Not open yet",
            body: <p>Buy now opens when the countdown ends. Keep this page open; it updates by itself.</p>,
            tone: "neutral",
            buy: "not_yet",
          };
    case "paused":
      return {
        title: "Paused for a moment",
        body: <p>The sale is paused. Places already in line keep their order; stay on this page until it resumes.</p>,
        tone: "warning",
        buy: "none",
      };
    case "sold_out":
      return { title: "Sold out", body: <p>Every item found a buyer.</p>, tone: "closed", buy: "none" };
    default:
      return { title: "This sale has ended", body: <p>Thanks for stopping by — watch the shop for the next drop.</p>, tone: "closed", buy: "none" };
  }
}

function againHint(saleStatus: string): string {
  return saleStatus === "live" ? "You can join the line again." : "";
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-600">{label}</p>
      <p className="mt-0.5">{children}</p>
    </div>
  );
}
