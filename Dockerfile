# syntax=docker/dockerfile:1
# Crest: one image for every role (`crest start | serve | worker | migrate | backup | restore …`).
# Build: docker build -t crest .    Run: see docs/deployment.md.
# The server has no build step (the TypeScript sources run through tsx, a runtime dependency); the
# admin app (admin/, Vite) is built in its own stage and only its output is copied.

ARG NODE_IMAGE=node:20-bookworm-slim

# ── 1. production dependencies only ────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
# `npm ci --omit=dev` installs exactly the lock's runtime packages (tsx included). Some npm versions
# reject a lock written without a dev tool's optional per-platform packages (see .ci/run); then a
# plain install of the same lock, still without dev dependencies.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev || npm install --omit=dev --no-save

# ── 2. the admin app, built with the dev dependencies (Vite, Preact) ─────────────────────────────
FROM ${NODE_IMAGE} AS admin
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci || npm install --no-save
COPY admin ./admin
COPY scripts/build-admin.js ./scripts/build-admin.js
RUN node scripts/build-admin.js --force

# ── 3. the runtime image ───────────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS runtime
# tini: a real PID 1 that forwards SIGTERM (Crest drains on it) and reaps children.
# postgresql-client: pg_dump and pg_restore for `crest backup` / `crest restore` (Debian 12: 15).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini postgresql-client ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKER_PORT=3001 \
    DATA_DIR=/data \
    LOG_LEVEL=info
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json package-lock.json tsconfig.json ./
COPY --chown=root:root bin ./bin
COPY --chown=root:root migrations ./migrations
COPY --chown=root:root src ./src
COPY --from=admin --chown=root:root /app/admin/dist ./admin/dist
# the code is read-only to the process; only /data (the embedded database, mail files) is writable
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# the unprivileged user the node image ships (uid 1000)
USER node
EXPOSE 3000 3001
# Docker's own health check: ready to serve (database reachable, not draining). For `crest worker`
# set CREST_HEALTH_URL=http://127.0.0.1:3001/readyz; Kubernetes uses its own probes instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.CREST_HEALTH_URL || `http://127.0.0.1:${process.env.PORT || 3000}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/crest.js"]
CMD ["start"]
