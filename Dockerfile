# syntax=docker/dockerfile:1

# Build stage: go-sqlite3 needs cgo, and gcc comes with the golang image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Download modules first so this layer is cached until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
# VERSION names the build in `tiprelay version` and the start log line:
# docker build --build-arg VERSION=$(git describe --tags --always) .
ARG VERSION=dev
# The first build compiles SQLite's C code (a few minutes); the cache
# mounts keep that work for the next builds.
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=1 go build -tags sqlite_fts5 -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/tiprelay ./cmd/tiprelay

# Runtime stage: glibc (the cgo binary links it), CA roots for the Bot API,
# tzdata (the binary also embeds time/tzdata), and tesseract with its
# Indonesian and English data for the text in screenshots (TIPRELAY_OCR=off
# turns OCR off; without tesseract the bot runs and logs that OCR is off).
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata tesseract-ocr tesseract-ocr-ind \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 tiprelay \
    && useradd --system --uid 10001 --gid tiprelay --home-dir /data --no-create-home --shell /usr/sbin/nologin tiprelay \
    && mkdir -p /data \
    && chown tiprelay:tiprelay /data
COPY --from=build /out/tiprelay /usr/local/bin/tiprelay
# The database lives in the /data volume. An env file must not set a
# relative TIPRELAY_DB_PATH, which would override this one.
ENV TIPRELAY_DB_PATH=/data/tiprelay.db
# The bot runs as uid 10001: a token file mounted into the container
# (TIPRELAY_BOT_TOKEN_FILE, e.g. a Docker secret) must be readable by it,
# or the bot exits 2 at every start. TIPRELAY_SHUTDOWN_TIMEOUT (default
# 10s) must stay below Docker's stop timeout (default 10s too): run with
# --stop-timeout 30, or stop_grace_period: 30s in compose.
VOLUME ["/data"]
# Health and metrics (GET /healthz, GET /metrics) on port 9090 of the
# container; publish it to the host's loopback only, e.g.
# -p 127.0.0.1:9090:9090, or reach it on the Docker network. Docker's
# health check asks /healthz with the binary itself (the image has no
# curl): exit 0 healthy, 1 unhealthy. Set TIPRELAY_HTTP_LISTEN empty to
# turn both off (the check then reports unhealthy: drop it with
# --no-healthcheck).
ENV TIPRELAY_HTTP_LISTEN=:9090
EXPOSE 9090
HEALTHCHECK --interval=30s --timeout=10s --start-period=1m --retries=3 \
    CMD ["/usr/local/bin/tiprelay", "health", "--timeout", "5s"]
USER tiprelay
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/tiprelay"]
CMD ["run"]
