"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { canTransition, type SaleVerb } from "@/lib/domain/sales/sale-transitions";

type Action = { verb: Exclude<SaleVerb, "edit">; label: string; variant: "primary" | "secondary"; confirm?: string };

const ACTIONS: Action[] = [
  { verb: "launch", label: "Launch now", variant: "primary", confirm: "Make this sale live now? Shoppers can buy at once." },
  { verb: "schedule", label: "Schedule", variant: "secondary" },
  { verb: "pause", label: "Pause", variant: "secondary" },
  { verb: "resume", label: "Resume", variant: "primary" },
  { verb: "end", label: "End sale", variant: "secondary", confirm: "End this sale for good? It cannot be restarted." },
];

/**
 * The lifecycle buttons a sale's status allows; the server has the last word (409 with a reason).
 * The buttons follow the answer at once, while the page around them refreshes.
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
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const available = ACTIONS.filter((action) => canTransition(sale.status, action.verb));

  async function run(action: Action) {
    if (action.confirm && !window.confirm(action.confirm)) return;
    setBusy(action.verb);
    setMessage(null);
    try {
      const { sale: updated } = await adminFetch<{ sale: AdminSale }>(`/api/admin/sales/${sale.id}/${action.verb}`, "POST", {});
      setSale(updated);
      setMessage({ tone: "ok", text: `Done: the sale is ${updated.status.replace("_", " ")}.` });
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof AdminApiError ? error.message : "Something went wrong. Please try again." });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div>
      {available.length === 0 && <p className="text-sm text-slate-600">This sale has ended; nothing more can change.</p>}
      <div className="flex flex-wrap gap-2">
        {available.map((action) => (
          <Button key={action.verb} variant={action.variant} size="sm" busy={busy === action.verb} disabled={busy !== null} onClick={() => run(action)}>
            {action.label}
          </Button>
        ))}
      </div>
      <p role="status" aria-live="polite" className={`mt-2 min-h-5 text-sm ${message?.tone === "error" ? "font-medium text-rose-700" : "text-emerald-700"}`}>
        {message?.text}
      </p>
    </div>
  );
}
