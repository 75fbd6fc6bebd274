import { Readable } from "node:stream";
import mongoose from "mongoose";
import { DomainError } from "@/lib/errors/domain-error";
import { productImageBucket } from "@/lib/domain/catalog/product-image-bucket";

export type ProductImageFile = { contentType: string; size: number; body: ReadableStream<Uint8Array> };

/** A stored product picture, ready to stream; 404 for an unknown or malformed id. */
export async function openProductImage(id: string): Promise<ProductImageFile> {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new DomainError("not_found", "There is no such picture.");
  const bucket = await productImageBucket();
  const objectId = new mongoose.Types.ObjectId(id);
  const [file] = await bucket.find({ _id: objectId }).limit(1).toArray();
  if (!file) throw new DomainError("not_found", "There is no such picture.");
  const contentType = String((file.metadata as { contentType?: unknown } | undefined)?.contentType ?? "application/octet-stream");
  return { contentType, size: file.length, body: Readable.toWeb(bucket.openDownloadStream(objectId)) as ReadableStream<Uint8Array> };
}
