import Image from "next/image";

const GRADIENTS = [
  "from-indigo-500 via-violet-500 to-fuchsia-500",
  "from-amber-400 via-orange-500 to-rose-500",
  "from-emerald-400 via-teal-500 to-cyan-600",
  "from-sky-400 via-blue-500 to-indigo-600",
  "from-rose-400 via-pink-500 to-purple-600",
];

function gradientFor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return GRADIENTS[hash % GRADIENTS.length] ?? GRADIENTS[0]!;
}

/**
 * The product's picture, or a placeholder in a colour of its own with its initial, so a sale
 * without an image still looks intended. Our own pictures (shipped in public/images, or uploaded
 * and served from /api/images) go through Next's optimizer at the size the layout needs; a URL a
 * marketer gave from any other host is shown as it is, since the optimizer only fetches from
 * hosts listed in advance.
 */
export function SaleImage({ id, name, image, priority = false }: { id: string; name: string; image: string; priority?: boolean }) {
  return (
    <div className="relative aspect-[4/3] w-full overflow-hidden rounded-2xl bg-slate-200">
      {image ? (
        <Image src={image} alt={name} fill unoptimized={!image.startsWith("/")} priority={priority} sizes="(min-width: 1024px) 50vw, 100vw" className="object-cover" />
      ) : (
        <div
          role="img"
          aria-label={`${name} (no photo yet)`}
          className={`flex h-full w-full items-center justify-center bg-gradient-to-br ${gradientFor(id)}`}
        >
          <span aria-hidden="true" className="text-7xl font-black text-white/90 drop-shadow-sm">
            {name.trim().charAt(0).toUpperCase() || "?"}
          </span>
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            className="absolute right-4 bottom-4 size-8 text-white/70"
          >
            <path d="M6 7h12l-1 13H7L6 7Z" strokeLinejoin="round" />
            <path d="M9 7a3 3 0 0 1 6 0" strokeLinecap="round" />
          </svg>
        </div>
      )}
    </div>
  );
}
