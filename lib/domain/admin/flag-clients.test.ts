import { describe, expect, it } from "vitest";
import { flagClients, type ClientSighting } from "@/lib/domain/admin/flag-clients";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36";
const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 10, 0, seconds));
const seen = (userId: string, ip: string, seconds: number, userAgent = BROWSER): ClientSighting => ({ userId, ip, userAgent, admittedAt: at(seconds) });

describe("flagging suspicious clients", () => {
  it("flags an IP with three or more accounts, not one with two", () => {
    const flagged = flagClients([seen("a", "1.1.1.1", 0), seen("b", "1.1.1.1", 30), seen("c", "1.1.1.1", 60), seen("d", "2.2.2.2", 0), seen("e", "2.2.2.2", 90)]);
    expect(flagged).toEqual([{ kind: "ip", value: "1.1.1.1", reasons: [{ reason: "many_accounts", detail: "3 accounts from this IP" }], related: ["a", "b", "c"] }]);
  });

  it("flags a burst of five intents from one IP within ten seconds", () => {
    const burst = ["u1", "u1", "u1", "u1", "u1"].map((user, i) => seen(user, "3.3.3.3", i * 2));
    const spread = ["v1", "v1", "v1", "v1", "v1"].map((user, i) => seen(user, "4.4.4.4", i * 3));
    const flagged = flagClients([...burst, ...spread]);
    expect(flagged.map((client) => [client.value, client.reasons.map((reason) => reason.detail)])).toEqual([["3.3.3.3", ["5 intents within 10 s"]]]);
  });

  it("flags users whose agent is a script or missing", () => {
    const flagged = flagClients([seen("bot", "5.5.5.5", 0, "python-requests/2.31"), seen("blank", "6.6.6.6", 0, ""), seen("human", "7.7.7.7", 0)]);
    expect(flagged.map((client) => [client.kind, client.value])).toEqual([
      ["user", "blank"],
      ["user", "bot"],
    ]);
    expect(flagged[0]!.reasons[0]!.detail).toBe('user agent "(no user agent)"');
  });

  it("ignores bookings whose IP is unknown", () => {
    expect(flagClients(["a", "b", "c"].map((user) => seen(user, "unknown", 0)))).toEqual([]);
  });
});
