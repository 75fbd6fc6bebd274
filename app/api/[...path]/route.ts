// Any /api path no route file serves — a JSON 404, whatever the method, instead of Next's HTML page
import { jsonError } from "@/lib/http/error-response";

const notFound = async () => jsonError("not_found", "There is no such API endpoint.", 404);

export { notFound as GET, notFound as OPTIONS, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH };
