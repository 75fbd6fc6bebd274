"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstError } from "@/components/ui/use-focus-first-error";
import { FormAlert } from "@/components/auth/form-alert";
import { registrationSchema } from "@/lib/domain/users/registration-input";

type Field = "name" | "email" | "password";
type Errors = Partial<Record<Field | "form", string>>;

const FIELDS: readonly Field[] = ["name", "email", "password"];

/**
 * The server validates (one schema, in the domain); its 400 names the field as "email: …", which
 * is shown under that field. A taken email (409) belongs to the email field too.
 */
export function errorsFromRefusal(status: number, message: string): Errors {
  if (status === 409) return { email: message };
  const match = /^(\w+): (.*)$/.exec(message);
  const field = match?.[1] as Field | undefined;
  if (status === 400 && match && field && FIELDS.includes(field)) return { [field]: match[2] };
  return { form: message };
}

/** Every field's first problem at once, checked with the server's own schema before sending. */
export function errorsOfAccount(account: Record<Field, string>): Errors {
  const errors: Errors = {};
  for (const issue of registrationSchema.safeParse(account).error?.issues ?? []) {
    const field = issue.path[0] as Field;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Creates a shopper account, then signs straight in and goes on to `callbackUrl`. */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [isPending, setPending] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const router = useRouter();
  useFocusFirstError(formRef, refusals);

  function refuse(found: Errors) {
    setErrors(found);
    setRefusals((count) => count + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const account = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const invalid = errorsOfAccount(account);
    if (Object.keys(invalid).length > 0) return refuse(invalid);
    setPending(true);
    setErrors({});
    const refusal = await createAccount(account);
    if (refusal) {
      setPending(false);
      refuse(refusal);
      return;
    }
    const result = await signIn("credentials", { email: account.email, password: account.password, redirect: false });
    router.replace(result?.ok && !result.error ? callbackUrl : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <TextField label="Name" name="name" autoComplete="name" required error={errors.name} autoFocus />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={errors.password}
      />
      <Button type="submit" busy={isPending} disabled={isPending} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-semibold text-indigo-700 underline-offset-2 hover:underline"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}

async function createAccount(account: Record<Field, string>): Promise<Errors | null> {
  try {
    const response = await fetch("/api/users", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(account),
    });
    if (response.ok) return null;
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return errorsFromRefusal(response.status, body?.error?.message ?? "We could not create your account. Please try again.");
  } catch {
    return { form: "We could not reach the shop. Check your connection and try again." };
  }
}
