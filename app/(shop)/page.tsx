import { connection } from "next/server";
import { listPublicSales, type ListedSale } from "@/lib/domain/catalog/list-public-sales";
import { SaleCard } from "@/components/sales/sale-card";

export default async function HomePage() {
  await connection();
  const { live, upcoming, ended } = await listPublicSales();
  const serverTime = new Date().toISOString();
  return (
    <main className="pb-16">
      <section className="bg-gradient-to-b from-slate-900 to-slate-800 text-white">
        <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6 sm:py-16">
          <p className="text-sm font-bold uppercase tracking-widest text-amber-300">Limited drops</p>
          <h1 className="mt-2 max-w-2xl text-4xl font-extrabold tracking-tight sm:text-5xl">
            A fair line. A hold that waits for you.
          </h1>
          <p className="mt-4 max-w-2xl text-lg text-slate-300">
            Press Buy and take a numbered place in the queue. When your turn comes, the item is held for you while you
            confirm — one per customer, served in order.
          </p>
        </div>
      </section>

      <div className="mx-auto max-w-6xl space-y-14 px-4 pt-10 sm:px-6">
        <Shelf title="Live now" sales={live} serverTime={serverTime} empty="Nothing is on sale right now. See what’s coming up below." />
        <Shelf title="Coming up" sales={upcoming} serverTime={serverTime} empty="No sales are scheduled yet. Check back soon." />
        {ended.length > 0 && <Shelf title="Sold out or ended" sales={ended} serverTime={serverTime} empty="" />}
      </div>
    </main>
  );
}

function Shelf({ title, sales, serverTime, empty }: { title: string; sales: ListedSale[]; serverTime: string; empty: string }) {
  const headingId = `shelf-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-2xl font-bold tracking-tight text-slate-900">
        {title}
      </h2>
      {sales.length ? (
        <ul role="list" className="mt-5 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {sales.map((sale) => (
            <li key={sale.id} className="flex">
              <SaleCard sale={sale} serverTime={serverTime} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 rounded-2xl border border-dashed border-slate-300 bg-white px-5 py-8 text-center text-slate-600">{empty}</p>
      )}
    </section>
  );
}
