import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { authOptions } from "@/lib/auth/options";
import { Providers } from "@/components/layout/providers";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Flash Sale", template: "%s · Flash Sale" },
  description: "Limited drops, a fair queue, and a hold that waits for you.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerSession(authOptions);
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <a
          href="#content"
          className="sr-only z-50 rounded-lg bg-white px-4 py-2 font-semibold text-indigo-700 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <Providers session={session}>
          <SiteHeader session={session} />
          <div id="content" className="flex-1">
            {children}
          </div>
          <footer className="border-t border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-slate-600 sm:px-6">
              <p>One per customer. Early arrivals are drawn into line at random at the start; then the line is served in order.</p>
              <Link href="/" className="font-medium text-slate-700 hover:text-slate-900">
                All sales
              </Link>
            </div>
          </footer>
        </Providers>
      </body>
    </html>
  );
}
