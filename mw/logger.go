package mw

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/view"
)

// Logger returns middleware that logs one record per request to logger
// (nil means slog.Default() at the time of the request), at info level,
// with the message "request" and these attributes:
//
//	method       the request method, as sent
//	route        the matched pattern ("/message/{id}"), or the path when
//	             no route matched
//	status       the status sent; 0 if nothing was written (the client
//	             went away, or the chain wrote nothing)
//	bytes        body bytes written through the middleware (0 for HEAD,
//	             whose body the server drops)
//	duration_us  time spent in the rest of the chain, in microseconds
//	request_id   the request's ID, when it has one: from RequestID
//	             outside Logger, or the X-Request-ID response header
//
// To log the final status, Logger answers an error from the rest of the
// chain itself (Call.WriteError) and returns nil, so middleware outside
// it no longer sees the error. Place Recover inside it to log panics as
// 500s. Bytes are counted as written below Logger: uncompressed if
// Compress is inside it, compressed if outside.
func Logger(logger *slog.Logger) tideway.Middleware {
	return func(c *tideway.Call, next tideway.Next) error {
		start := time.Now()
		w := c.Response
		cw := &countingResponse{Response: w}
		c.Response = cw
		defer func() { c.Response = w }()
		c.WriteError(next(c))
		elapsed := time.Since(start)

		l := logger
		if l == nil {
			l = slog.Default()
		}
		ctx := c.Request.Context()
		id := RequestIDFrom(ctx)
		if id == "" {
			id = cw.GetHeader(RequestIDHeader)
		}
		method, n := c.Request.Method(), cw.n
		if method == http.MethodHead {
			n = 0
		}
		attrs := [6]slog.Attr{
			slog.String("method", method),
			slog.String("route", routeOf(c)),
			slog.Int("status", cw.Status()),
			slog.Int64("bytes", n),
			slog.Int64("duration_us", elapsed.Microseconds()),
			slog.String("request_id", id),
		}
		k := len(attrs)
		if id == "" {
			k--
		}
		l.LogAttrs(ctx, slog.LevelInfo, "request", attrs[:k]...)
		return nil
	}
}

// countingResponse counts the body bytes written through it.
type countingResponse struct {
	view.Response
	n int64
}

var _ view.Response = (*countingResponse)(nil)

func (w *countingResponse) Write(p []byte) (int, error) {
	n, err := w.Response.Write(p)
	w.n += int64(n)
	return n, err
}
