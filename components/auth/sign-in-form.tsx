"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormAlert } from "@/components/auth/form-alert";
import { throttledSignInSeconds } from "@/lib/auth/sign-in-refusal";

/** Email and password sign-in; on success the browser goes to `callbackUrl` (a path on this site). */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [isPending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setError(null);
    setMissing({
      email: email ? undefined : "Enter your email address.",
      password: password ? undefined : "Enter your password.",
    });
    if (!email || !password) return;
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (result?.ok && !result.error) {
      // refresh() re-renders the layout too, so the header shows the new session.
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    setError(signInErrorMessage(result?.error));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={error ? "signin-error" : undefined}>
      {error && <FormAlert id="signin-error">{error}</FormAlert>}
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus error={missing.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={missing.password}
      />
      <Button type="submit" busy={isPending} disabled={isPending} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm text-slate-600">
        New here?{" "}
        <Link
          href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-semibold text-indigo-700 underline-offset-2 hover:underline"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}

function signInErrorMessage(error: string | null | undefined): string {
  if (error === "CredentialsSignin") return "That email and password do not match an account.";
  const waitSeconds = throttledSignInSeconds(error);
  if (waitSeconds !== null) {
    const minutes = Math.ceil(waitSeconds / 60);
    return `Too many failed attempts. For your account's safety, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  return "We could not sign you in just now. Please try again.";
}
