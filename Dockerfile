# Lieudit, production image. Built with `docker compose build` (see compose.yaml and the README).
# Stage 1 installs the dependencies (better-sqlite3 may need a compiler when no prebuilt binary
# fits); stage 2 keeps only what runs.
FROM node:24-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# The sources are copied before `npm ci`, so that an install-time build step (prepare) finds them.
COPY bin ./bin
COPY src ./src
COPY scripts ./scripts
COPY tsconfig.json ./
RUN npm ci --no-audit --no-fund
# `npm ci` installed the development tools too (test runner, linters, browser driver: some
# 200 MB of node_modules); the server needs none of them (tsx and esbuild, which it may use,
# are dependencies). dist/, built by "prepare" above, stays.
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:24-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The SQLite file (when DATABASE_URL is sqlite:) and backups live in a volume.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What `npm start` runs, without the demonstration (refused in production anyway); migrations run
# at start (on PostgreSQL under Kysely's migration lock, so two instances may start together).
CMD ["node", "bin/lieudit.js", "serve"]
