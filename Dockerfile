# syntax=docker/dockerfile:1
# Images for docker-compose.yml: `web` (server.ts: Next behind our node:http host) and `worker`
# (tsx on the sources).
#   docker build --target web -t flashsale-web .
#   docker build --target worker -t flashsale-worker .

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The worker (and the one-shot demo seed) run the TypeScript sources with tsx: full node_modules.
FROM deps AS worker
COPY . .
ENV NODE_ENV=production SERVICE_NAME=worker WORKER_METRICS_PORT=9464
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:9464/metrics').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node_modules/.bin/tsx", "worker/index.ts"]

FROM deps AS build
COPY . .
# Nothing reads the secret during the build (env() is parsed on first use at run time); the
# placeholder only keeps a stray early read from failing the build. It is not kept in any image.
RUN NEXTAUTH_SECRET=build-placeholder-never-used-at-runtime-0000 npm run build

# The web server: server.ts run by tsx, as `npm start` runs it. It serves the hot routes (intent,
# status, events, frontier) from the route files' sources itself and hands the rest to Next's
# request handler over the production build, so it needs the sources (with tsconfig.json for the
# `@/` paths), the build, next.config.mjs, the Lua scripts and node_modules: the build stage whole.
# Next's standalone output cannot serve as a custom server's base (it has no sources and only the
# traced modules). The build stage's placeholder secret was never written to any file.
FROM build AS web
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 SERVICE_NAME=web
# Next writes its fetch and image caches under .next/cache at run time.
RUN chown -R node:node .next
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node_modules/.bin/tsx", "server.ts"]
