"use client";

import { useEffect, useState } from "react";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { IpImpact } from "@/lib/domain/admin/count-accounts-behind-ip";
import type { BlockInput } from "@/lib/domain/admin/block-input";

export type BlockTarget = BlockInput & { label: string };

type BlockDialogProps = { target: BlockTarget | null; saleId?: string; onBlocked: () => void; onCancel: () => void };

const failure = (error: unknown) => (error instanceof AdminApiError ? error.message : "Something went wrong. Please try again.");

function ImpactText({ impact }: { impact: IpImpact }) {
  const where = impact.scope === "sale" ? "in this sale" : "in the last 30 days";
  if (impact.accounts === 0) return <p data-testid="block-impact">No account has used this IP {where}. Anyone who does later is refused too.</p>;
  const others = impact.accounts - impact.emails.length;
  return (
    <p data-testid="block-impact">
      <strong>
        {impact.accounts} {impact.accounts === 1 ? "account" : "accounts"}
      </strong>{" "}
      used this IP {where}: {impact.emails.join(", ")}
      {others > 0 && ` and ${others} more`}. A shared network (an office, a campus, a mobile carrier) puts honest shoppers behind one IP: all of them are refused.
    </p>
  );
}

/** Asks before blocking a user or an IP, saying whom an IP block shuts out, then blocks. */
export function BlockDialog({ target, saleId, onBlocked, onCancel }: BlockDialogProps) {
  const [impact, setImpact] = useState<{ for: string; value: IpImpact | null; error: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ip = target?.kind === "ip" ? target.value : null;

  useEffect(() => {
    if (!ip) return;
    let current = true;
    const query = new URLSearchParams(saleId ? { ip, saleId } : { ip });
    adminFetch<{ impact: IpImpact }>(`/api/admin/blocks/impact?${query}`)
      .then((answer) => current && setImpact({ for: ip, value: answer.impact, error: null }))
      .catch((failed: unknown) => current && setImpact({ for: ip, value: null, error: failure(failed) }));
    return () => {
      current = false;
    };
  }, [ip, saleId]);

  async function block() {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await adminFetch("/api/admin/blocks", "POST", { kind: target.kind, value: target.value });
      onBlocked();
    } catch (failed) {
      setError(failure(failed));
    } finally {
      setBusy(false);
    }
  }

  const shown = impact?.for === ip ? impact : null;
  return (
    <ConfirmDialog
      open={target !== null}
      title={target?.kind === "ip" ? `Block IP ${target.label}?` : `Block ${target?.label ?? "this user"}?`}
      confirmLabel={target?.kind === "ip" ? "Block IP" : "Block user"}
      tone="danger"
      busy={busy}
      error={error}
      onConfirm={block}
      onKeep={() => {
        setError(null);
        onCancel();
      }}
    >
      {target?.kind === "ip" ? (
        shown?.value ? (
          <ImpactText impact={shown.value} />
        ) : (
          <p data-testid="block-impact">{shown?.error ? `Could not count the accounts behind this IP: ${shown.error}` : "Counting the accounts behind this IP…"}</p>
        )
      ) : (
        <p>This account&apos;s next requests to join any sale are refused. Holds and bookings it has stay as they are.</p>
      )}
      <p>You can unblock it later on the Blocks page; the audit trail records both.</p>
    </ConfirmDialog>
  );
}
