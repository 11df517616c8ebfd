package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/tiprelay/tiprelay/internal/config"
)

// maxHealthBody bounds the answer the health command prints.
const maxHealthBody = 64 << 10

// runHealth implements `tiprelay health`, the probe of Docker's
// HEALTHCHECK (the image has no curl): it asks the running bot's GET
// /healthz on TIPRELAY_HTTP_LISTEN (an address on every interface is asked
// on loopback), prints the JSON answer and returns nil for 200. Every
// other outcome, an unhealthy bot (503), no answer within --timeout, or
// even a bad setting, is an error that exits 1: Docker reserves exit code
// 2, which other commands use for bad settings.
func runHealth(ctx context.Context, args []string, getenv func(string) string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	timeout := fs.Duration("timeout", 5*time.Second, "longest wait for the answer")
	cfg, err := config.LoadOffline(fs, args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "Usage: tiprelay health [--timeout 5s] [settings flags, e.g. --http-listen 127.0.0.1:9090]")
		return err
	}
	if err != nil {
		return healthError("invalid configuration:\n" + err.Error())
	}
	if fs.NArg() > 0 {
		return healthError(fmt.Sprintf("health takes no arguments, got %q", fs.Args()))
	}
	url, err := healthURL(cfg.HTTPListen)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return healthError(err.Error())
	}
	// No proxy: the bot is on this machine (or in this container).
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return healthError(fmt.Sprintf("no answer from %s: %v", url, err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxHealthBody))
	if err != nil {
		return healthError(fmt.Sprintf("read the answer of %s: %v", url, err))
	}
	stdout.Write(body) //nolint:errcheck // nothing to do about a closed stdout
	switch resp.StatusCode {
	case http.StatusOK:
		return nil
	case http.StatusServiceUnavailable:
		return healthError("unhealthy (HTTP 503)")
	}
	return healthError(fmt.Sprintf("%s answered HTTP %d: is another program on TIPRELAY_HTTP_LISTEN?", url, resp.StatusCode))
}

// healthURL returns the URL of /healthz on listen, asking loopback for an
// address on every interface.
func healthURL(listen string) (string, error) {
	if listen == "" {
		return "", healthError("TIPRELAY_HTTP_LISTEN is empty: the bot serves no /healthz (set it, e.g. 127.0.0.1:9090, for the bot and this command)")
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "", healthError(err.Error())
	}
	if port == "0" {
		return "", healthError("TIPRELAY_HTTP_LISTEN has port 0, chosen afresh at every start: set a fixed port")
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}

// healthError is a failure of the health command. It wraps nothing, so
// that exitCode maps every one of them to 1.
type healthError string

func (e healthError) Error() string { return string(e) }
