// GET /api/images/:id — an uploaded product picture (immutable: a new upload gets a new id)
import { apiRoute } from "@/lib/http/api-route";
import { openProductImage } from "@/lib/domain/catalog/open-product-image";

export const GET = apiRoute<{ id: string }>(async (_request, { params }) => {
  const image = await openProductImage((await params).id);
  return new Response(image.body, {
    headers: { "Content-Type": image.contentType, "Content-Length": String(image.size), "Cache-Control": "public, max-age=31536000, immutable" },
  });
});
