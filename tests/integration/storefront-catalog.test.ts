import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as usersRoute from "@/app/api/users/route";
import * as myBookingsRoute from "@/app/api/me/bookings/route";
import { connectMongo } from "@/lib/db/connect";
import { Booking, activeKeyFor, type BookingStatus } from "@/lib/db/models/booking";
import { Sale, type SaleStatus } from "@/lib/db/models/sale";
import { User } from "@/lib/db/models/user";
import { bookingReference } from "@/lib/domain/booking/booking-reference";
import { getPublicSale } from "@/lib/domain/catalog/get-public-sale";
import { getStorefrontStatus } from "@/lib/domain/catalog/get-storefront-status";
import { listPublicSales } from "@/lib/domain/catalog/list-public-sales";
import { listUserBookings } from "@/lib/domain/catalog/list-user-bookings";
import { publishSaleState } from "@/lib/domain/inventory/publish-sale-state";
import { callRoute, sessionCookie } from "./support/harness";

const RUN = randomUUID().slice(0, 8);

async function makeSale(status: SaleStatus, overrides: { name?: string; stock?: number; publish?: boolean } = {}) {
  const now = Date.now();
  const sale = await Sale.create({
    name: overrides.name ?? `Catalog ${status} ${RUN}`,
    description: "A test item.",
    price: 25,
    currency: "EUR",
    stock: overrides.stock ?? 4,
    startsAt: new Date(now + (status === "scheduled" ? 3_600_000 : -3_600_000)),
    endsAt: new Date(now + (status === "ended" ? -60_000 : 7_200_000)),
    holdSeconds: 300,
    waitlistMax: 10,
    status,
    createdBy: "marketer-secret-id",
  });
  if (overrides.publish) await publishSaleState(sale);
  return String(sale._id);
}

const postUser = (body: unknown, rawBody?: string) =>
  callRoute(usersRoute.POST as never, "/api/users", {}, { method: "POST", body, rawBody });

beforeAll(async () => {
  await connectMongo();
});

describe("POST /api/users (sign-up)", () => {
  it("creates a shopper account and answers 201 without the password hash", async () => {
    const email = `Sign.Up-${RUN}@Example.test`;
    const answer = await postUser({ email, name: "Ann", password: "long-enough-secret" });
    expect(answer.status).toBe(201);
    expect(answer.body.user).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: "Ann" });
    const stored = await User.findById(answer.body.user.id).lean();
    expect(stored?.role).toBe("shopper");
    expect(stored?.passwordHash).not.toContain("long-enough-secret");
  });

  it("answers 409 for a taken email, whatever its case", async () => {
    const email = `taken-${RUN}@example.test`;
    expect((await postUser({ email, name: "Ann", password: "long-enough-secret" })).status).toBe(201);
    const again = await postUser({ email: email.toUpperCase(), name: "Bob", password: "another-secret" });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: "conflict", message: "An account with this email already exists." });
  });

  it.each([
    [{ email: "not-an-email", name: "Ann", password: "long-enough-secret" }, "email: Enter a valid email address."],
    [{ email: `short-${RUN}@example.test`, name: "Ann", password: "short" }, "password: Use at least 8 characters."],
    [{ email: `noname-${RUN}@example.test`, name: "  ", password: "long-enough-secret" }, "name: Enter your name."],
  ])("answers 400 naming the field, and creates nothing: %j", async (body, message) => {
    const answer = await postUser(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: "bad_request", message });
    expect(await User.countDocuments({ email: body.email.toLowerCase() })).toBe(0);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const answer = await postUser(undefined, "{not json");
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("bad_request");
  });
});

describe("public sale lookup", () => {
  it("returns a published sale without marketer-only fields", async () => {
    const id = await makeSale("live", { publish: true });
    const sale = await getPublicSale(id);
    expect(sale).toMatchObject({ id, status: "live", price: 25, currency: "EUR", stock: 4 });
    expect(sale).not.toHaveProperty("createdBy");
  });

  it.each([
    ["a draft", async () => makeSale("draft")],
    ["an unknown id", async () => "0123456789abcdef01234567"],
    ["a malformed id", async () => "not-an-id"],
  ])("is a 404 for %s", async (_what, id) => {
    await expect(getPublicSale(await id())).rejects.toMatchObject({ code: "not_found", status: 404 });
  });
});

