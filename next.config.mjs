/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Server-only drivers stay as Node modules instead of being bundled.
  serverExternalPackages: ["mongoose", "ioredis", "amqplib", "bullmq", "pino", "prom-client"],
};

export default nextConfig;
