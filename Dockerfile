# Verbatim as a container: compiled JavaScript, production dependencies only, not root.
#   docker build -t verbatim .
#   docker run --env-file .env -v verbatim-cache:/app/.cache verbatim
# Mount your own articles with -v /path/to/articles:/app/corpus -e CORPUS_DIR=/app/corpus.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
RUN node scripts/build.mjs

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    METRICS_PORT=9464 \
    METRICS_HOST=0.0.0.0 \
    VERBATIM_CACHE_DIR=/app/.cache/index
WORKDIR /app
COPY package.json package-lock.json ./
# No lifecycle scripts: the compiled code comes from the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY seeds ./seeds
RUN mkdir -p /app/.cache/index && chown -R node:node /app/.cache
USER node
EXPOSE 9464
# 200 while every shard has a live gateway session; 503 otherwise (and after a fatal failure).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