describe("home page shelves", () => {
  it("puts live and paused sales on the live shelf, scheduled ones under upcoming, ended and sold out under ended, and no drafts", async () => {
    const ids = {
      live: await makeSale("live", { publish: true, stock: 7 }),
      paused: await makeSale("paused", { publish: true }),
      scheduled: await makeSale("scheduled"),
      ended: await makeSale("ended"),
      soldOut: await makeSale("sold_out"),
      draft: await makeSale("draft"),
    };
    const { live, upcoming, ended } = await listPublicSales();
    const shelfOf = (id: string) =>
      live.some((s) => s.id === id) ? "live" : upcoming.some((s) => s.id === id) ? "upcoming" : ended.some((s) => s.id === id) ? "ended" : "none";

    expect(shelfOf(ids.live)).toBe("live");
    expect(shelfOf(ids.paused)).toBe("live");
    expect(shelfOf(ids.scheduled)).toBe("upcoming");
    expect(shelfOf(ids.ended)).toBe("ended");
    expect(shelfOf(ids.soldOut)).toBe("ended");
    expect(shelfOf(ids.draft)).toBe("none");
    expect(live.find((s) => s.id === ids.live)?.stockLeft).toBe(7);
  });
});

describe("the waiting room's first paint", () => {
  it("shows a visitor a sale that is not in Redis yet with its whole stock", async () => {
    const id = await makeSale("scheduled", { stock: 9 });
    const view = await getStorefrontStatus(await getPublicSale(id), null);
    expect(view).toMatchObject({ saleId: id, saleStatus: "scheduled", stockLeft: 9, state: "none" });
  });

  it("shows a signed-in user with no attempt the live counters", async () => {
    const id = await makeSale("live", { publish: true, stock: 3 });
    const view = await getStorefrontStatus(await getPublicSale(id), `user-${RUN}`);
    expect(view).toMatchObject({ saleId: id, saleStatus: "live", stockLeft: 3, state: "none" });
    expect(Date.parse(view.serverTime)).not.toBeNaN();
  });
});

describe("My bookings", () => {
  const userId = `catalog-user-${RUN}`;

  async function book(saleId: string, status: BookingStatus, ticket: number, minutesAgo: number) {
    const _id = randomUUID();
    const at = new Date(Date.now() - minutesAgo * 60_000);
    await Booking.create({
      _id,
      saleId,
      userId,
      ticket,
      reference: bookingReference(saleId, ticket),
      status,
      activeKey: activeKeyFor({ saleId, userId, _id, status }),
      admittedAt: at,
      confirmedAt: status === "booked" ? at : null,
      expiredAt: status === "expired" ? at : null,
      createdAt: at,
    });
    return _id;
  }

  it("lists the user's bookings newest first with their sales' names, and only theirs", async () => {
    const older = await makeSale("ended", { name: `Older drop ${RUN}` });
    const newer = await makeSale("live", { name: `Newer drop ${RUN}` });
    const expired = await book(older, "expired", 3, 30);
    const booked = await book(newer, "booked", 1, 5);
    await Booking.create({
      _id: randomUUID(),
      saleId: newer,
      userId: "someone-else",
      ticket: 2,
      reference: bookingReference(newer, 2),
      status: "hold",
      activeKey: `${newer}:someone-else`,
      admittedAt: new Date(),
    });

    const rows = await listUserBookings(userId);
    expect(rows.map((row) => [row.id, row.saleName, row.status])).toEqual([
      [booked, `Newer drop ${RUN}`, "booked"],
      [expired, `Older drop ${RUN}`, "expired"],
    ]);
    expect(rows[0]).toMatchObject({ price: 25, currency: "EUR", ticket: 1, confirmedAt: expect.any(String) });
  });

  it("serves them at GET /api/me/bookings to the signed-in user, and 401 to anyone else", async () => {
    const signedIn = await callRoute(myBookingsRoute.GET as never, "/api/me/bookings", {}, { cookie: await sessionCookie(userId) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.bookings.every((row: { id: string }) => typeof row.id === "string")).toBe(true);
    expect(signedIn.body.bookings.length).toBeGreaterThanOrEqual(2);

    const anonymous = await callRoute(myBookingsRoute.GET as never, "/api/me/bookings", {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthenticated");
  });
});
