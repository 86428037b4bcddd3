# One image for the four CrimeScope executables (ingest, heatmap, predict, gateway) and the
# bundled demo data; compose.yaml picks the executable per service.
#   With a registry:  docker build -t crimescope:local .      (the official images below)
#   Without one:      scripts/compose.sh build  (BUILDER_IMAGE/RUNTIME_IMAGE = local stand-ins
#                     built from Debian packages and this machine's Swift toolchain)
# No `# syntax=` line: BuildKit would fetch that frontend from a registry.
# Package.swift (and Hummingbird 2.28) need Swift tools 6.2 or newer.
ARG BUILDER_IMAGE=swift:6.2-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# --- build: Swift + the C libraries the package links ------------------------------------------
FROM ${BUILDER_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libprotobuf-c-dev libpq-dev libxgboost-dev zlib1g-dev pkgconf \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Package.resolved is optional: the glob copies it when present. Every target folder that
# Package.swift names must exist, tests and bench included.
COPY Package.* ./
COPY Protos ./Protos
COPY Sources ./Sources
COPY Tests ./Tests
COPY bench ./bench
# The Swift runtime is linked statically, so the runtime image needs no Swift libraries;
# the resource bundles (SQL migrations, web files) must sit next to the executables. The cache
# mount keeps dependency checkouts and objects between image builds (BuildKit).
RUN --mount=type=cache,id=crimescope-swift-build,target=/src/.build \
    for product in ingest heatmap predict gateway; do \
      swift build -c release --static-swift-stdlib --product "$product" || exit 1; \
    done \
 && bin="$(swift build -c release --show-bin-path)" \
 && mkdir -p /staging \
 && cp "$bin/ingest" "$bin/heatmap" "$bin/predict" "$bin/gateway" /staging/ \
 && strip /staging/ingest /staging/heatmap /staging/predict /staging/gateway \
 && find "$bin" -maxdepth 1 -name '*.resources' -exec cp -R {} /staging/ \;

# --- runtime: Debian + the shared C libraries ----------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
# libcurl4: FoundationNetworking (ingest pull); xz-utils/gzip: ingest decompresses .xz/.gz
# through them; zlib1g: the gateway's gzip (CZlib); libjs-*: the web UI's Leaflet and Chart.js.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libprotobuf-c1 libpq5 libxgboost0 libcurl4 libjs-leaflet libjs-chart.js zlib1g ca-certificates tzdata xz-utils gzip \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin crimescope
# The bundled real data (demo-data/README.md), loadable with POST /api/v1/ingest/loads
# {"city": "chicago", "path": "/app/demo-data/chicago/chicago_crimes_2017.csv.xz"}.
COPY demo-data /app/demo-data
COPY --from=build /staging/ /app/
ENV PATH="/app:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
WORKDIR /app
USER 10001:10001
# Services: `ingest serve`, `heatmap serve`, `predict serve`; configured by CRIMESCOPE_* variables.
# Probes: `<executable> healthcheck` (Health/Check over the listen address; gateway: GET /healthz).
CMD ["gateway", "serve"]
