import { DomainError } from "@/lib/errors/domain-error";
import type { Actor } from "@/lib/domain/admin/actor";
import { detectImageType } from "@/lib/domain/catalog/image-type";
import { productImageBucket, productImageUrl } from "@/lib/domain/catalog/product-image-bucket";

/** Large enough for a sharp product photo, small enough to keep MongoDB and pages light. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type StoredImage = { id: string; url: string; contentType: string; size: number };

/** Checks an uploaded picture (PNG, JPEG, WebP or GIF by its bytes; at most 2 MB) and stores it. */
export async function storeProductImage(bytes: Uint8Array, filename: string, actor: Actor): Promise<StoredImage> {
  if (bytes.length === 0) throw new DomainError("bad_request", "file: Choose a picture to upload.");
  if (bytes.length > MAX_IMAGE_BYTES) throw new DomainError("payload_too_large", "file: The picture must be at most 2 MB.");
  const contentType = detectImageType(bytes);
  if (!contentType) throw new DomainError("unsupported_media_type", "file: The picture must be a PNG, JPEG, WebP or GIF file.");

  const bucket = await productImageBucket();
  const upload = bucket.openUploadStream(filename.replace(/[^\w.-]/g, "_").slice(0, 100) || "image", {
    metadata: { contentType, uploadedBy: actor.email },
  });
  await new Promise<void>((resolve, reject) => {
    upload.once("finish", () => resolve());
    upload.once("error", reject);
    upload.end(Buffer.from(bytes));
  });
  const id = String(upload.id);
  return { id, url: productImageUrl(id), contentType, size: bytes.length };
}
