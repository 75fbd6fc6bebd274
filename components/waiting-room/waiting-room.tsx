"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { BookingStatusView, SaleStatusSummary } from "@/lib/domain/booking/status-view";
import type { PublicSale } from "@/lib/domain/catalog/public-sale";
import { StockMeter } from "@/components/sales/stock-meter";
import {
  cancelBooking,
  challengeFor,
  confirmBooking,
  requestIntent,
  type ApiRefusal,
  type ApiResult,
  type IntentAccepted,
} from "@/components/waiting-room/booking-api";
import { QueuePanel, type Notice, type PanelAction } from "@/components/waiting-room/queue-panel";
import { solveProof } from "@/components/waiting-room/solve-proof";
import { useBookingStatus, type Transport } from "@/components/waiting-room/use-booking-status";
import { useTurnAlert, type NotificationChoice } from "@/components/waiting-room/use-turn-alert";
import { Button } from "@/components/ui/button";

type WaitingRoomProps = {
  /** `prequeueOpensAt`: when Buy opens before the start, to join the pre-queue (absent: at the start). */
  sale: Pick<PublicSale, "id" | "name" | "price" | "currency" | "stock" | "startsAt" | "holdSeconds"> & { prequeueOpensAt?: string };
  /** The user's state as the server rendered it, so a refresh or a second tab starts where it is. */
  initialView: BookingStatusView;
  /** Where a user whose session ran out signs in again (and comes back). */
  signInUrl: string;
};

const BROWSER_CHECK_FAILED: ApiRefusal = {
  status: 0,
  code: "proof_unsolved",
  message: "We could not finish checking your browser. Please press Buy now again.",
  retryAfterSeconds: null,
};

/** Refusals that mean "the server already has an attempt of yours": show what it has. */
const ALREADY_IN = new Set(["already_queued", "already_booked", "conflict"]);

/** States in which the page follows the server live, and says how. */
const FOLLOWED = new Set<BookingStatusView["state"]>(["none", "prequeued", "queued", "waitlisted", "hold"]);

/**
 * The live part of a sale page for a signed-in user: stock left and the waiting room, following
 * the server's view of this user's booking, with Buy, Confirm and Cancel.
 */
