import Link from "next/link";

/** Previous / next links that keep the other query parameters. */
export function Pager({ page, pageSize, total, query }: { page: number; pageSize: number; total: number; query: URLSearchParams }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (target: number) => {
    const next = new URLSearchParams(query);
    next.set("page", String(target));
    return `?${next}`;
  };
  const link = "rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
      {page > 1 ? <Link href={href(page - 1)} className={link}>← Previous</Link> : <span />}
      <span className="text-slate-600">
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(page + 1)} className={link}>Next →</Link> : <span />}
    </nav>
  );
}
