"use client";

import { useState } from "react";
import { Countdown } from "@/components/waiting-room/countdown";

/** A countdown to a sale's start on the server's clock (`serverTime` is when the page was rendered). */
export function StartsIn({ startsAt, serverTime, className }: { startsAt: string; serverTime: string; className?: string }) {
  const [clockOffsetMs] = useState(() => Date.parse(serverTime) - Date.now());
  return <Countdown target={startsAt} clockOffsetMs={clockOffsetMs} label="Time until the sale opens" className={className} />;
}
