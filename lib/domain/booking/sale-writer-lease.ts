import { DomainError } from "@/lib/errors/domain-error";
import { saleKeys } from "@/lib/redis/keys";
import { acquireLock, releaseLock, type LockToken } from "@/lib/redis/lock";

/** The sale's writer lease outlives a stalled holder by this much; a drainer renews it each round. */
export const WRITER_LEASE_MS = 10_000;
const LEASE_POLL_MS = 50;

/**
 * Waits for the sale's writer lease (`sale:{id}:writer`): whoever holds it is the one process
 * writing the sale's documents in MongoDB. A holder keeps it for one drain round or one write, so
 * twice the lease is long enough; null when it stayed taken.
 */
export async function waitForWriterLease(saleId: string): Promise<LockToken | null> {
  const key = saleKeys(saleId).writer;
  const deadline = Date.now() + 2 * WRITER_LEASE_MS;
  while (Date.now() < deadline) {
    const token = await acquireLock(key, WRITER_LEASE_MS);
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
  return null;
}

/**
 * Runs one write of the sale's documents as their one writer. On FerretDB 1.x an update rewrites
 * the whole document, so two processes writing one document at once can undo each other's change;
 * the lease makes them take turns. 503 when the lease stayed taken.
 */
export async function withSaleWriterLease<T>(saleId: string, write: () => Promise<T>): Promise<T> {
  const token = await waitForWriterLease(saleId);
  if (!token) throw new DomainError("unavailable", "The sale is busy; try again in a moment.", { retryAfterSeconds: 5 });
  try {
    return await write();
  } finally {
    await releaseLock(saleKeys(saleId).writer, token);
  }
}
