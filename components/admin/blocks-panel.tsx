"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { BlockDialog, type BlockTarget } from "@/components/admin/block-dialog";
import { BlockToggle } from "@/components/admin/block-toggle";
import { blockInputSchema } from "@/lib/domain/admin/block-input";
import type { BlockedClient } from "@/lib/domain/admin/set-client-blocked";

/** Every blocked user and IP, a form to block one more, and unblock buttons. */
export function BlocksPanel({ clients }: { clients: BlockedClient[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<"user" | "ip">("ip");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<BlockTarget | null>(null);

  function block(event: FormEvent) {
    event.preventDefault();
    const parsed = blockInputSchema.safeParse({ kind, value });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the value.");
      return;
    }
    setError(null);
    setAsking({ ...parsed.data, label: parsed.data.value });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={block} noValidate className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <fieldset className="flex gap-3">
          <legend className="sr-only">What to block</legend>
          {(["ip", "user"] as const).map((option) => (
            <label key={option} className="flex items-center gap-1.5 text-sm font-semibold">
              <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
              {option === "ip" ? "IP address" : "User (email or id)"}
            </label>
          ))}
        </fieldset>
        <TextField label={kind === "ip" ? "IP address" : "User"} name="value" value={value} onChange={(event) => setValue(event.target.value)} error={error} className="min-w-64 flex-1" />
        <Button type="submit" variant="secondary" className="text-rose-700">
          Block…
        </Button>
      </form>
      <BlockDialog
        target={asking}
        onBlocked={() => {
          setAsking(null);
          setValue("");
          router.refresh();
        }}
        onCancel={() => setAsking(null)}
      />

      {clients.length === 0 ? (
        <p className="text-slate-600">Nobody is blocked.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
          {clients.map((client) => (
            <li key={`${client.kind}:${client.value}`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <span>
                <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-600 uppercase">{client.kind}</span>
                <span className="font-mono break-all">{client.label}</span>
              </span>
              <BlockToggle kind={client.kind} value={client.value} label={client.label} blocked onChanged={() => router.refresh()} onError={setError} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
