"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import { BlockDialog } from "@/components/admin/block-dialog";

type BlockToggleProps = {
  kind: "user" | "ip";
  value: string;
  label: string;
  blocked: boolean;
  /** Counts an IP's accounts within this sale rather than over the last 30 days. */
  saleId?: string;
  onChanged: () => void;
  onError: (message: string) => void;
};

/** Blocks (after a confirmation saying whom it affects) or unblocks one user or IP. */
export function BlockToggle({ kind, value, label, blocked, saleId, onChanged, onError }: BlockToggleProps) {
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);

  async function unblock() {
    setBusy(true);
    try {
      await adminFetch("/api/admin/blocks", "DELETE", { kind, value });
      onChanged();
    } catch (error) {
      onError(error instanceof AdminApiError ? error.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        busy={busy}
        disabled={busy}
        onClick={blocked ? unblock : () => setAsking(true)}
        className={`whitespace-nowrap ${blocked ? "" : "text-rose-700"}`}
      >
        {blocked ? "Unblock" : `Block ${kind === "ip" ? "IP" : "user"}…`}
      </Button>
      <BlockDialog
        target={asking ? { kind, value, label } : null}
        saleId={saleId}
        onBlocked={() => {
          setAsking(false);
          onChanged();
        }}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}
