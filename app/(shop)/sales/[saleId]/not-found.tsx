import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function SaleNotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center sm:px-6">
      <h1 className="text-3xl font-bold text-slate-900">We can’t find that sale</h1>
      <p className="mt-3 text-slate-600">It may not be published yet, or the link is mistyped.</p>
      <Link href="/" className={buttonClass("primary", "md", "mt-8")}>
        See all sales
      </Link>
    </main>
  );
}
