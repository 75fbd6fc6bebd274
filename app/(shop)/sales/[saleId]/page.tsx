import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { prequeueOpensAt } from "@/lib/domain/admission/prequeue-window";
import { getPublicSale } from "@/lib/domain/catalog/get-public-sale";
import { getStorefrontStatus } from "@/lib/domain/catalog/get-storefront-status";
import { DomainError } from "@/lib/errors/domain-error";
import { signInUrl } from "@/components/auth/callback-url";
import { SaleAbout } from "@/components/sales/sale-about";
import { SaleHeading } from "@/components/sales/sale-heading";
import { SaleImage } from "@/components/sales/sale-image";
import { VisitorBuyBox } from "@/components/sales/visitor-buy-box";
import { WaitingRoom } from "@/components/waiting-room/waiting-room";

type Props = { params: Promise<{ saleId: string }> };

// Shared by the metadata and the page, so the sale is read once per request.
const loadSale = cache(async (saleId: string) => {
  try {
    return await getPublicSale(saleId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const sale = await loadSale((await params).saleId);
  return { title: sale.name, description: sale.description || undefined };
}

export default async function SalePage({ params }: Props) {
  const { saleId } = await params;
  const [sale, session] = await Promise.all([loadSale(saleId), getServerSession(authOptions)]);
  const userId = session?.user?.id || null;
  const view = await getStorefrontStatus(sale, userId);
  const path = `/sales/${sale.id}`;

  return (
    <main className="mx-auto max-w-6xl px-4 py-4 sm:px-6 sm:py-10">
      <Link href="/" className="text-sm font-semibold text-indigo-700 hover:text-indigo-900">
        <span aria-hidden="true">←</span> All sales
      </Link>
      {/* Three blocks so that on a phone the buy box comes first (the live panel must be on the
          first screen, above the picture), and on a wide screen it sits beside the picture. */}
      <div className="mt-3 grid gap-6 sm:mt-6 sm:gap-8 lg:grid-cols-2 lg:gap-x-12">
        <div className="lg:col-start-1 lg:row-start-1">
          <SaleImage id={sale.id} name={sale.name} image={sale.image} priority />
        </div>
        <div className="order-first space-y-4 sm:space-y-6 lg:order-none lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <SaleHeading sale={sale} />
          {userId ? (
            <WaitingRoom sale={{ ...sale, prequeueOpensAt: prequeueOpensAt(sale.startsAt) }} initialView={view} signInUrl={signInUrl(path)} />
          ) : (
            <VisitorBuyBox sale={sale} view={view} />
          )}
        </div>
        <div className="lg:col-start-1 lg:row-start-2">
          <SaleAbout sale={sale} />
        </div>
      </div>
    </main>
  );
}
