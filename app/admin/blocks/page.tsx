import type { Metadata } from "next";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { BlocksPanel } from "@/components/admin/blocks-panel";
import { listBlockedClients } from "@/lib/domain/admin/list-blocked-clients";
import { staffAccess } from "../staff-access";

export const metadata: Metadata = { title: "Blocked clients" };

export default async function BlocksPage() {
  if (!(await staffAccess("/admin/blocks")).allowed) return <AdminForbidden />;
  const clients = await listBlockedClients();
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
      <div>
        <h1 className="text-2xl font-bold">Blocked clients</h1>
        <p className="text-slate-600">A blocked user or IP gets 403 on every new intent, in every sale. Flagged clients are listed on each sale&apos;s dashboard.</p>
      </div>
      <BlocksPanel clients={clients} />
    </main>
  );
}
