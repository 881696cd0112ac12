package mw

import (
	"strconv"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/bind"
)

// BodyLimit returns middleware that caps request bodies at n bytes for
// the routes it wraps, in place of the configured limit (Config.BodyLimit,
// 1 MiB by default), whether n is above or below it. A request that
// declares a longer Content-Length is refused at once with 413, before
// the rest of the chain runs; any other body is read by the binder under
// the new limit, which answers 413 (a *bind.BodyTooLargeError) as soon as
// the body runs past it.
//
// BodyLimit is a ceiling: when it is attached at several levels, the
// smallest limit on a request's path applies, so a route cannot loosen a
// limit set around it. (Its early refusal makes any other rule
// inconsistent.) To give some routes more room, raise Config.BodyLimit
// for them instead, or attach BodyLimit only where it applies.
//
// It sets Call.BodyLimit. Handlers that read the body themselves, through
// view.Request, must bound it themselves. It panics if n is not positive.
func BodyLimit(n int64) tideway.Middleware {
	if n <= 0 {
		panic("mw: BodyLimit needs a positive number of bytes; got " + strconv.FormatInt(n, 10))
	}
	return func(c *tideway.Call, next tideway.Next) error {
		if c.BodyLimit > 0 && c.BodyLimit < n {
			return next(c) // a smaller limit is set around this one
		}
		if c.Request.ContentLength() > n {
			return &bind.BodyTooLargeError{Limit: n}
		}
		c.BodyLimit = n
		return next(c)
	}
}
