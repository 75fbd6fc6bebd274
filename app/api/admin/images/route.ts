// POST /api/admin/images — upload a product picture (multipart field "file"); answers its URL
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { DomainError } from "@/lib/errors/domain-error";
import { apiRoute } from "@/lib/http/api-route";
import { MAX_IMAGE_BYTES, storeProductImage } from "@/lib/domain/catalog/store-product-image";

export const POST = apiRoute(async (request) => {
  const user = await requireRole(request, STAFF_ROLES);
  // Refuse an oversized body before reading it; the multipart framing adds a little.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMAGE_BYTES + 64 * 1024) {
    throw new DomainError("payload_too_large", "file: The picture must be at most 2 MB.");
  }
  const file = (await request.formData().catch(() => null))?.get("file");
  if (!(file instanceof File)) throw new DomainError("bad_request", "file: Choose a picture to upload.");
  const image = await storeProductImage(new Uint8Array(await file.arrayBuffer()), file.name, user);
  return Response.json({ image }, { status: 201 });
});
