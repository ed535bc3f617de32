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
CMD ["node", "server/src/main.ts"]
