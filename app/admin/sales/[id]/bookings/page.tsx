import type { Metadata } from "next";
import Link from "next/link";
import { ZodError } from "zod";
import { buttonClass } from "@/components/ui/button";
import { AdminForbidden } from "@/components/admin/admin-forbidden";
import { BookingsTable } from "@/components/admin/bookings-table";
import { Pager } from "@/components/admin/pager";
import { BOOKING_STATUSES } from "@/lib/db/models/booking";
import { listBookings, type BookingPage } from "@/lib/domain/admin/list-bookings";
import { staffAccess } from "../../../staff-access";
import { loadAdminSale } from "../load-admin-sale";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Bookings" };

const FILTERS = ["status", "user", "ticketFrom", "ticketTo"] as const;
const INPUT = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-indigo-600";

export default async function SaleBookingsPage({ params, searchParams }: Props) {
  const { id } = await params;
  if (!(await staffAccess(`/admin/sales/${id}/bookings`)).allowed) return <AdminForbidden />;
  const sale = await loadAdminSale(id);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) if (typeof value === "string") query.set(key, value);

  let page: BookingPage | null = null;
  let problem: string | null = null;
  try {
    page = await listBookings(id, query);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    problem = error.issues.map((issue) => issue.message).join("; ");
  }
  const filterQuery = new URLSearchParams(FILTERS.flatMap((key) => (query.get(key) ? [[key, query.get(key)!]] : [])));
  const csvHref = `/api/admin/sales/${id}/bookings.csv${filterQuery.size ? `?${filterQuery}` : ""}`;

  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
      <div>
        <Link href={`/admin/sales/${id}`} className="text-sm font-medium text-slate-600 hover:text-slate-900">
          ← {sale.name}
        </Link>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">Bookings</h1>
          <a href={csvHref} className={buttonClass("secondary", "sm")} download>
            Export CSV{filterQuery.size ? " (filtered)" : ""}
          </a>
        </div>
      </div>

      <form method="get" className="grid grid-cols-2 items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-5">
        <label className="text-sm font-semibold">
          Status
          <select name="status" defaultValue={query.get("status") ?? ""} className={INPUT}>
            <option value="">Any</option>
            {BOOKING_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status.replace("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-semibold">
          User (email or id)
          <input name="user" defaultValue={query.get("user") ?? ""} className={INPUT} />
        </label>
        <label className="text-sm font-semibold">
          Ticket from
          <input name="ticketFrom" type="number" min={0} defaultValue={query.get("ticketFrom") ?? ""} className={INPUT} />
        </label>
        <label className="text-sm font-semibold">
          Ticket to
          <input name="ticketTo" type="number" min={0} defaultValue={query.get("ticketTo") ?? ""} className={INPUT} />
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary", "sm")}>
            Filter
          </button>
          <Link href={`/admin/sales/${id}/bookings`} className={buttonClass("secondary", "sm")}>
            Clear
          </Link>
        </div>
      </form>

      {problem && (
        <p role="alert" className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm font-medium text-rose-800">
          {problem}
        </p>
      )}
      {page && (
        <>
          <p className="text-sm text-slate-600" data-testid="bookings-total">
            {page.total.toLocaleString("en")} booking{page.total === 1 ? "" : "s"}
          </p>
          <BookingsTable bookings={page.bookings} />
          <Pager page={page.page} pageSize={page.pageSize} total={page.total} query={query} />
        </>
      )}
    </main>
  );
}
