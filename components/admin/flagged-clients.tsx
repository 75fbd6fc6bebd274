"use client";

import { useCallback, useEffect, useState } from "react";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import { BlockToggle } from "@/components/admin/block-toggle";
import type { FlaggedClientView } from "@/lib/domain/admin/find-flagged-clients";

const REFRESH_MS = 10_000;

/** Clients that look abusive in this sale, refreshed every ten seconds, each one block away. */
export function FlaggedClients({ saleId }: { saleId: string }) {
  const [clients, setClients] = useState<FlaggedClientView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { clients: found } = await adminFetch<{ clients: FlaggedClientView[] }>(`/api/admin/sales/${saleId}/flagged`);
      setClients(found);
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof AdminApiError ? error.message : "Flagged clients are unavailable right now.");
    }
  }, [saleId]);

  useEffect(() => {
    const first = setTimeout(load, 0);
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [load]);

  return (
    <section aria-labelledby="flagged-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="flagged-title" className="text-lg font-bold">
        Flagged clients
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        From the bookings&apos; IPs and user agents: three or more accounts on one IP, five or more intents from one IP within 10 s, or a script&apos;s
        user agent. Nothing is blocked automatically.
      </p>
      {problem && (
        <p role="alert" className="mt-3 text-sm font-medium text-rose-700">
          {problem}
        </p>
      )}
      {clients === null ? (
        <p className="mt-3 text-sm text-slate-500">Loading…</p>
      ) : clients.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Nobody flagged so far.</p>
      ) : (
        <div className="mt-3 sm:overflow-x-auto">
          {/* On a phone each row becomes a card, so the block button is never scrolled out of reach. */}
          <table className="w-full text-left text-sm max-sm:block">
            <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase max-sm:sr-only">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  Client
                </th>
                <th scope="col" className="py-2 pr-3">
                  Why
                </th>
                <th scope="col" className="py-2 pr-3">
                  Seen with
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 max-sm:block">
              {clients.map((client) => (
                <tr key={`${client.kind}:${client.value}`} className="max-sm:flex max-sm:flex-col max-sm:gap-1 max-sm:py-3" data-testid="flagged-client">
                  <td className="py-2 pr-3 align-top max-sm:py-0">
                    <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-600 uppercase">{client.kind}</span>
                    <span className="font-mono break-all">{client.label}</span>
                    {client.blocked && <span className="ml-2 text-xs font-semibold text-rose-700">blocked</span>}
                  </td>
                  <td className="py-2 pr-3 align-top max-sm:py-0">{client.reasons.map((reason) => reason.detail).join("; ")}</td>
                  <td className="py-2 pr-3 align-top text-slate-600 max-sm:py-0">
                    {client.related.length} {client.kind === "ip" ? "account(s)" : "IP(s)"}
                  </td>
                  <td className="py-2 text-right align-top max-sm:pt-1 max-sm:text-left">
                    <BlockToggle kind={client.kind} value={client.value} label={client.label} blocked={client.blocked} saleId={saleId} onChanged={load} onError={setProblem} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
