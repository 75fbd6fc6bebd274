import type { Metadata } from "next";
import Link from "next/link";
import { listUserBookings } from "@/lib/domain/catalog/list-user-bookings";
import { requireSession } from "@/components/auth/require-session";
import { BookingsList } from "@/components/bookings/bookings-list";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "My bookings" };

export default async function BookingsPage() {
  const session = await requireSession("/bookings");
  const bookings = await listUserBookings(session.user.id);
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-extrabold tracking-tight text-slate-900">My bookings</h1>
      <p className="mt-2 text-slate-600">Every place you took in a sale, newest first.</p>
      <div className="mt-8">
        {bookings.length ? (
          <BookingsList bookings={bookings} />
        ) : (
          <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
            <p className="text-lg font-semibold text-slate-900">No bookings yet</p>
            <p className="mt-1 text-slate-600">When you take a place in a sale, it shows up here.</p>
            <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
              Browse sales
            </Link>
          </div>
        )}
      </div>
    </main>
  );
}
