package nethttp

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/tideway-go/tideway/internal/lifecycle"
)

// Server defaults used by ListenAndServe.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 60 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultMaxHeaderBytes    = 64 << 10
	DefaultShutdownTimeout   = 30 * time.Second
)

// Option adjusts ListenAndServe.
type Option func(*settings)

type settings struct {
	ctx      context.Context
	server   func(*http.Server)
	shutdown time.Duration
	ready    func(net.Addr)
	wrap     []func(http.Handler) http.Handler
}

// WithContext stops the server gracefully when ctx is done, in addition
// to SIGINT and SIGTERM.
func WithContext(ctx context.Context) Option { return func(s *settings) { s.ctx = ctx } }

// WithServer lets fn adjust the *http.Server (timeouts, TLS, logging)
// before it starts.
func WithServer(fn func(*http.Server)) Option { return func(s *settings) { s.server = fn } }

// WithShutdownTimeout bounds how long a graceful shutdown waits for
// in-flight requests; default 30s.
func WithShutdownTimeout(d time.Duration) Option { return func(s *settings) { s.shutdown = d } }

// WithReady calls fn with the listening address once the server accepts
// connections (useful with ":0").
func WithReady(fn func(net.Addr)) Option { return func(s *settings) { s.ready = fn } }

// WithMiddleware wraps the app in standard net/http middleware, the first
// outermost, so handlers such as CORS or tracing keep working.
func WithMiddleware(mw ...func(http.Handler) http.Handler) Option {
	return func(s *settings) { s.wrap = append(s.wrap, mw...) }
}

// ListenAndServe serves app on addr with safe defaults (ReadHeaderTimeout
// 10s, ReadTimeout 60s, IdleTimeout 120s, MaxHeaderBytes 64 KiB) until
// SIGINT, SIGTERM or the WithContext context; it then stops accepting
// connections, lets in-flight requests finish (up to the shutdown timeout)
// and returns nil.
func ListenAndServe(addr string, app App, opts ...Option) error {
	s := settings{ctx: context.Background(), shutdown: DefaultShutdownTimeout}
	for _, o := range opts {
		o(&s)
	}
	h := Handler(app, s.wrap...)
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: DefaultReadHeaderTimeout,
		ReadTimeout:       DefaultReadTimeout,
		IdleTimeout:       DefaultIdleTimeout,
		MaxHeaderBytes:    DefaultMaxHeaderBytes,
	}
	if s.server != nil {
		s.server(srv)
	}
	return lifecycle.Run(s.ctx, srv.Addr, lifecycle.Server{Serve: srv.Serve, Shutdown: srv.Shutdown, Closed: http.ErrServerClosed},
		s.ready, s.shutdown)
}
