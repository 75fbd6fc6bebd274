/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image runs Next's standalone server (the Dockerfile sets NEXT_OUTPUT); `npm start`
  // and the e2e stack run `next start`, which standalone output does not support.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  // Server-only drivers stay as Node modules instead of being bundled.
  // Lua scripts are read at run time; ship them with the standalone output.
  outputFileTracingIncludes: { "/**": ["./lib/redis/scripts/*.lua"] },
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
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
