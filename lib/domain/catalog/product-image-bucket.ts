import mongoose from "mongoose";
import { connectMongo } from "@/lib/db/connect";

/** Where uploaded product pictures live: GridFS, so every web process can serve every picture. */
export async function productImageBucket(): Promise<mongoose.mongo.GridFSBucket> {
  const { connection } = await connectMongo();
  if (!connection.db) throw new Error("MongoDB is not connected");
  return new mongoose.mongo.GridFSBucket(connection.db, { bucketName: "product_images" });
}

/** The address a stored picture is served at (GET /api/images/:id). */
export function productImageUrl(id: string): string {
  return `/api/images/${id}`;
}
