"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { fromLocalInput, toLocalInput } from "@/components/admin/local-datetime";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { canTransition, type SaleVerb } from "@/lib/domain/sales/sale-transitions";

type Verb = Exclude<SaleVerb, "edit">;
type Action = { verb: Verb; label: string; variant: "primary" | "secondary"; confirm?: { title: string; text: string; tone: "primary" | "danger" } };

const ACTIONS: Action[] = [
  { verb: "launch", label: "Launch now", variant: "primary", confirm: { title: "Launch this sale now?", text: "Shoppers can buy at once.", tone: "primary" } },
  { verb: "schedule", label: "Schedule…", variant: "secondary" },
  { verb: "pause", label: "Pause", variant: "secondary" },
  { verb: "resume", label: "Resume", variant: "primary" },
  { verb: "end", label: "End sale", variant: "secondary", confirm: { title: "End this sale for good?", text: "It cannot be restarted.", tone: "danger" } },
];

const failure = (error: unknown) => (error instanceof AdminApiError ? error.message : "Something went wrong. Please try again.");

/**
 * The lifecycle buttons a sale's status allows; the server has the last word (409 with a reason).
 * Launch and End ask first; Schedule asks when. The buttons follow the answer at once, while the
 * page around them refreshes.
 */
export function SaleActions({ sale: initial }: { sale: AdminSale }) {
  const router = useRouter();
  const [sale, setSale] = useState(initial);
  // A refreshed page brings a newer sale: take it over (React's "adjust state on prop change").
  const [seenVersion, setSeenVersion] = useState(initial.updatedAt);
  if (initial.updatedAt !== seenVersion) {
    setSeenVersion(initial.updatedAt);
    setSale(initial);
  }
  const [busy, setBusy] = useState<Verb | null>(null);
  const [asking, setAsking] = useState<Action | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [times, setTimes] = useState({ startsAt: "", endsAt: "" });
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const available = ACTIONS.filter((action) => canTransition(sale.status, action.verb));

  async function run(action: Action, body: Record<string, string> = {}) {
    setBusy(action.verb);
    setMessage(null);
    setDialogError(null);
    try {
      const { sale: updated } = await adminFetch<{ sale: AdminSale }>(`/api/admin/sales/${sale.id}/${action.verb}`, "POST", body);
      setSale(updated);
      setAsking(null);
      setMessage({ tone: "ok", text: `Done: the sale is ${updated.status.replace("_", " ")}.` });
      router.refresh();
    } catch (error) {
      if (asking) setDialogError(failure(error));
      else setMessage({ tone: "error", text: failure(error) });
    } finally {
      setBusy(null);
    }
  }

  function press(action: Action) {
    if (action.verb === "schedule") setTimes({ startsAt: toLocalInput(sale.startsAt), endsAt: toLocalInput(sale.endsAt) });
    if (action.confirm || action.verb === "schedule") {
      setDialogError(null);
      setAsking(action);
    } else void run(action);
  }

  function confirm() {
    if (!asking) return;
    if (asking.verb !== "schedule") return void run(asking);
    const startsAt = fromLocalInput(times.startsAt);
    const endsAt = fromLocalInput(times.endsAt);
    if (!startsAt || !endsAt) return setDialogError("Enter the start and the end as a date and time.");
    void run(asking, { startsAt, endsAt });
  }

  return (
    <div>
      {available.length === 0 && <p className="text-sm text-slate-600">This sale has ended; nothing more can change.</p>}
      <div className="flex flex-wrap gap-2">
        {available.map((action) => (
          <Button key={action.verb} variant={action.variant} size="sm" busy={busy === action.verb} disabled={busy !== null} onClick={() => press(action)}>
            {action.label}
          </Button>
        ))}
      </div>
      <p role="status" aria-live="polite" className={`mt-2 min-h-5 text-sm ${message?.tone === "error" ? "font-medium text-rose-700" : "text-emerald-700"}`}>
        {message?.text}
      </p>
      <ConfirmDialog
        open={asking !== null}
        title={asking?.verb === "schedule" ? "When should the sale start?" : (asking?.confirm?.title ?? "")}
        confirmLabel={asking?.verb === "schedule" ? "Schedule" : (asking?.label ?? "")}
        tone={asking?.confirm?.tone ?? "primary"}
        busy={busy !== null}
        error={dialogError}
        onConfirm={confirm}
        onKeep={() => setAsking(null)}
      >
        {asking?.verb === "schedule" ? (
          <>
            <p>The sale goes live by itself at the start and ends at the end. Shoppers who come early wait in a pre-queue.</p>
            <TextField label="Start" name="startsAt" type="datetime-local" value={times.startsAt} onChange={(event) => setTimes({ ...times, startsAt: event.target.value })} hint="Your local time." required />
            <TextField label="End" name="endsAt" type="datetime-local" value={times.endsAt} onChange={(event) => setTimes({ ...times, endsAt: event.target.value })} hint="Your local time." required />
          </>
        ) : (
          <p>{asking?.confirm?.text}</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
