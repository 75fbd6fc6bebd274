"use client";

import type { ReactNode } from "react";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import { describeDuration, plural } from "@/components/ui/format";
import { useNow } from "@/components/ui/use-now";
import { describeWait, lineProgress, mayRunOut, people } from "@/components/waiting-room/describe-wait";

type QueuedView = Extract<BookingStatusView, { state: "queued" }>;

type QueueStatusProps = {
  view: QueuedView;
  clockOffsetMs: number;
  /** The highest position seen for this booking: where the progress bar starts. */
  startPosition: number | null;
  holdSeconds: number;
};

/**
 * A queued shopper's wait, as Queue-it's waiting page tells it: place, people ahead, items left,
 * the expected wait with the time it was estimated, a warning when the items may run out before
 * their turn, progress since they joined, and what happens next.
 */
export function QueueStatus({ view, clockOffsetMs, startPosition, holdSeconds }: QueueStatusProps) {
  const now = useNow();
  const ageSeconds = now === null ? null : Math.max(0, (now + clockOffsetMs - Date.parse(view.serverTime)) / 1000);
  const wait = describeWait({ ...view, ageSeconds });
  const progress = lineProgress(view.position, startPosition);
  const ahead = view.position - 1;

  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-3 gap-2 text-center">
        <Figure term="Your place" testId="queue-position" emphasis>
          {view.position}
        </Figure>
        <Figure term="People ahead" testId="people-ahead">
          {ahead}
        </Figure>
        <Figure term="Items left" testId="items-left">
          {Math.max(0, view.stockLeft)}
        </Figure>
      </dl>

      <div data-testid="expected-wait" data-stale={wait.isStale || undefined}>
        <p className="text-sm font-medium text-slate-600">Expected wait</p>
        <p className={`mt-0.5 ${wait.isStale ? "text-amber-800" : "text-lg font-semibold text-slate-900"}`}>{wait.wait}</p>
        {wait.updated && <p className="text-xs text-slate-500">{wait.updated}</p>}
      </div>

      {mayRunOut(view.position, view.stockLeft) && (
        <p data-testid="may-run-out" className="rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <strong className="font-semibold">The items may run out before your turn.</strong>{" "}
          {view.stockLeft > 0
            ? `${people(ahead, ["is", "are"])} ahead of you and only ${plural(view.stockLeft, "item")} ${view.stockLeft === 1 ? "is" : "are"} left.`
            : `No item is free right now, and ${people(ahead, ["is", "are"])} ahead of you.`}{" "}
          Stay in line: an item someone ahead doesn’t confirm goes to the next in line.
        </p>
      )}

      <div>
        <div
          role="progressbar"
          aria-label="Progress through the line"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress.percent}
          aria-valuetext={progress.text}
          className="h-2 overflow-hidden rounded-full bg-indigo-100"
        >
          <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-700" style={{ width: `${progress.percent}%` }} />
        </div>
        <p className="mt-1 text-xs text-slate-600">{progress.text}.</p>
      </div>

      <section aria-label="What happens next" className="text-sm text-slate-700" data-testid="what-next">
        <h4 className="font-semibold text-slate-900">What happens next</h4>
        <ol className="mt-2 list-decimal space-y-1 pl-5">
          <li>Your place is kept if you close or refresh this page.</li>
          <li>At the front of the line, one item is held for you for {describeDuration(holdSeconds)}.</li>
          <li>Confirm your purchase before that timer ends, or the item goes to the next person.</li>
          <li>If every item is sold before your turn, we tell you here.</li>
        </ol>
      </section>
    </div>
  );
}

function Figure({ term, testId, emphasis = false, children }: { term: string; testId: string; emphasis?: boolean; children: ReactNode }) {
  return (
    <div className="rounded-xl bg-slate-50 px-2 py-2 ring-1 ring-slate-200">
      <dt className="text-xs font-medium text-slate-600">{term}</dt>
      <dd data-testid={testId} className={`tabular-nums font-bold ${emphasis ? "text-3xl text-indigo-700" : "text-2xl text-slate-900"}`}>
        {children}
      </dd>
    </div>
  );
}
