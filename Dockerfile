# syntax=docker/dockerfile:1

# Build stage: go-sqlite3 needs cgo, and gcc comes with the golang image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Download modules first so this layer is cached until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w" -o /out/tiprelay ./cmd/tiprelay

# Runtime stage: glibc (the cgo binary links it), CA roots for the Bot API,
# and tzdata (the binary also embeds time/tzdata).
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 tiprelay \
    && useradd --system --uid 10001 --gid tiprelay --home-dir /data --no-create-home --shell /usr/sbin/nologin tiprelay \
    && mkdir -p /data \
    && chown tiprelay:tiprelay /data
COPY --from=build /out/tiprelay /usr/local/bin/tiprelay
ENV TIPRELAY_DB_PATH=/data/tiprelay.db
VOLUME ["/data"]
USER tiprelay
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/tiprelay"]
CMD ["run"]
