/** What the flagging rules look at: one admitted intent that became a booking. */
export type ClientSighting = { userId: string; ip: string; userAgent: string; admittedAt: Date };

export type FlagReason = "many_accounts" | "burst" | "scripted_agent";

export type FlaggedClient = {
  kind: "ip" | "user";
  value: string;
  reasons: { reason: FlagReason; detail: string }[];
  /** The accounts seen from this IP (for an IP), or the user's IPs (for a user). */
  related: string[];
};

export const FLAG_RULES = {
  /** This many distinct accounts from one IP look like one person with many accounts. */
  accountsPerIp: 3,
  /** This many intents from one IP inside the window look like a script. */
  burstCount: 5,
  burstWindowMs: 10_000,
} as const;

// Agents of HTTP libraries and headless browsers: real shoppers do not send these.
const SCRIPTED_AGENT = /^$|curl|wget|python|httpclient|okhttp|go-http|node-fetch|undici|axios|headless|phantomjs|scrapy|java\//i;

function largestBurst(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * Flags IPs with many accounts or bursts of intents, and users whose agent is a script. A flag is
 * a hint for the admin, who decides whether to block; nothing is blocked automatically.
 */
export function flagClients(sightings: readonly ClientSighting[], rules = FLAG_RULES): FlaggedClient[] {
  const byIp = new Map<string, ClientSighting[]>();
  for (const sighting of sightings) {
    if (!sighting.ip || sighting.ip === "unknown") continue;
    const list = byIp.get(sighting.ip) ?? [];
    list.push(sighting);
    byIp.set(sighting.ip, list);
  }

  const flagged: FlaggedClient[] = [];
  for (const [ip, list] of byIp) {
    const accounts = [...new Set(list.map((sighting) => sighting.userId))];
    const reasons: FlaggedClient["reasons"] = [];
    if (accounts.length >= rules.accountsPerIp) reasons.push({ reason: "many_accounts", detail: `${accounts.length} accounts from this IP` });
    const burst = largestBurst(list.map((sighting) => sighting.admittedAt.getTime()), rules.burstWindowMs);
    if (burst >= rules.burstCount) reasons.push({ reason: "burst", detail: `${burst} intents within ${rules.burstWindowMs / 1000} s` });
    if (reasons.length) flagged.push({ kind: "ip", value: ip, reasons, related: accounts });
  }

  const scripted = new Map<string, ClientSighting[]>();
  for (const sighting of sightings) {
    if (!SCRIPTED_AGENT.test(sighting.userAgent)) continue;
    scripted.set(sighting.userId, [...(scripted.get(sighting.userId) ?? []), sighting]);
  }
  for (const [userId, list] of scripted) {
    const agent = list[0]!.userAgent || "(no user agent)";
    flagged.push({
      kind: "user",
      value: userId,
      reasons: [{ reason: "scripted_agent", detail: `user agent "${agent.slice(0, 80)}"` }],
      related: [...new Set(list.map((sighting) => sighting.ip))],
    });
  }
  return flagged.sort((a, b) => b.related.length - a.related.length || a.value.localeCompare(b.value));
}
