package mw

import (
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
)

// Recover returns middleware that turns a panic in the rest of the chain
// into a *tideway.PanicError, returned like any other error, so that
// middleware outside it (such as Logger) sees a 500 instead of a panic
// passing by. The panic value and stack are logged to logger (nil means
// slog.Default() at the time of the panic) at error level, with the
// request's method and route. The client gets a generic 500 problem.
//
// A panic with http.ErrAbortHandler is not recovered: by net/http's
// convention it aborts the response, and the server handles it.
//
// The app recovers panics that escape all middleware by itself; Recover
// is for placing recovery inside middleware that must see the outcome.
func Recover(logger *slog.Logger) tideway.Middleware {
	return func(c *tideway.Call, next tideway.Next) (err error) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			stack := debug.Stack()
			l := logger
			if l == nil {
				l = slog.Default()
			}
			ctx := c.Request.Context()
			l.LogAttrs(ctx, slog.LevelError, "panic recovered", respond.AppendRequestID(ctx, []slog.Attr{
				slog.String("method", c.Request.Method()),
				slog.String("route", routeOf(c)),
				slog.Any("panic", p),
				slog.String("stack", string(stack)),
			})...)
			err = &tideway.PanicError{Value: p, Stack: stack}
		}()
		return next(c)
	}
}
