import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSession, requireUser } from "@/lib/auth/current-user";
import { DomainError } from "@/lib/errors/domain-error";

const secret = process.env.NEXTAUTH_SECRET!;
const claims = { sub: "user-1", email: "a@example.com", role: "shopper" as const };

const requestWith = (headers: Record<string, string>) => ({
  headers: { get: (name: string) => headers[name] ?? null },
  body: null,
  signal: new AbortController().signal,
});

describe("the session JWT, decoded with a key derived once", () => {
  it("reads what next-auth's encode wrote, exactly as next-auth's decode does", async () => {
    const token = await encode({ token: claims, secret });
    expect(await decodeSession({ token, secret })).toEqual(await decode({ token, secret }));
    await expect(decodeSession({ token, secret: `${secret}-other` })).rejects.toThrow();
  });

  it("finds the session in its cookie, in chunks, or as a bearer token, and refuses anything else with 401", async () => {
    const token = await encode({ token: claims, secret });
    const middle = Math.floor(token.length / 2);
    const found = [
      requestWith({ cookie: `theme=dark; next-auth.session-token=${token}` }),
      requestWith({ cookie: `next-auth.session-token.1=${token.slice(middle)}; next-auth.session-token.0=${token.slice(0, middle)}` }),
      requestWith({ authorization: `Bearer ${token}` }),
    ];
    for (const request of found) expect(await requireUser(request)).toEqual({ id: "user-1", email: "a@example.com", role: "shopper" });
    for (const request of [requestWith({}), requestWith({ cookie: "next-auth.session-token=garbage" }), requestWith({ authorization: "Bearer %zz" })]) {
      await expect(requireUser(request)).rejects.toBeInstanceOf(DomainError);
    }
  });
});
