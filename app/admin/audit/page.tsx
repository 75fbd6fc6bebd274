import type { Metadata } from "next";
import Link from "next/link";
import { ZodError } from "zod";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { AuditTable } from "@/components/admin/audit-table";
import { Pager } from "@/components/admin/pager";
import { listAuditEvents, type AuditPage } from "@/lib/domain/admin/list-audit-events";
import { staffAccess } from "../staff-access";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: Props) {
  if (!(await staffAccess("/admin/audit")).allowed) return <AdminForbidden />;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) if (typeof value === "string") query.set(key, value);
  let page: AuditPage | null = null;
  let problem: string | null = null;
  try {
    page = await listAuditEvents(query);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    problem = error.issues.map((issue) => issue.message).join("; ");
  }
  const saleId = query.get("saleId");

  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
      <div>
        <h1 className="text-2xl font-bold">Audit trail</h1>
        <p className="text-slate-600">
          Every admin action — who, what, when — newest first.
          {saleId && (
            <>
              {" "}
              Showing one sale only.{" "}
              <Link href="/admin/audit" className="font-semibold text-indigo-700 hover:text-indigo-900">
                Show all
              </Link>
            </>
          )}
        </p>
      </div>
      {problem && (
        <p role="alert" className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm font-medium text-rose-800">
          {problem}
        </p>
      )}
      {page && (
        <>
          <AuditTable events={page.events} />
          <Pager page={page.page} pageSize={page.pageSize} total={page.total} query={query} />
        </>
      )}
    </main>
  );
}
