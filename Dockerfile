# syntax=docker/dockerfile:1.7
# NeuralOps: one image, SQLite by default (DATA_DIR volume), PostgreSQL with DATABASE_URL.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles a native addon when no prebuilt binary matches
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# the client workspace builds itself on install (prepare), so its sources come before npm ci;
# the console workspace's manifest too, for the lock file to match
COPY packages/client ./packages/client
COPY web/package.json ./web/package.json
RUN npm ci --no-audit --no-fund
COPY web ./web
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY proto ./proto
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
RUN groupadd --system neuralops && useradd --system --gid neuralops --home /app neuralops \
    && mkdir -p /data && chown neuralops:neuralops /data
COPY --from=build --chown=neuralops:neuralops /app/node_modules ./node_modules
COPY --from=build --chown=neuralops:neuralops /app/dist ./dist
# the OTLP .proto files the traces endpoint decodes with, read at start
COPY --from=build --chown=neuralops:neuralops /app/proto ./proto
# node_modules/@neuralops/client links here: the deprecated neuralops/client re-exports it
COPY --from=build --chown=neuralops:neuralops /app/packages/client/package.json ./packages/client/
COPY --from=build --chown=neuralops:neuralops /app/packages/client/dist ./packages/client/dist
# the web console's built assets, served under /ui/
COPY --from=build --chown=neuralops:neuralops /app/web/dist ./web/dist
COPY --chown=neuralops:neuralops package.json ./
USER neuralops
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "require('http').get({host:'127.0.0.1',port:process.env.PORT||8080,path:'/health',timeout:2500},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
