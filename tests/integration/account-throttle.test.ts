import { randomUUID } from "node:crypto";
import type { RequestInternal } from "next-auth";
import { describe, expect, it } from "vitest";
import * as usersRoute from "@/app/api/users/route";
import { authOptions } from "@/lib/auth/options";
import { throttledSignInSeconds } from "@/lib/auth/sign-in-refusal";
import { env } from "@/lib/config/env";
import { User } from "@/lib/db/models/user";
import { verifyCredentialsThrottled } from "@/lib/domain/users/verify-credentials-throttled";
import { registerUser } from "@/lib/domain/users/register-user";
import { DomainError } from "@/lib/errors/domain-error";
import { metrics } from "@/lib/metrics/registry";
import { callRoute } from "./support/harness";

const RUN = randomUUID().slice(0, 8);
const PASSWORD = "the-right-password";
let ipCounter = 0;
/** A fresh client address per test: the budgets are per IP. */
const freshIp = () => `10.66.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

const signUp = (email: string, ip: string) =>
  callRoute(usersRoute.POST as never, "/api/users", {}, { method: "POST", body: { email, name: "Throttle test", password: PASSWORD }, ip });

async function newAccount(label: string): Promise<string> {
  const email = `${label}-${RUN}-${randomUUID().slice(0, 6)}@example.test`;
  await registerUser({ email, name: label, password: PASSWORD });
  return email;
}

/** The operators' count of sign-ups or sign-ins with this outcome, in this process. */
async function attemptsCounted(action: string, outcome: string): Promise<number> {
  const { values } = await metrics().accountAttempts.get();
  return values.find((value) => value.labels.action === action && value.labels.outcome === outcome)?.value ?? 0;
}

/** What a sign-in attempt came to: the user, a wrong password, or a pause (with its wait). */
async function attempt(email: string, password: string, ip: string): Promise<"signed_in" | "wrong" | "paused"> {
  try {
    return (await verifyCredentialsThrottled(email, password, ip)) ? "signed_in" : "wrong";
  } catch (error) {
    if (error instanceof DomainError && error.code === "rate_limited") {
      expect(error.details?.retryAfterSeconds).toBeGreaterThan(0);
      return "paused";
    }
    throw error;
  }
}

describe("sign-up budget per IP", () => {
  it("lets an IP create SIGNUP_PER_IP_PER_HOUR accounts, then answers 429 with Retry-After and creates nothing", async () => {
    const budget = env().SIGNUP_PER_IP_PER_HOUR;
    const ip = freshIp();
    const refusalsBefore = await attemptsCounted("sign_up", "refused_ip_budget");
    const emails = Array.from({ length: budget + 1 }, (_, i) => `signup-${RUN}-${i}@example.test`);
    for (const email of emails.slice(0, budget)) expect((await signUp(email, ip)).status).toBe(201);

    const refused = await signUp(emails[budget]!, ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toEqual({ code: "rate_limited", message: expect.stringMatching(/^Too many accounts were created from your network\. Try again in \d+ minutes?\.$/) });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await User.countDocuments({ email: emails[budget] })).toBe(0);
    expect(await attemptsCounted("sign_up", "refused_ip_budget")).toBe(refusalsBefore + 1);

    // Another address is not affected; bad input is still told what is wrong, not that it must wait.
    expect((await signUp(`signup-${RUN}-other@example.test`, freshIp())).status).toBe(201);
    const bad = await callRoute(usersRoute.POST as never, "/api/users", {}, { method: "POST", body: { email: "nope" }, ip });
    expect(bad.status).toBe(400);
  });

  it("holds when one IP sends many sign-ups at once: exactly the budget is created", async () => {
    const budget = env().SIGNUP_PER_IP_PER_HOUR;
    const ip = freshIp();
    const prefix = `burst-${RUN}-`;
    const answers = await Promise.all(Array.from({ length: budget * 4 }, (_, i) => signUp(`${prefix}${i}@example.test`, ip)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(budget);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(budget * 3);
    expect(await User.countDocuments({ email: { $regex: `^${prefix}` } })).toBe(budget);
  });
});

describe("failed sign-ins", () => {
  it("pauses an account on one IP after SIGNIN_FAILURES_PER_ACCOUNT wrong passwords, even for the right one, and not elsewhere", async () => {
    const limit = env().SIGNIN_FAILURES_PER_ACCOUNT;
    const email = await newAccount("pause");
    const ip = freshIp();
    const pausedBefore = await attemptsCounted("sign_in", "paused");
    for (let i = 0; i < limit; i += 1) expect(await attempt(email, "wrong-password", ip)).toBe("wrong");
    expect(await attempt(email, PASSWORD, ip)).toBe("paused");
    expect(await attemptsCounted("sign_in", "paused")).toBe(pausedBefore + 1);
    // The owner elsewhere is not locked out by someone guessing from this address.
    expect(await attempt(email, PASSWORD, freshIp())).toBe("signed_in");
  });

  it("a success clears the account's count", async () => {
    const limit = env().SIGNIN_FAILURES_PER_ACCOUNT;
    const email = await newAccount("clear");
    const ip = freshIp();
    for (let i = 0; i < limit - 1; i += 1) expect(await attempt(email, "wrong-password", ip)).toBe("wrong");
    expect(await attempt(email, PASSWORD, ip)).toBe("signed_in");
    for (let i = 0; i < limit - 1; i += 1) expect(await attempt(email, "wrong-password", ip)).toBe("wrong");
    expect(await attempt(email, PASSWORD, ip)).toBe("signed_in");
  });

  it("a burst of parallel guesses gets exactly SIGNIN_FAILURES_PER_ACCOUNT password checks", async () => {
    const limit = env().SIGNIN_FAILURES_PER_ACCOUNT;
    const email = await newAccount("burst");
    const ip = freshIp();
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => attempt(email, "wrong-password", ip)));
    expect(outcomes.filter((outcome) => outcome === "wrong")).toHaveLength(limit);
    expect(outcomes.filter((outcome) => outcome === "paused")).toHaveLength(30 - limit);
  });

  it("pauses an IP that fails SIGNIN_FAILURES_PER_IP_PER_DAY times across accounts, for every account", async () => {
    const perIp = env().SIGNIN_FAILURES_PER_IP_PER_DAY;
    const ip = freshIp();
    const victims = await Promise.all(Array.from({ length: perIp }, (_, i) => newAccount(`spray-${i}`)));
    for (const email of victims) expect(await attempt(email, "wrong-password", ip)).toBe("wrong");
    expect(await attempt(await newAccount("spray-next"), PASSWORD, ip)).toBe("paused");
  });

  it("next-auth's authorize answers a paused sign-in with an error the sign-in form can read", async () => {
    const limit = env().SIGNIN_FAILURES_PER_ACCOUNT;
    const email = await newAccount("authorize");
    const ip = freshIp();
    const provider = authOptions.providers[0] as unknown as { options: { authorize: (credentials: unknown, request: Partial<RequestInternal>) => Promise<unknown> } };
    const authorize = (password: string) => provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": `203.0.113.9, ${ip}` } });

    expect(await authorize(PASSWORD)).toMatchObject({ email, role: "shopper" });
    for (let i = 0; i < limit; i += 1) expect(await authorize("wrong-password")).toBeNull();
    const refusal = await authorize(PASSWORD).catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(Error);
    expect(throttledSignInSeconds((refusal as Error).message)).toBeGreaterThan(0);
  });
});
