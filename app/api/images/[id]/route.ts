// GET /api/images/:id — an uploaded product picture (immutable: a new upload gets a new id)
import { errorResponse } from "@/lib/http/error-response";
import { openProductImage } from "@/lib/domain/catalog/open-product-image";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const image = await openProductImage((await params).id);
    return new Response(image.body, {
      headers: { "Content-Type": image.contentType, "Content-Length": String(image.size), "Cache-Control": "public, max-age=31536000, immutable" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
