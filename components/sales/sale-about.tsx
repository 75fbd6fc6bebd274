import type { PublicSale } from "@/lib/domain/catalog/public-sale";
import { describeDuration } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";

/** The product description and the sale's terms: when it runs, and how long a hold lasts. */
export function SaleAbout({ sale }: { sale: PublicSale }) {
  return (
    <section aria-labelledby="about-heading" className="space-y-6">
      <div>
        <h2 id="about-heading" className="text-lg font-bold text-slate-900">
          About this item
        </h2>
        <p className="mt-2 whitespace-pre-line text-slate-700">{sale.description || "No description yet."}</p>
      </div>
      <dl className="grid gap-4 rounded-2xl bg-white p-5 text-sm ring-1 ring-slate-200 sm:grid-cols-3">
        <Fact term="Opens">
          <LocalTime iso={sale.startsAt} />
        </Fact>
        <Fact term="Closes">
          <LocalTime iso={sale.endsAt} />
        </Fact>
        <Fact term="Time to confirm">{describeDuration(sale.holdSeconds)}</Fact>
      </dl>
      <p className="text-sm text-slate-600">
        One per customer. Shoppers who join before the start are put in line in a random order when the sale opens;
        after that, places are served in the order they were taken. A hold that runs out or is released goes to the
        next person waiting.
      </p>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="mt-0.5 font-semibold text-slate-900">{children}</dd>
    </div>
  );
}
