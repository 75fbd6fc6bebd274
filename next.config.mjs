/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Server-only drivers stay as Node modules instead of being bundled.
  // Lua scripts are read at run time; ship them with the standalone output.
  outputFileTracingIncludes: { "/**": ["./lib/redis/scripts/*.lua"] },
  serverExternalPackages: ["mongoose", "ioredis", "amqplib", "bullmq", "pino", "prom-client"],
};

export default nextConfig;
