import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SaleForm } from "@/components/admin/sale-form";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";

const router = vi.hoisted(() => ({ push: vi.fn(), refresh: vi.fn(), back: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const fetchMock = vi.fn();

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  fetchMock.mockReset();
  Object.values(router).forEach((fn) => fn.mockReset());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const draft: AdminSale = {
  id: "665f1c2e8b3e4a0012345678",
  name: "Trail shoes",
  description: "Light and grippy.",
  image: "",
  price: 89,
  currency: "EUR",
  stock: 100,
  startsAt: "2030-06-01T10:00:00.000Z",
  endsAt: "2030-06-01T12:00:00.000Z",
  holdSeconds: 300,
  waitlistMax: 1000,
  status: "draft",
  createdBy: "marketer@example.test",
  updatedAt: null,
};

describe("SaleForm", () => {
  it("ties each error to its field and sends nothing while the form is wrong", async () => {
    render(<SaleForm />);
    await userEvent.type(screen.getByLabelText("Price"), "-3");
    await userEvent.selectOptions(screen.getByLabelText("Currency"), "USD");
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));

    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter a name.");
    expect(screen.getByLabelText("Name")).toBeInvalid();
    expect(screen.getByLabelText("Price")).toHaveAccessibleDescription("The price cannot be negative.");
    expect(screen.getByLabelText("Currency")).not.toBeInvalid();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("flags an end before the start together with the other errors, and focuses the first", async () => {
    render(<SaleForm />);
    const end = screen.getByLabelText("End");
    await userEvent.clear(end);
    await userEvent.type(end, "2020-01-01T10:00");
    await userEvent.clear(screen.getByLabelText("Stock"));
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));

    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Enter a name.");
    expect(screen.getByLabelText("Stock")).toHaveAccessibleDescription("Items for sale. Enter the stock.");
    expect(screen.getByLabelText("End")).toHaveAccessibleDescription("Your local time. The end must be after the start.");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("creates a draft from a valid form and opens it", async () => {
    fetchMock.mockResolvedValue(json(201, { sale: { ...draft, id: "665f1c2e8b3e4a0012345679" } }));
    render(<SaleForm />);
    await userEvent.type(screen.getByLabelText("Name"), "Trail shoes");
    await userEvent.type(screen.getByLabelText("Description"), "Light and grippy.");
    await userEvent.type(screen.getByLabelText("Price"), "89");
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [path, init] = fetchMock.mock.calls[0]!;
    expect(path).toBe("/api/admin/sales");
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body)).toMatchObject({ name: "Trail shoes", description: "Light and grippy.", price: 89, currency: "EUR", stock: 100 });
    expect(router.push).toHaveBeenCalledWith("/admin/sales/665f1c2e8b3e4a0012345679");
  });

  it("sends only the fields that changed, and says so when none did", async () => {
    render(<SaleForm sale={draft} />);
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Nothing has changed.");
    expect(fetchMock).not.toHaveBeenCalled();

    fetchMock.mockResolvedValue(json(200, { sale: { ...draft, stock: 250 } }));
    const stock = screen.getByLabelText("Stock");
    await userEvent.clear(stock);
    await userEvent.type(stock, "250");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    const [path, init] = fetchMock.mock.calls[0]!;
    expect(path).toBe(`/api/admin/sales/${draft.id}`);
    expect(init.method).toBe("PATCH");
    expect(JSON.parse(init.body)).toEqual({ stock: 250 });
  });

  it("puts a server refusal about one field on that field", async () => {
    fetchMock.mockResolvedValue(json(409, { error: { code: "conflict", message: "stock: The stock cannot go below the 40 already sold or held." } }));
    render(<SaleForm sale={draft} />);
    const stock = screen.getByLabelText("Stock");
    await userEvent.clear(stock);
    await userEvent.type(stock, "10");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
    expect(screen.getByLabelText("Stock")).toHaveAccessibleDescription(expect.stringContaining("The stock cannot go below the 40 already sold or held."));
    expect(router.push).not.toHaveBeenCalled();
  });
});
