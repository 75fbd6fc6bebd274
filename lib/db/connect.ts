import mongoose from "mongoose";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { ensureBookingIndexes } from "@/lib/db/models/booking";
import { AuditEvent } from "@/lib/db/models/audit-event";
import { Sale } from "@/lib/db/models/sale";
import { SaleProgress } from "@/lib/db/models/sale-progress";
import { User } from "@/lib/db/models/user";

const globalForMongo = globalThis as unknown as { flashSaleMongo?: Promise<typeof mongoose> };

/**
 * Creates every model's indexes (and migrates the bookings' old unique index); idempotent. FerretDB
 * 1.x (our local MongoDB) builds indexes synchronously, so once this resolves the unique indexes
 * that back one-per-user are in place.
 */
export async function ensureIndexes(): Promise<void> {
  await Promise.all([...[User, Sale, SaleProgress, AuditEvent].map((model) => model.createIndexes()), ensureBookingIndexes()]);
}

// Once per process, at connect: the indexes are in place before the first write.
async function connectAndEnsureIndexes(): Promise<typeof mongoose> {
  mongoose.set("strictQuery", true);
  const connection = await mongoose.connect(env().MONGODB_URL, {
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: env().MONGODB_MAX_POOL_SIZE,
    autoIndex: false,
  });
  await ensureIndexes();
  logger.debug("mongodb connected, indexes ensured");
  return connection;
}

/** Connects once per process (cached across hot reloads); later calls reuse the connection. */
export function connectMongo(): Promise<typeof mongoose> {
  globalForMongo.flashSaleMongo ??= connectAndEnsureIndexes().catch((error: unknown) => {
    globalForMongo.flashSaleMongo = undefined;
    throw error;
  });
  return globalForMongo.flashSaleMongo;
}

export async function disconnectMongo(): Promise<void> {
  if (!globalForMongo.flashSaleMongo) return;
  globalForMongo.flashSaleMongo = undefined;
  await mongoose.disconnect();
}
