package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// httpShutdownTimeout is how long requests in flight get when the health
// and metrics server stops.
const httpShutdownTimeout = 5 * time.Second

// serveHTTP starts the health and metrics server of b on
// cfg.HTTPListen, unless it is empty: GET /healthz (see package health)
// and GET /metrics (see package metrics). It listens before it returns,
// so that an address in use stops the bot at start. stop shuts the server
// down gracefully and returns once it has stopped; runBot calls it after
// the bot has stopped, so that /healthz answers and /metrics counts the
// last sends during the shutdown.
func serveHTTP(b *bot) (stop func(), err error) {
	if b.cfg.HTTPListen == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", b.cfg.HTTPListen)
	if err != nil {
		return nil, fmt.Errorf("health and metrics server (TIPRELAY_HTTP_LISTEN): %w", err)
	}
	log := b.log.With("component", "http")
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", newHealth(b.db, b.client, nil))
	mux.Handle("GET /metrics", b.metrics.Handler())
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("health and metrics server failed", "err", err)
		}
	}()
	addr := ln.Addr().String()
	log.Info("serving health and metrics", "addr", addr, "healthz", "http://"+addr+"/healthz", "metrics", "http://"+addr+"/metrics")
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), httpShutdownTimeout)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			log.Warn("health and metrics server did not stop cleanly", "err", err)
			srv.Close()
		}
		<-served
	}, nil
}
