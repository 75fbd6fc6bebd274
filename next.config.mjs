import { readFileSync } from "node:fs";

// Shared with the server's hot routes (lib/http/hot-routes.ts), which Next does not serve.
const SECURITY_HEADERS = JSON.parse(readFileSync(new URL("./lib/http/security-headers.json", import.meta.url), "utf8"));

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-only drivers stay as Node modules instead of being bundled.
  // Product pictures: shipped demo images and uploads served from GridFS. Other hosts' URLs are
  // rendered unoptimized by components/sales/sale-image.tsx, so no remotePatterns list to keep.
  images: { localPatterns: [{ pathname: "/images/**" }, { pathname: "/api/images/**" }] },
  serverExternalPackages: ["mongoose", "ioredis", "amqplib", "bullmq", "pino", "prom-client"],
  // No other site may frame these pages (a hidden frame over "Confirm purchase" is clickjacking),
  // browsers must not second-guess content types, and URLs do not leak to other origins.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
