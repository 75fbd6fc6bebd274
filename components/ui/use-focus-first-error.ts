import { useEffect, type RefObject } from "react";

/**
 * After each refused submit (`attempt` goes up), moves focus to the form's first invalid control,
 * so keyboard and screen-reader users land on what to fix instead of the page body.
 */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, attempt]);
}
