"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/text-field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import { useIsClient } from "@/components/ui/use-now";
import { SaleImage } from "@/components/sales/sale-image";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import { ImageUpload } from "@/components/admin/image-upload";
import { fromLocalInput, toLocalInput } from "@/components/admin/local-datetime";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { createSaleSchema, CURRENCIES, SALE_LIMITS, type SaleFormPayload } from "@/lib/domain/sales/sale-input";

type FieldName = keyof SaleFormPayload;
type Fields = Record<FieldName, string>;
type Errors = Partial<Record<FieldName, string>>;

const FIELD_NAMES: readonly FieldName[] = ["name", "description", "image", "price", "currency", "stock", "startsAt", "endsAt", "holdSeconds", "waitlistMax"];

function initialFields(sale?: AdminSale): Fields {
  if (!sale) {
    const start = new Date(Date.now() + 60 * 60_000);
    start.setMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 2 * 60 * 60_000);
    return {
      name: "",
      description: "",
      image: "",
      price: "",
      currency: "EUR",
      stock: "100",
      startsAt: toLocalInput(start.toISOString()),
      endsAt: toLocalInput(end.toISOString()),
      holdSeconds: "300",
      waitlistMax: "1000",
    };
  }
  return {
    name: sale.name,
    description: sale.description,
    image: sale.image,
    price: String(sale.price),
    currency: sale.currency,
    stock: String(sale.stock),
    startsAt: toLocalInput(sale.startsAt),
    endsAt: toLocalInput(sale.endsAt),
    holdSeconds: String(sale.holdSeconds),
    waitlistMax: String(sale.waitlistMax),
  };
}

/** Addresses the preview can show while the marketer types (next/image refuses other local paths). */
const PREVIEWABLE = /^(https?:\/\/.+|\/api\/images\/[0-9a-f]{24}|\/images\/.+\.(png|jpe?g|webp|gif))$/;

const toNumber = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

/** The JSON the API takes; the very schema the server uses says what is wrong with it. */
function toPayload(fields: Fields): SaleFormPayload {
  return {
    name: fields.name,
    description: fields.description,
    image: fields.image.trim(),
    price: toNumber(fields.price),
    currency: fields.currency as SaleFormPayload["currency"],
    stock: toNumber(fields.stock),
    startsAt: fromLocalInput(fields.startsAt),
    endsAt: fromLocalInput(fields.endsAt),
    holdSeconds: toNumber(fields.holdSeconds),
    waitlistMax: toNumber(fields.waitlistMax),
  };
}

/** "stock: The stock must be…" from the server becomes an error on the stock field. */
function fieldOfServerMessage(message: string): { field: FieldName; message: string } | null {
  const match = /^(\w+): (.*)$/.exec(message);
  const field = match?.[1] as FieldName | undefined;
  return field && FIELD_NAMES.includes(field) ? { field, message: match![2]! } : null;
}

type SaleFormProps = { sale?: AdminSale };

/** Create a sale (no `sale`) or edit one. Rendered in the browser only: its times are local. */
export function SaleForm(props: SaleFormProps) {
  const isClient = useIsClient();
  if (!isClient) return <p className="text-slate-600">Loading the form…</p>;
  return <SaleFormFields {...props} />;
}

