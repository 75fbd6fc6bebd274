import type { Metadata } from "next";
import Link from "next/link";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { SaleForm } from "@/components/admin/sale-form";
import { staffAccess } from "../../../staff-access";
import { loadAdminSale } from "../load-admin-sale";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit sale" };

export default async function EditSalePage({ params }: Props) {
  const { id } = await params;
  if (!(await staffAccess(`/admin/sales/${id}/edit`)).allowed) return <AdminForbidden />;
  const sale = await loadAdminSale(id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <Link href={`/admin/sales/${id}`} className="text-sm font-medium text-slate-600 hover:text-slate-900">
        ← {sale.name}
      </Link>
      <h1 className="mt-2 mb-6 text-2xl font-bold">Edit sale</h1>
      {sale.status === "ended" ? <p className="text-slate-600">This sale has ended; its settings can no longer change.</p> : <SaleForm sale={sale} />}
    </main>
  );
}
