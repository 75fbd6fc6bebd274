import { describeDuration, plural } from "@/components/ui/format";

/** What a queued shopper is told about their wait, in words, from what the server last measured. */
export type WaitFacts = {
  position: number;
  /** Items neither held nor sold. */
  stockLeft: number;
  /** The server's estimate when it last sent a view; null when no serving rate is measured yet. */
  estimatedWaitSeconds: number | null;
  /** How long ago (server clock) that view was computed; null before the browser has a clock. */
  ageSeconds: number | null;
  saleStatus: string;
};

export type WaitDescription = {
  /** The expected wait, or what is known instead of it. */
  wait: string;
  /** When the estimate was made ("updated 12 s ago"); null when there is nothing to date. */
  updated: string | null;
  /** The estimate is older than the wait it announced: the line has not moved since. */
  isStale: boolean;
};

/** An estimate is stale once it is older than this and older than the wait it announced. */
const STALE_AFTER_SECONDS = 30;

export function describeAge(ageSeconds: number): string {
  if (ageSeconds < 5) return "updated just now";
  if (ageSeconds < 60) return `updated ${Math.floor(ageSeconds)} s ago`;
  return `updated ${plural(Math.floor(ageSeconds / 60), "minute")} ago`;
}

/**
 * The expected wait as Queue-it's waiting page gives it: an estimate with its age, never a number
 * frozen for a minute as if it were fresh, and without a measured rate, what is known instead.
 */
export function describeWait(facts: WaitFacts): WaitDescription {
  const updated = facts.ageSeconds === null ? null : describeAge(facts.ageSeconds);
  if (facts.saleStatus === "paused") {
    return { wait: "On hold while the sale is paused: the line moves again when it resumes.", updated, isStale: false };
  }
  if (facts.estimatedWaitSeconds === null) {
    const wait =
      facts.position <= 1
        ? "You’re at the front: your turn comes with the next item served."
        : "Not measured yet: the line hasn’t started moving. An estimate appears here once shoppers ahead of you are served.";
    return { wait, updated, isStale: false };
  }
  const age = facts.ageSeconds ?? 0;
  const isStale = age > STALE_AFTER_SECONDS && age > facts.estimatedWaitSeconds;
  const wait = isStale
    ? `The line hasn’t moved for ${describeDuration(age)}; the last estimate (about ${describeDuration(facts.estimatedWaitSeconds)}) may be out of date.`
    : `About ${describeDuration(facts.estimatedWaitSeconds)}`;
  return { wait, updated, isStale };
}

/** "1 person", "3 people" ("persons" reads wrong); `verb` agrees with the count. */
export function people(count: number, verb?: ["is", "are"]): string {
  const noun = count === 1 ? "person" : "people";
  return verb ? `${count} ${noun} ${verb[count === 1 ? 0 : 1]}` : `${count} ${noun}`;
}

/** Whether the items left may all go to people ahead before this shopper's turn. */
export function mayRunOut(position: number, stockLeft: number): boolean {
  return position > stockLeft;
}

/**
 * How far through the line the shopper is since they joined: the share of the people who were
 * ahead of them then who have been served (100 % when they are at the front).
 */
export function lineProgress(position: number, startPosition: number | null): { percent: number; text: string } {
  const start = Math.max(startPosition ?? position, position);
  const aheadAtStart = start - 1;
  const served = start - position;
  if (position <= 1) return { percent: 100, text: "You’re at the front of the line" };
  if (served === 0) return { percent: 0, text: `None of the ${people(aheadAtStart)} ahead of you served yet` };
  return {
    percent: Math.round((served / aheadAtStart) * 100),
    text: `${served} of the ${people(aheadAtStart)} ahead of you when you joined served`,
  };
}
