import Link from "next/link";
import type { Session } from "next-auth";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClass } from "@/components/ui/button";

const STAFF = new Set(["marketer", "admin"]);

const NAV_LINK =
  "rounded-lg px-3 py-2 text-sm font-semibold text-slate-200 hover:bg-white/10 hover:text-white " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white";

export function SiteHeader({ session }: { session: Session | null }) {
  const user = session?.user;
  return (
    <header className="bg-slate-900 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="mr-auto flex items-center gap-2 rounded-lg text-lg font-extrabold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-white"
        >
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-amber-400 text-slate-900">
            ⚡
          </span>
          Flash Sale
        </Link>
        {/* On a phone the account controls stay beside the logo and the links take a row of their own
            (for a visitor, whose only link would be the home page the logo already leads to, none). */}
        <nav
          aria-label="Main"
          className={`order-last -ml-3 w-full flex-wrap items-center gap-1 sm:order-none sm:ml-0 sm:flex sm:w-auto ${user ? "flex" : "hidden"}`}
        >
          <Link href="/" className={NAV_LINK}>
            Sales
          </Link>
          {user && (
            <Link href="/bookings" className={NAV_LINK}>
              My bookings
            </Link>
          )}
          {user && STAFF.has(user.role) && (
            <Link href="/admin" className={NAV_LINK}>
              Admin
            </Link>
          )}
        </nav>
        <div className="flex items-center gap-2">
          {user ? (
            <>
              <span className="hidden text-sm text-slate-300 sm:inline" data-testid="signed-in-as">
                {user.name ?? user.email}
              </span>
              <SignOutButton variant="inverse" size="sm" />
            </>
          ) : (
            <>
              <Link href="/signin" className={NAV_LINK}>
                Sign in
              </Link>
              <Link href="/signup" className={buttonClass("primary", "sm")}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