function SaleFormFields({ sale }: SaleFormProps) {
  const router = useRouter();
  const formId = useId();
  const [initial] = useState(() => initialFields(sale));
  const [fields, setFields] = useState<Fields>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, refusals);
  const started = sale?.status === "live" || sale?.status === "paused" || sale?.status === "sold_out";

  const set = (name: FieldName) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const payload = toPayload(fields);
    const checked = createSaleSchema.safeParse(payload);
    const found: Errors = {};
    for (const issue of checked.error?.issues ?? []) {
      const field = issue.path[0] as FieldName | undefined;
      if (field && !found[field]) found[field] = issue.message;
    }
    setErrors(found);
    if (!checked.success) {
      setFormError("Please correct the highlighted fields.");
      setRefusals((count) => count + 1);
      return;
    }

    const changed = FIELD_NAMES.filter((name) => fields[name] !== initial[name]);
    if (sale && changed.length === 0) {
      setFormError("Nothing has changed.");
      return;
    }
    setBusy(true);
    try {
      if (sale) {
        const patch = Object.fromEntries(changed.map((name) => [name, payload[name]]));
        await adminFetch(`/api/admin/sales/${sale.id}`, "PATCH", patch);
        router.push(`/admin/sales/${sale.id}`);
      } else {
        const { sale: created } = await adminFetch<{ sale: AdminSale }>("/api/admin/sales", "POST", payload);
        router.push(`/admin/sales/${created.id}`);
      }
      router.refresh();
    } catch (error) {
      const message = error instanceof AdminApiError ? error.message : "Something went wrong. Please try again.";
      const onField = fieldOfServerMessage(message);
      if (onField) setErrors((current) => ({ ...current, [onField.field]: onField.message }));
      setFormError(onField ? "Please correct the highlighted fields." : message);
      setRefusals((count) => count + 1);
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} id={formId} noValidate onSubmit={submit} className="space-y-6" aria-describedby={formError ? `${formId}-error` : undefined}>
      {formError && (
        <p id={`${formId}-error`} role="alert" className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm font-medium text-rose-800">
          {formError}
        </p>
      )}

      <fieldset className="space-y-4">
        <legend className="text-base font-bold text-slate-900">Product</legend>
        <TextField label="Name" name="name" value={fields.name} onChange={set("name")} error={errors.name} maxLength={SALE_LIMITS.nameMax} required />
        <TextAreaField
          label="Description"
          name="description"
          rows={3}
          maxLength={SALE_LIMITS.descriptionMax}
          value={fields.description}
          onChange={set("description")}
          error={errors.description}
        />
        <TextField
          label="Image URL"
          name="image"
          inputMode="url"
          placeholder="https://…"
          value={fields.image}
          onChange={set("image")}
          error={errors.image}
          hint="Optional. An http(s) address of the product photo, or upload one below."
        />
        <ImageUpload onUploaded={(url) => setFields((current) => ({ ...current, image: url }))} />
        {PREVIEWABLE.test(fields.image) && (
          <div className="max-w-xs" data-testid="image-preview">
            <SaleImage id={sale?.id ?? "new"} name={fields.name || "Product"} image={fields.image} />
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Price" name="price" type="number" inputMode="decimal" min={0} step="0.01" value={fields.price} onChange={set("price")} error={errors.price} required />
          <SelectField label="Currency" name="currency" value={fields.currency} onChange={set("currency")} options={CURRENCIES} error={errors.currency} />
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-base font-bold text-slate-900">Sale</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Stock"
            name="stock"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={fields.stock}
            onChange={set("stock")}
            error={errors.stock}
            hint={started ? "Never below the items already held or booked." : "Items for sale."}
            required
          />
          <TextField
            label="Waitlist bound"
            name="waitlistMax"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={fields.waitlistMax}
            onChange={set("waitlistMax")}
            error={errors.waitlistMax}
            hint="How many may wait for a freed hold once stock is out."
            required
          />
          <TextField
            label="Start"
            name="startsAt"
            type="datetime-local"
            value={fields.startsAt}
            onChange={set("startsAt")}
            error={errors.startsAt}
            disabled={started}
            hint={started ? "The sale has started." : "Your local time."}
            required
          />
          <TextField label="End" name="endsAt" type="datetime-local" value={fields.endsAt} onChange={set("endsAt")} error={errors.endsAt} hint="Your local time." required />
          <TextField
            label="Hold length (seconds)"
            name="holdSeconds"
            type="number"
            inputMode="numeric"
            min={SALE_LIMITS.holdSecondsMin}
            max={SALE_LIMITS.holdSecondsMax}
            step={1}
            value={fields.holdSeconds}
            onChange={set("holdSeconds")}
            error={errors.holdSeconds}
            hint="How long a shopper has to confirm."
            required
          />
        </div>
      </fieldset>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy} disabled={busy}>
          {sale ? "Save changes" : "Create draft"}
        </Button>
        <Button variant="secondary" onClick={() => router.back()} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
