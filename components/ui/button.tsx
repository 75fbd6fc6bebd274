import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "inverse";
export type ButtonSize = "md" | "sm";

const BASE =
  "inline-flex items-center justify-center gap-2 rounded-xl font-semibold transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed";

const SIZES: Record<ButtonSize, string> = {
  md: "px-5 py-3 text-base",
  sm: "px-3 py-1.5 text-sm",
};

const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    "bg-indigo-600 text-white shadow-sm hover:bg-indigo-700 focus-visible:outline-indigo-600 " +
    "disabled:bg-slate-200 disabled:text-slate-500 disabled:shadow-none",
  secondary:
    "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 focus-visible:outline-indigo-600 " +
    "disabled:text-slate-400",
  /** An action that shuts someone out or cannot be undone, inside a confirmation. */
  danger:
    "bg-rose-600 text-white shadow-sm hover:bg-rose-700 focus-visible:outline-rose-600 " +
    "disabled:bg-slate-200 disabled:text-slate-500 disabled:shadow-none",
  /** On the dark header. */
  inverse: "border border-slate-500 text-white hover:bg-white/10 focus-visible:outline-white disabled:text-slate-400",
};

/** The class of a button, also for links that look like one. */
export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = ""): string {
  return `${BASE} ${SIZES[size]} ${VARIANTS[variant]} ${extra}`;
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize; busy?: boolean };

export function Button({ variant = "primary", size = "md", busy = false, className = "", type = "button", children, ...rest }: ButtonProps) {
  return (
    <button type={type} aria-busy={busy || undefined} className={buttonClass(variant, size, className)} {...rest}>
      {busy && (
        <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />
      )}
      {children}
    </button>
  );
}
