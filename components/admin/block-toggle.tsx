"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";

type BlockToggleProps = { kind: "user" | "ip"; value: string; blocked: boolean; onChanged: () => void; onError: (message: string) => void };

/** Blocks or unblocks one user or IP through the blocks API. */
export function BlockToggle({ kind, value, blocked, onChanged, onError }: BlockToggleProps) {
  const [busy, setBusy] = useState(false);
  async function toggle() {
    setBusy(true);
    try {
      await adminFetch("/api/admin/blocks", blocked ? "DELETE" : "POST", { kind, value });
      onChanged();
    } catch (error) {
      onError(error instanceof AdminApiError ? error.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant={blocked ? "secondary" : "primary"} size="sm" busy={busy} disabled={busy} onClick={toggle}>
      {blocked ? "Unblock" : `Block ${kind === "ip" ? "IP" : "user"}`}
    </Button>
  );
}
