import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { SalesTable } from "@/components/admin/sales-table";
import { listSales } from "@/lib/domain/sales/list-sales";
import { staffAccess } from "./staff-access";

export const metadata: Metadata = { title: "Sales" };

export default async function AdminSalesPage() {
  if (!(await staffAccess("/admin")).allowed) return <AdminForbidden />;
  const sales = await listSales();
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Sales</h1>
          <p className="text-slate-600">Create, schedule and watch every sale. Drafts are visible to staff only.</p>
        </div>
        <Link href="/admin/sales/new" className={buttonClass("primary")}>
          New sale
        </Link>
      </div>
      <SalesTable sales={sales} />
    </main>
  );
}