export function WaitingRoom({ sale, initialView, signInUrl }: WaitingRoomProps) {
  const router = useRouter();
  const { view, clockOffsetMs, transport, refresh, assume } = useBookingStatus(sale.id, initialView);
  const { notifications, askForNotifications } = useTurnAlert(view);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState<PanelAction | null>(null);
  const [queueStart, setQueueStart] = useState<{ bookingId: string; position: number } | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const shownState = useRef(view.state);

  // When the state changes (a hold arrives, the line ends…), bring the panel into view (on a phone
  // it may be scrolled away) and move focus into it: to Confirm when a hold arrives, otherwise to
  // the new headline, which screen readers then read.
  useEffect(() => {
    if (shownState.current === view.state) return;
    shownState.current = view.state;
    const root = panel.current;
    if (!root) return;
    const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    root.scrollIntoView?.({ block: "nearest", behavior: reduceMotion ? "auto" : "smooth" });
    const target = root.querySelector<HTMLElement>("[data-autofocus]:not(:disabled)") ?? root.querySelector<HTMLElement>("h3[tabindex]");
    target?.focus({ preventScroll: true });
  }, [view.state]);

  // The first (largest) position seen for this booking is where the progress bar starts.
  if (view.state === "queued" && (queueStart?.bookingId !== view.bookingId || view.position > queueStart.position)) {
    setQueueStart({ bookingId: view.bookingId, position: view.position });
  }

  async function run<T>(action: PanelAction, call: () => Promise<ApiResult<T>>, onAccepted: (data: T) => void) {
    setPending(action);
    setNotice(null);
    const result = await call();
    setPending(null);
    if (result.ok) onAccepted(result.data);
    else showRefusal(result.refusal);
    void refresh();
  }

  function showRefusal(refusal: ApiRefusal) {
    if (refusal.status === 401) {
      router.push(signInUrl);
      return;
    }
    const retryAt =
      refusal.retryAfterSeconds !== null ? new Date(Date.now() + refusal.retryAfterSeconds * 1000).toISOString() : undefined;
    setNotice({ tone: ALREADY_IN.has(refusal.code) ? "info" : "error", message: refusal.message, retryAt });
  }

  // Buy is two steps: prove this is a browser doing some work (the view's challenge solved in Web
  // Workers, shown as "Checking your browser…"), then post the intent with that proof.
  async function requestIntentWithProof(): Promise<ApiResult<IntentAccepted>> {
    const challenge = await challengeFor(sale.id, view, clockOffsetMs);
    if (!challenge.ok) return challenge;
    const proof = await solveProof(challenge.data).catch((error: unknown) => {
      console.error("solving the proof-of-work challenge failed", error);
      return null;
    });
    if (proof === null) return { ok: false, refusal: BROWSER_CHECK_FAILED };
    setPending("buy");
    return requestIntent(sale.id, proof);
  }

  const buy = () =>
    run("check", requestIntentWithProof, (accepted) =>
      assume((current) =>
        // The stream may already have told us more about this very booking than the 202 did.
        "bookingId" in current && current.bookingId === accepted.bookingId
          ? current
          : accepted.prequeued
            ? { ...summaryOf(current), state: "prequeued", bookingId: accepted.bookingId, startsAt: sale.startsAt, prequeueSize: 1 }
            : {
                ...summaryOf(current),
                state: "queued",
                bookingId: accepted.bookingId,
                ticket: accepted.ticket,
                position: accepted.position,
                estimatedWaitSeconds: null,
              },
      ),
    );

  const settle = (state: "booked" | "cancelled", bookingId: string) =>
    assume((current) => ({ ...summaryOf(current), state, bookingId }));

  const confirm = (bookingId: string) => run("confirm", () => confirmBooking(bookingId), () => settle("booked", bookingId));
  const cancel = (bookingId: string) => run("cancel", () => cancelBooking(bookingId), () => settle("cancelled", bookingId));

  return (
    <div ref={panel} className="scroll-mt-4 space-y-4">
      <StockMeter
        stockLeft={view.stockLeft}
        stock={sale.stock}
        holds={view.holds}
        isHoldingOne={view.state === "hold"}
        saleStatus={view.saleStatus}
      />
      <QueuePanel
        view={view}
        item={sale}
        holdSeconds={sale.holdSeconds}
        clockOffsetMs={clockOffsetMs}
        startsAt={sale.startsAt}
        prequeueOpensAt={sale.prequeueOpensAt}
        queueStartPosition={view.state === "queued" && queueStart?.bookingId === view.bookingId ? queueStart.position : null}
        notice={notice}
        pending={pending}
        onBuy={buy}
        onConfirm={confirm}
        onCancel={cancel}
        onDeadline={() => void refresh()}
      />
      {(view.state === "prequeued" || view.state === "queued" || view.state === "waitlisted") && (
        <TurnAlertNote notifications={notifications} onAsk={() => void askForNotifications()} />
      )}
      {FOLLOWED.has(view.state) && <TransportNote transport={transport} />}
    </div>
  );
}

/** While the shopper waits: how they will learn that their turn came if they look elsewhere. */
function TurnAlertNote({ notifications, onAsk }: { notifications: NotificationChoice; onAsk: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
      {notifications === "granted" ? (
        <p>We’ll notify you if your turn comes while you’re in another tab.</p>
      ) : (
        <p>Keep this tab open; you can use others meanwhile: its title blinks when it’s your turn.</p>
      )}
      {notifications === "default" && (
        <Button variant="secondary" size="sm" onClick={onAsk}>
          Notify me when it’s my turn
        </Button>
      )}
    </div>
  );
}

function summaryOf(view: BookingStatusView): SaleStatusSummary {
  return { saleId: view.saleId, saleStatus: view.saleStatus, stockLeft: view.stockLeft, holds: view.holds, serverTime: view.serverTime };
}

function TransportNote({ transport }: { transport: Transport }) {
  const text =
    transport.mode === "live"
      ? "Live updates on"
      : transport.mode === "connecting"
        ? "Connecting to live updates…"
        : `Live updates interrupted — checking again in ${Math.round(transport.nextCheckMs / 1000)} s`;
  return (
    <p data-testid="transport" data-mode={transport.mode} className="flex items-center gap-2 text-xs text-slate-600">
      <span
        aria-hidden="true"
        className={`size-2 rounded-full ${transport.mode === "live" ? "bg-emerald-500" : transport.mode === "polling" ? "bg-amber-500" : "bg-slate-400"}`}
      />
      {text}
    </p>
  );
}
