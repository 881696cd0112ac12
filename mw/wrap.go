package mw

import (
	"context"

	"github.com/tideway-go/tideway"
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
