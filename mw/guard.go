package mw

import (
	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// Guard returns middleware that lets a request through only if allow
// returns true for it; otherwise the rest of the chain does not run and
// the request is answered 403 Forbidden (it returns respond.ErrForbidden).
// It panics if allow is nil.
//
// Attach it where it applies: Router.Use on a nested router guards every
// route under its prefix, Resource.Use or Config.Middleware one resource
// or endpoint. allow must be safe for concurrent use.
func Guard(allow func(r view.Request) bool) tideway.Middleware {
	if allow == nil {
		panic("mw: Guard needs an allow func; got nil")
	}
	return func(c *tideway.Call, next tideway.Next) error {
		if !allow(c.Request) {
			return respond.ErrForbidden
		}
		return next(c)
	}
}
