"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";

export function SignOutButton({ variant = "secondary", size = "md" }: { variant?: ButtonVariant; size?: ButtonSize }) {
  const [isPending, setPending] = useState(false);
  return (
    <Button
      variant={variant}
      size={size}
      busy={isPending}
      disabled={isPending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/" });
      }}
    >
      Sign out
    </Button>
  );
}
