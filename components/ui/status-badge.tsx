/** A small coloured label for a sale's or a booking's status; colours keep 4.5:1 contrast. */

const TONES = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  red: "bg-rose-50 text-rose-800 ring-rose-600/20",
} as const;

type Tone = keyof typeof TONES;

const LABELS: Record<string, { label: string; tone: Tone }> = {
  live: { label: "Live now", tone: "green" },
  scheduled: { label: "Upcoming", tone: "amber" },
  paused: { label: "Paused", tone: "amber" },
  ended: { label: "Ended", tone: "slate" },
  sold_out: { label: "Sold out", tone: "red" },
  draft: { label: "Draft", tone: "slate" },
  queued: { label: "In line", tone: "indigo" },
  hold: { label: "On hold", tone: "amber" },
  waitlisted: { label: "Waitlisted", tone: "indigo" },
  booked: { label: "Booked", tone: "green" },
  cancelled: { label: "Cancelled", tone: "slate" },
  expired: { label: "Expired", tone: "slate" },
  rejected: { label: "Not accepted", tone: "red" },
};

export function StatusBadge({ status }: { status: string }) {
  const { label, tone } = LABELS[status] ?? { label: status, tone: "slate" as const };
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONES[tone]}`}>
      {status === "live" && <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-emerald-600" />}
      {label}
    </span>
  );
}
