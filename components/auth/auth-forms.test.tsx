import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignUpForm, errorsFromRefusal } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/components/auth/callback-url";

const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }));
const signIn = vi.hoisted(() => vi.fn());
vi.mock("next/navigation", () => ({ useRouter: () => router }));
vi.mock("next-auth/react", () => ({ signIn }));

const fetchMock = vi.fn();

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  fetchMock.mockReset();
  signIn.mockReset();
  Object.values(router).forEach((fn) => fn.mockReset());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("SignInForm", () => {
  it("signs in with the credentials provider and goes back to where the visitor came from", async () => {
    signIn.mockResolvedValue({ ok: true, error: null, status: 200, url: "/" });
    render(<SignInForm callbackUrl="/sales/abc" />);
    await userEvent.type(screen.getByLabelText("Email"), "ann@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "secret-password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(signIn).toHaveBeenCalledWith("credentials", { email: "ann@example.test", password: "secret-password", redirect: false });
    expect(router.replace).toHaveBeenCalledWith("/sales/abc");
    expect(router.refresh).toHaveBeenCalled();
  });

  it("says so when the credentials are wrong, and stays on the page", async () => {
    signIn.mockResolvedValue({ ok: false, error: "CredentialsSignin", status: 401, url: null });
    render(<SignInForm callbackUrl="/" />);
    await userEvent.type(screen.getByLabelText("Email"), "ann@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("That email and password do not match an account.");
    expect(router.replace).not.toHaveBeenCalled();
  });

  it.each([
    ["SignInThrottled:840", "Too many failed attempts. For your account's safety, try again in 14 minutes."],
    ["SignInThrottled:30", "Too many failed attempts. For your account's safety, try again in 1 minute."],
    ["OAuthCallback", "We could not sign you in just now. Please try again."],
  ])("explains a refusal coded %s", async (code, message) => {
    signIn.mockResolvedValue({ ok: false, error: code, status: 401, url: null });
    render(<SignInForm callbackUrl="/" />);
    await userEvent.type(screen.getByLabelText("Email"), "ann@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "secret-password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(router.replace).not.toHaveBeenCalled();
  });

  it("marks empty fields at their labels without calling the server", async () => {
    render(<SignInForm callbackUrl="/" />);
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
    expect(screen.getByLabelText("Email")).toBeInvalid();
    expect(signIn).not.toHaveBeenCalled();
  });
});

describe("SignUpForm", () => {
  async function fillAndSubmit() {
    await userEvent.type(screen.getByLabelText("Name"), "Ann");
    await userEvent.type(screen.getByLabelText("Email"), "ann@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "long-enough");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
  }

  it("creates the account with POST /api/users, then signs in and goes on", async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ user: { id: "u1" } }), { status: 201 }));
    signIn.mockResolvedValue({ ok: true, error: null, status: 200, url: "/" });
    render(<SignUpForm callbackUrl="/bookings" />);
    await fillAndSubmit();

    expect(fetchMock).toHaveBeenCalledWith("/api/users", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Ann", email: "ann@example.test", password: "long-enough" }),
    });
    expect(signIn).toHaveBeenCalledWith("credentials", { email: "ann@example.test", password: "long-enough", redirect: false });
    expect(router.replace).toHaveBeenCalledWith("/bookings");
  });

  it("shows a taken email under the email field", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: "conflict", message: "An account with this email already exists." } }), { status: 409 }),
    );
    render(<SignUpForm callbackUrl="/" />);
    await fillAndSubmit();

    expect(await screen.findByText("An account with this email already exists.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("An account with this email already exists.");
    expect(signIn).not.toHaveBeenCalled();
  });

  it("shows a refused sign-up (too many accounts from this network) for the whole form, and does not sign in", async () => {
    const message = "Too many accounts were created from your network. Try again in 42 minutes.";
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ error: { code: "rate_limited", message } }), { status: 429, headers: { "Retry-After": "2520" } }));
    render(<SignUpForm callbackUrl="/" />);
    await fillAndSubmit();

    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByLabelText("Email")).not.toBeInvalid();
    expect(signIn).not.toHaveBeenCalled();
    expect(router.replace).not.toHaveBeenCalled();
  });

  it("shows the server's validation message under the field it names", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: "bad_request", message: "password: Use at least 8 characters." } }), { status: 400 }),
    );
    render(<SignUpForm callbackUrl="/" />);
    await fillAndSubmit();

    const password = screen.getByLabelText("Password");
    expect(await screen.findByText("Use at least 8 characters.")).toBeInTheDocument();
    expect(password).toHaveAccessibleDescription("At least 8 characters. Use at least 8 characters.");
    expect(password).toBeInvalid();
  });
});

describe("SignUpForm's own checks", () => {
  it("shows every wrong field at once, focuses the first, and does not call the server", async () => {
    render(<SignUpForm callbackUrl="/" />);
    await userEvent.type(screen.getByLabelText("Email"), "not-an-email");
    await userEvent.type(screen.getByLabelText("Password"), "short");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));

    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter your name.");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter a valid email address.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 8 characters. Use at least 8 characters.");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("moves focus to the field the server refused", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: "conflict", message: "An account with this email already exists." } }), { status: 409 }),
    );
    render(<SignUpForm callbackUrl="/" />);
    await userEvent.type(screen.getByLabelText("Name"), "Ann");
    await userEvent.type(screen.getByLabelText("Email"), "ann@example.test");
    await userEvent.type(screen.getByLabelText("Password"), "long-enough");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("An account with this email already exists.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveFocus();
  });
});

describe("errorsFromRefusal", () => {
  it("keeps messages that name no known field for the whole form", () => {
    expect(errorsFromRefusal(400, "role: not allowed")).toEqual({ form: "role: not allowed" });
    expect(errorsFromRefusal(500, "Something went wrong on our side.")).toEqual({ form: "Something went wrong on our side." });
  });
});

describe("safeCallbackUrl", () => {
  it.each([
    [undefined, "/"],
    ["/sales/abc?x=1", "/sales/abc?x=1"],
    ["//evil.example/path", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/sales/abc", "/sales/abc"],
    ["javascript:alert(1)", "/"],
    [["/bookings", "/other"], "/bookings"],
  ])("turns %j into %j", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });
});
