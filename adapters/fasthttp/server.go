package fasthttp

import (
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway/internal/lifecycle"
)

// Server defaults used by ListenAndServe.
const (
	DefaultReadHeaderTimeout  = 10 * time.Second
	DefaultReadTimeout        = 60 * time.Second
	DefaultIdleTimeout        = 120 * time.Second
	DefaultReadBufferSize     = 64 << 10 // also the limit on the request line and headers
	DefaultMaxRequestBodySize = 32 << 20
	DefaultShutdownTimeout    = 30 * time.Second
)

// Option adjusts ListenAndServe.
type Option func(*settings)

type settings struct {
	ctx      context.Context
	server   func(*fasthttp.Server)
	shutdown time.Duration
	header   time.Duration // read-header timeout
	ready    func(net.Addr)
	wrap     []func(fasthttp.RequestHandler) fasthttp.RequestHandler
}

// WithContext stops the server gracefully when ctx is done, in addition
// to SIGINT and SIGTERM.
func WithContext(ctx context.Context) Option { return func(s *settings) { s.ctx = ctx } }

// WithServer lets fn adjust the *fasthttp.Server (timeouts, limits, TLS,
// logging) before it starts.
func WithServer(fn func(*fasthttp.Server)) Option { return func(s *settings) { s.server = fn } }

// WithReadHeaderTimeout bounds the time to read a request's line and
// headers, as net/http's ReadHeaderTimeout does; default 10s, 0 for none
// (the headers then share ReadTimeout with the body). fasthttp has only
// ReadTimeout, for a whole request, so the server's ReadTimeout becomes
// this timeout and a HeaderReceived callback gives the body the
// ReadTimeout set (by default or with WithServer) once the headers are
// in. A server of yours with its own HeaderReceived, or a ReadTimeout no
// longer than this one, keeps fasthttp's single ReadTimeout.
func WithReadHeaderTimeout(d time.Duration) Option { return func(s *settings) { s.header = d } }

// WithShutdownTimeout bounds how long a graceful shutdown waits for
// in-flight requests; default 30s.
func WithShutdownTimeout(d time.Duration) Option { return func(s *settings) { s.shutdown = d } }

// WithReady calls fn with the listening address once the server accepts
// connections (useful with ":0").
func WithReady(fn func(net.Addr)) Option { return func(s *settings) { s.ready = fn } }

// WithMiddleware wraps the app in fasthttp middleware, the first
// outermost, so handlers of the fasthttp ecosystem keep working.
func WithMiddleware(mw ...func(fasthttp.RequestHandler) fasthttp.RequestHandler) Option {
	return func(s *settings) { s.wrap = append(s.wrap, mw...) }
}

// ListenAndServe serves app on addr with safe defaults (10s to read the
// request line and headers, ReadTimeout 60s for the rest of the request,
// IdleTimeout 120s, ReadBufferSize 64 KiB, which bounds the request line
// and headers, MaxRequestBodySize 32 MiB, request bodies streamed to the
// app, no multipart pre-parsing, ErrorHandler) until SIGINT, SIGTERM or
// the WithContext context; it then stops accepting connections, lets
// in-flight requests finish (up to the shutdown timeout) and returns nil.
//
// Like nethttp.ListenAndServe it sets no write timeout, which would cut
// long streams short; set WriteTimeout with WithServer if you want one.
func ListenAndServe(addr string, app App, opts ...Option) error {
	s := newSettings(opts)
	srv := newServer(app, &s)
	serve := func(ln net.Listener) error { return srv.Serve(lazyDeadlineListener{ln}) }
	return lifecycle.Run(s.ctx, addr, lifecycle.Server{Serve: serve, Shutdown: srv.ShutdownWithContext}, s.ready, s.shutdown)
}

// NewServer returns a *fasthttp.Server that serves app with the defaults
// and options of ListenAndServe, for a listener of your own (TLS, a Unix
// socket, fasthttputil's in-memory listener in tests). WithContext,
// WithReady and WithShutdownTimeout do not apply: call Serve and Shutdown
// yourself. Its connections are yours, so they move their read deadlines
// as fasthttp asks, twice per request, where ListenAndServe's move them
// only when needed (see the package doc).
func NewServer(app App, opts ...Option) *fasthttp.Server {
	s := newSettings(opts)
	return newServer(app, &s)
}

func newSettings(opts []Option) settings {
	s := settings{ctx: context.Background(), shutdown: DefaultShutdownTimeout, header: DefaultReadHeaderTimeout}
	for _, o := range opts {
		o(&s)
	}
	return s
}

