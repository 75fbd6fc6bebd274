import type { Metadata } from "next";
import Link from "next/link";
import { formatPrice } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { AuditTable } from "@/components/admin/audit-table";
import { FlaggedClients } from "@/components/admin/flagged-clients";
import { SaleActions } from "@/components/admin/sale-actions";
import { SaleDashboard } from "@/components/admin/sale-dashboard";
import { listAuditEvents } from "@/lib/domain/admin/list-audit-events";
import { readDashboardHistory } from "@/lib/domain/admin/read-dashboard-history";
import { staffAccess } from "../../staff-access";
import { loadAdminSale } from "./load-admin-sale";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Sale dashboard" };

export default async function AdminSalePage({ params }: Props) {
  const { id } = await params;
  if (!(await staffAccess(`/admin/sales/${id}`)).allowed) return <AdminForbidden />;
  const sale = await loadAdminSale(id);
  const [{ events }, history] = await Promise.all([listAuditEvents(new URLSearchParams({ saleId: id, pageSize: "8" })), readDashboardHistory(id)]);
  const facts = [
    ["Start", <LocalTime key="start" iso={sale.startsAt} />],
    ["End", <LocalTime key="end" iso={sale.endsAt} />],
    ["Price", formatPrice(sale.price, sale.currency)],
    ["Stock", sale.stock.toLocaleString("en")],
    ["Hold length", `${sale.holdSeconds} s`],
    ["Waitlist bound", sale.waitlistMax.toLocaleString("en")],
  ] as const;

  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8 sm:px-6">
      <header className="space-y-4">
        <Link href="/admin" className="text-sm font-medium text-slate-600 hover:text-slate-900">
          ← All sales
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">{sale.name}</h1>
          <span data-testid="sale-status">
            <StatusBadge status={sale.status} />
          </span>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-500">{label}</dt>
              <dd className="font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <SaleActions sale={sale} />
          <nav aria-label="This sale" className="flex gap-4 text-sm font-semibold">
            {sale.status !== "ended" && (
              <Link href={`/admin/sales/${id}/edit`} className="text-indigo-700 hover:text-indigo-900">
                Edit settings
              </Link>
            )}
            <Link href={`/admin/sales/${id}/bookings`} className="text-indigo-700 hover:text-indigo-900">
              Bookings
            </Link>
            <Link href={`/sales/${id}`} className="text-indigo-700 hover:text-indigo-900">
              Shop page
            </Link>
          </nav>
        </div>
      </header>

      <SaleDashboard sale={sale} history={history} />
      <FlaggedClients saleId={id} />

      <section aria-labelledby="history-title" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="history-title" className="text-lg font-bold">
            Recent admin actions
          </h2>
          <Link href={`/admin/audit?saleId=${id}`} className="text-sm font-semibold text-indigo-700 hover:text-indigo-900">
            Full audit trail
          </Link>
        </div>
        <AuditTable events={events} showSale={false} />
      </section>
    </main>
  );
}
