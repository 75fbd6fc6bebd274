/** Conversions between ISO instants and the browser's `datetime-local` inputs (local time, minutes). */

const pad = (value: number) => String(value).padStart(2, "0");

export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a `datetime-local` value means here, as ISO; "" stays "" (the schema says what is missing). */
export function fromLocalInput(value: string): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
