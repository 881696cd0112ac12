package mw

import (
	"context"
	"log/slog"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// ctxRequest is a request view with its own context; everything else,
// Raw included, is the wrapped view's. (Raw still returns the server's
// request, whose own context is the original one.)
type ctxRequest struct {
	view.Request
	ctx context.Context
}

var _ view.Request = (*ctxRequest)(nil)

func (r *ctxRequest) Context() context.Context { return r.ctx }

// routeOf names the request's route for logs: the matched pattern, or the
// path when no route matched.
func routeOf(c *tideway.Call) string {
	if c.Pattern() == "" {
		return c.Request.Path()
	}
	return c.Pattern()
}

// withRequestID returns attrs, followed by request_id when ctx has a
// request ID (see RequestID), for the log lines written about a request.
func withRequestID(ctx context.Context, attrs ...slog.Attr) []slog.Attr {
	if id, ok := respond.RequestIDAttr(ctx); ok {
		attrs = append(attrs, id)
	}
	return attrs
}
