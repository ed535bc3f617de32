# syntax=docker/dockerfile:1
# Build stage: installs everything and builds the SvelteKit client to static files.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY common/package.json common/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci
COPY common common
COPY server server
COPY client client
RUN npm run build

# Runtime stage: production dependencies, the server's TypeScript (Node 24 strips types natively)
# and the built client. No compiler, no dev tools.
FROM node:24-bookworm-slim AS runtime
ENV GPTLAB_ENV=production NODE_ENV=production PORT=3000 HOST=0.0.0.0
# Two malloc arenas instead of one per thread that allocates (V8's GC helpers, libuv's pool): less
# memory held in half-empty arenas at the same CPU (README, Performance).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY common/package.json common/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --omit=dev --ignore-scripts=false && npm cache clean --force
COPY common/src common/src
COPY server/src server/src
COPY --from=build /app/client/build client/build
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# The node flags of `npm start` (package.json): a young generation of at most 2 × 16 MB instead of
# V8's 2 × 32 MB, which a streaming server fills (README, Performance).
CMD ["node", "--max-semi-space-size=16", "server/src/main.ts"]
