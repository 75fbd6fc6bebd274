"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin", label: "Sales", active: (path: string) => path === "/admin" || path.startsWith("/admin/sales") },
  { href: "/admin/audit", label: "Audit trail", active: (path: string) => path.startsWith("/admin/audit") },
  { href: "/admin/blocks", label: "Blocked clients", active: (path: string) => path.startsWith("/admin/blocks") },
];

/** The admin area's own navigation, under the site header. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-1 overflow-x-auto px-4 sm:px-6">
        <span className="mr-3 py-3 text-xs font-bold tracking-wide text-slate-500 uppercase">Admin</span>
        {LINKS.map((link) => {
          const active = link.active(pathname);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={`border-b-2 px-3 py-3 text-sm font-semibold whitespace-nowrap ${
                active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"
              }`}
            >
              {link.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}
