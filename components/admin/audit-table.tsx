import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditEntry } from "@/lib/domain/admin/list-audit-events";

const ACTION_LABELS: Record<string, string> = {
  "sale.create": "Created the sale",
  "sale.update": "Edited the sale",
  "sale.schedule": "Scheduled the sale",
  "sale.launch": "Launched the sale",
  "sale.pause": "Paused the sale",
  "sale.resume": "Resumed the sale",
  "sale.end": "Ended the sale",
  "client.block": "Blocked a client",
  "client.unblock": "Unblocked a client",
};

const show = (value: unknown) => {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toISOString().replace("T", " ").slice(0, 16) + " UTC";
  return typeof value === "string" ? value : JSON.stringify(value);
};

/** The details worth reading of one event: the fields an edit changed, whom a block was for. */
function describe(entry: AuditEntry): string {
  const data = entry.data;
  if (entry.action === "sale.update" && data.changes && typeof data.changes === "object") {
    return Object.entries(data.changes as Record<string, { from: unknown; to: unknown }>)
      .map(([field, change]) => `${field}: ${show(change.from)} → ${show(change.to)}`)
      .join("; ");
  }
  if (entry.action.startsWith("client.")) return `${String(data.kind)} ${String(data.label ?? data.value)}`;
  if (typeof data.from === "string") return `was ${data.from.replace("_", " ")}`;
  if (entry.action === "sale.create") return `${String(data.name)}, stock ${String(data.stock)}`;
  return "";
}

/** Who did what, when: the audit trail of admin actions, newest first. */
export function AuditTable({ events, showSale = true }: { events: AuditEntry[]; showSale?: boolean }) {
  if (events.length === 0) return <p className="text-slate-600">No admin actions recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">When</th>
            <th scope="col" className="px-4 py-3">Who</th>
            <th scope="col" className="px-4 py-3">What</th>
            {showSale && <th scope="col" className="px-4 py-3">Sale</th>}
            <th scope="col" className="px-4 py-3">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((entry) => (
            <tr key={entry.id} data-testid="audit-row">
              <td className="px-4 py-2.5 whitespace-nowrap"><LocalTime iso={entry.at} /></td>
              <td className="px-4 py-2.5">{entry.actor}</td>
              <td className="px-4 py-2.5 font-medium">{ACTION_LABELS[entry.action] ?? entry.action}</td>
              {showSale && (
                <td className="px-4 py-2.5">
                  {entry.saleId ? (
                    <Link href={`/admin/sales/${entry.saleId}`} className="font-medium text-indigo-700 hover:text-indigo-900">
                      {entry.saleName ?? entry.saleId}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              )}
              <td className="px-4 py-2.5 text-slate-600">{describe(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
