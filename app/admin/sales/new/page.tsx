import type { Metadata } from "next";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { SaleForm } from "@/components/admin/sale-form";
import { staffAccess } from "../../staff-access";

export const metadata: Metadata = { title: "New sale" };

export default async function NewSalePage() {
  if (!(await staffAccess("/admin/sales/new")).allowed) return <AdminForbidden />;
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold">New sale</h1>
      <p className="mb-6 text-slate-600">It starts as a draft; schedule or launch it from its page.</p>
      <SaleForm />
    </main>
  );
}
