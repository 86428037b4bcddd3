# syntax=docker/dockerfile:1
# One image for the four CrimeScope executables (ingest, heatmap, predict, gateway);
# compose.yaml picks the executable per service. Build: `docker compose build`.

# --- build: the official Swift image + the C libraries the package links ----------------------
# Package.swift (and Hummingbird 2.28) need Swift tools 6.2 or newer.
FROM swift:6.2-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libprotobuf-c-dev libpq-dev libxgboost-dev pkgconf \
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
# the resource bundles (SQL migrations) must sit next to the executables. The cache mount keeps
# dependency checkouts and objects between image builds.
RUN --mount=type=cache,target=/src/.build \
    for product in ingest heatmap predict gateway; do \
      swift build -c release --static-swift-stdlib --product "$product" || exit 1; \
    done \
 && bin="$(swift build -c release --show-bin-path)" \
 && mkdir -p /staging \
 && cp "$bin/ingest" "$bin/heatmap" "$bin/predict" "$bin/gateway" /staging/ \
 && find "$bin" -maxdepth 1 -name '*.resources' -exec cp -R {} /staging/ \;

# --- runtime: Debian slim + the shared C libraries ----------------------------------------------
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libprotobuf-c1 libpq5 libxgboost0 libjs-leaflet libjs-chart.js zlib1g ca-certificates tzdata curl xz-utils gzip \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin crimescope
COPY --from=build --chown=root:root /staging/ /app/
ENV PATH="/app:${PATH}"
WORKDIR /app
USER crimescope
# Services: `ingest serve`, `heatmap serve`, `predict serve`; configured by CRIMESCOPE_* variables.
CMD ["gateway", "serve"]
