import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { AuthCard } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const session = await getServerSession(authOptions);
  if (!session) redirect("/");
  return (
    <AuthCard title="Sign out" intro={`You are signed in as ${session.user.email ?? session.user.name ?? "a shopper"}.`}>
      <p className="text-slate-700">Places you hold in a queue are kept; sign back in to see them.</p>
      <div className="mt-6 flex gap-3">
        <SignOutButton variant="primary" />
        <Link href="/" className={buttonClass("secondary")}>
          Stay signed in
        </Link>
      </div>
    </AuthCard>
  );
}
