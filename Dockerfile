# syntax=docker/dockerfile:1
# Brygga's production image: TypeScript compiled in a build stage, a runtime stage with
# production dependencies only, running as the unprivileged `node` user.
#
#   docker build -t brygga .
#
# The image sets NODE_ENV=production, so Brygga refuses every development default until the
# deployment supplies its own values (docs/production.md lists them; .env.example is a start).
# Operator CLIs run as `node dist/cli/<name>.js`, e.g. `node dist/cli/keys.js rotate`.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the only install scripts belong to the npm `node` package (it downloads a
# second Node 22, which this image already is) and esbuild (tsx), neither needed to compile.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc rewrites the relative `.ts` imports to `.js` (rewriteRelativeImportExtensions) but copies
# no other files: the SAML XML schemas are read next to the compiled validator.
RUN npm run build \
 && cp -R src/saml/xml/schemas dist/saml/xml/schemas

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY config/default.yaml ./config/default.yaml
COPY static ./static

USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz') \
    .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
