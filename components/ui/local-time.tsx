"use client";

import { formatDateTime } from "@/components/ui/format";
import { useIsClient } from "@/components/ui/use-now";

/** A timestamp in the visitor's own time zone (UTC until the browser has taken over). */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const isClient = useIsClient();
  return (
    <time dateTime={iso} className={className}>
      {formatDateTime(iso, isClient ? undefined : "UTC")}
    </time>
  );
}
