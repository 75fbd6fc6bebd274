import { z } from "zod";

// A NUL byte, or half of a surrogate pair (with the u flag a whole pair is one code point, never matched).
const ILL_FORMED = /[\u0000\p{Cs}]/u;

export const TEXT_REFUSAL = "must not contain NUL bytes or invalid Unicode";

/** Whether a string can be stored: MongoDB's FerretDB backend (PostgreSQL) rejects NUL, and a lone surrogate has no UTF-8 form. */
export const isWellFormedText = (value: string) => !ILL_FORMED.test(value);

/**
 * A string field from outside (JSON body, query string): every schema's strings go through this,
 * so text that cannot be stored is a 400 where it comes in, not a 500 at the database. No server
 * imports: the browser's forms validate with the same schemas.
 */
export function textInput(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isWellFormedText, TEXT_REFUSAL);
}
