import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

type FieldProps = {
  label: string;
  error?: string | null;
  hint?: string;
  className?: string;
};

/** What a control needs to be tied to its label, hint and error. */
type ControlWiring = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined; className: string };

/** A labelled control with its hint and its error tied to it for screen readers. */
function Field({ label, error, hint, className = "", children }: FieldProps & { children: (wiring: ControlWiring) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        className: `mt-1.5 block w-full rounded-xl border bg-white px-3.5 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600 ${
          error ? "border-rose-500" : "border-slate-300"
        }`,
      })}
      {hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm font-medium text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, error, hint, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(wiring) => <input {...wiring} {...input} />}
    </Field>
  );
}

export function TextAreaField({ label, error, hint, className, ...textarea }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string }) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(wiring) => <textarea {...wiring} {...textarea} />}
    </Field>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { name: string; options: readonly string[] }) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(wiring) => (
        <select {...wiring} {...select}>
          {options.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      )}
    </Field>
  );
}