func newServer(app App, s *settings) *fasthttp.Server {
	srv := &fasthttp.Server{
		ReadTimeout:                  DefaultReadTimeout,
		IdleTimeout:                  DefaultIdleTimeout,
		ReadBufferSize:               DefaultReadBufferSize,
		MaxRequestBodySize:           DefaultMaxRequestBodySize,
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		NoDefaultServerHeader:        true,
		CloseOnShutdown:              true,
		ErrorHandler:                 ErrorHandler,
	}
	if s.server != nil {
		s.server(srv)
	}
	limitHeaderTime(srv, s.header)
	if srv.ExpectHandler == nil && srv.ContinueHandler == nil {
		srv.ExpectHandler = refuseLargeExpect(srv)
	}
	if srv.Handler == nil {
		// The server streams bodies past MaxRequestBodySize to the
		// handler instead of refusing them, so the adapter enforces it.
		h := newHandler(app, srv.MaxRequestBodySize, len(s.wrap) == 0).serve
		for i := len(s.wrap) - 1; i >= 0; i-- {
			h = s.wrap[i](h)
		}
		srv.Handler = h
	}
	return srv
}

// refuseLargeExpect returns srv's ExpectHandler: a request that asks for
// "100 Continue" and declares a body over MaxRequestBodySize is answered
// 413 at once, as the adapter would answer it, without the 100 that
// would have the client send the body first (net/http sends a 100 only
// once the handler reads the body). fasthttp sends the response the ctx
// holds and closes the connection.
func refuseLargeExpect(srv *fasthttp.Server) func(*fasthttp.RequestCtx) int {
	return func(rc *fasthttp.RequestCtx) int {
		if limit := srv.MaxRequestBodySize; limit > 0 && rc.Request.Header.ContentLength() > limit {
			plainError(rc, http.StatusRequestEntityTooLarge)
			return http.StatusRequestEntityTooLarge
		}
		return http.StatusContinue
	}
}

// limitHeaderTime gives srv a read-header timeout d; see
// WithReadHeaderTimeout.
func limitHeaderTime(srv *fasthttp.Server, d time.Duration) {
	body := srv.ReadTimeout
	if d <= 0 || srv.HeaderReceived != nil || body > 0 && body <= d {
		return
	}
	if body == 0 {
		body = math.MaxInt64 // no limit on the body, as on net/http
	}
	if srv.IdleTimeout == 0 {
		// fasthttp waits ReadTimeout for an idle connection's next
		// request when IdleTimeout is 0: keep the wait it would have had.
		srv.IdleTimeout = srv.ReadTimeout
	}
	srv.ReadTimeout = d
	srv.HeaderReceived = func(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
		if n := h.ContentLength(); n == 0 || n == -2 {
			// No body (-2: neither Content-Length nor Transfer-Encoding,
			// which fasthttp reads as none): nothing more to read for
			// this request, and fasthttp sets a new deadline before
			// reading the next, so moving it would only cost time on the
			// most common requests.
			return fasthttp.RequestConfig{}
		}
		return fasthttp.RequestConfig{ReadTimeout: body}
	}
}

// ErrorHandler answers a request that fasthttp refuses before any handler
// runs, as net/http's server does: the status and its text as text/plain,
// then the connection closes (after a lingering close for 431, whose
// client is still sending an oversized request). A body over the server's MaxRequestBodySize
// is 413 (fasthttp answers 400), headers over ReadBufferSize 431, a read
// timeout 408, anything else 400. Set it as a fasthttp.Server's
// ErrorHandler when serving Handler on a server of your own.
func ErrorHandler(rc *fasthttp.RequestCtx, err error) {
	status := http.StatusBadRequest
	var small *fasthttp.ErrSmallBuffer
	var timeout interface{ Timeout() bool }
	switch {
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		status = http.StatusRequestEntityTooLarge
	case errors.As(err, &small):
		rc.Response.Reset()
		plainError(rc, http.StatusRequestHeaderFieldsTooLarge)
		lingerBeforeClose(rc)
		return
	case errors.As(err, &timeout) && timeout.Timeout():
		status = http.StatusRequestTimeout
	}
	rc.Response.Reset()
	plainError(rc, status)
}

// lingerBeforeClose answers the 431 in rc's response ahead of fasthttp,
// which closes the connection right after ErrorHandler returns, with the
// rest of the oversized request unread: the reset that close sends can
// reach the client before the 431, which it then never reads. net/http
// shuts its sending side and waits instead (closeWriteAndWait), and so
// does this: the 431 is written now, the sending side shut, and what the
// client still sends read and dropped for a moment. fasthttp then writes
// the response again, to a connection that sends nothing more. Nothing is
// sent out of order: fasthttp flushes the responses to earlier pipelined
// requests before it reads past what it has buffered, which a request
// too large for its buffer makes it do. On a connection whose sending
// side cannot be shut alone (net.Pipe), what the client sends is drained
// before fasthttp answers instead.
func lingerBeforeClose(rc *fasthttp.RequestCtx) {
	c := rc.Conn()
	if _, ok := c.(closeWriter); ok {
		sendAndLinger(c, c, &rc.Response)
		return
	}
	c.SetReadDeadline(time.Now().Add(lingerRead))
	io.Copy(io.Discard, c)
}
