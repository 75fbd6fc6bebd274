/**
 * The characters of a sale's code: digits and capitals without the ones people mix up when they
 * read a reference aloud or copy it from a phone (0/O, 1/I/L, 5/S, 8/B, U/V).
 */
const SALE_CODE_ALPHABET = "234679ACDEFGHJKMNPQRTWXYZ";
const SALE_CODE_LENGTH = 4;
const TICKET_GROUP = 4;

/** FNV-1a (32 bits): a stable, dependency-free spread of the sale id over the code space. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Four characters naming the sale, so support can tell at a glance which sale a reference is from. */
export function saleCode(saleId: string): string {
  let rest = hash32(saleId);
  let code = "";
  for (let i = 0; i < SALE_CODE_LENGTH; i++) {
    code += SALE_CODE_ALPHABET[rest % SALE_CODE_ALPHABET.length];
    rest = Math.floor(rest / SALE_CODE_ALPHABET.length);
  }
  return code;
}

/**
 * A booking's human-friendly reference, e.g. `K7MQ-0042` (ticket 42), `K7MQ-0012-3456` (ticket
 * 123456): the sale's code, then the ticket zero-padded to whole groups of four digits.
 *
 * Unique within a sale by construction: the digit groups spell the ticket exactly (padding to a
 * fixed multiple never makes two numbers equal), and the sale admits each ticket once. The sale
 * code is for people, not for uniqueness: the stored index is (saleId, reference).
 */
export function bookingReference(saleId: string, ticket: number): string {
  const digits = String(Math.max(0, Math.trunc(ticket)));
  const padded = digits.padStart(Math.ceil(digits.length / TICKET_GROUP) * TICKET_GROUP, "0");
  const groups = padded.match(new RegExp(`\\d{${TICKET_GROUP}}`, "g")) ?? [];
  return [saleCode(saleId), ...groups].join("-");
}
