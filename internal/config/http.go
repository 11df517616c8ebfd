package config

import (
	"fmt"
	"net"
	"strconv"
)

// The health and metrics server: TIPRELAY_HTTP_LISTEN is the address of
// GET /healthz and GET /metrics; empty turns the server off.

// envHTTPListen names the setting.
const envHTTPListen = "TIPRELAY_HTTP_LISTEN"

// validateHTTP checks TIPRELAY_HTTP_LISTEN: empty, or host:port such as
// 127.0.0.1:9090 or :9090 (every interface) with a port from 0 to 65535
// (0 picks a free port, which the start-up log names; for tests). In
// webhook mode it must differ from TIPRELAY_WEBHOOK_LISTEN: one address
// serves one server.
func (c Config) validateHTTP(bad func(env string, err error)) {
	if c.HTTPListen == "" {
		return
	}
	_, port, err := net.SplitHostPort(c.HTTPListen)
	if err != nil {
		bad(envHTTPListen, fmt.Errorf("%q is not host:port such as 127.0.0.1:9090 or :9090 (empty turns health and metrics off)", c.HTTPListen))
		return
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		bad(envHTTPListen, fmt.Errorf("%q has no port such as 9090", c.HTTPListen))
		return
	}
	if c.WebhookURL != "" && port != "0" && sameListen(c.HTTPListen, c.WebhookListen) {
		bad(envHTTPListen, fmt.Errorf("%q is also TIPRELAY_WEBHOOK_LISTEN: give health and metrics a port of their own", c.HTTPListen))
	}
}

// sameListen reports whether two listen addresses would take the same
// port on a shared interface: same port, and the same host or either on
// every interface.
func sameListen(a, b string) bool {
	ha, pa, errA := net.SplitHostPort(a)
	hb, pb, errB := net.SplitHostPort(b)
	if errA != nil || errB != nil || pa != pb {
		return false
	}
	every := func(h string) bool { return h == "" || h == "0.0.0.0" || h == "::" }
	return ha == hb || every(ha) || every(hb)
}
