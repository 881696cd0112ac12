package adaptertest

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/view"
)

// The routes of middlewareCases.

// tag returns middleware that records its place in the chain: on the way
// in in X-Order-In, and on the way out, when the response's header is
// written through it, in X-Order-Out.
func tag(name string) tideway.Middleware {
	return func(c *tideway.Call, next tideway.Next) error {
		c.Response.AddHeader("X-Order-In", name)
		w := c.Response
		c.Response = &tagResponse{Response: w, name: name}
		defer func() { c.Response = w }()
		return next(c)
	}
}

// tagResponse adds its name to X-Order-Out when the status is written.
type tagResponse struct {
	view.Response
	name string
}

func (w *tagResponse) WriteHeader(status int) {
	if w.Status() == 0 {
		w.AddHeader("X-Order-Out", w.name)
	}
	w.Response.WriteHeader(status)
}

func (w *tagResponse) Write(p []byte) (int, error) {
	if w.Status() == 0 {
		w.WriteHeader(http.StatusOK)
	}
	return w.Response.Write(p)
}

func isAdmin(r view.Request) bool {
	role, _ := r.Header("X-Role")
	return role == "admin"
}

func slow(ctx context.Context) (string, error) {
	select {
	case <-time.After(300 * time.Millisecond):
		return "too late", nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func middlewareRoutes(app *tideway.App, quiet *slog.Logger) {
	app.Nest("/mw", func(r *tideway.Router) {
		r.Use(tag("router"))
		r.Nest("/deep", func(r *tideway.Router) {
			r.Use(tag("nested"))
			must(r.At("/order").Use(tag("resource")).Handle(http.MethodGet, text("handler"),
				tideway.Config{Middleware: []tideway.Middleware{tag("endpoint")}}))
			r.At("/admin").Use(mw.Guard(isAdmin)).Get(func(s withStore) string {
				s.S.guarded.Add(1)
				return "admin area"
			})
			r.At("/admin-calls").Get(func(s withStore) string { return fmt.Sprint(s.S.guarded.Load()) })
		})
		r.At("/recover").Use(mw.Recover(quiet)).Get(func() string { panic("boom: secret") })
		r.At("/big").Use(mw.Compress(0)).Get(text(bigBody()))
		r.At("/big-json").Use(mw.Compress(0)).Get(func() []item {
			items := make([]item, 100)
			for i := range items {
				items[i] = item{Name: "pen", Qty: i}
			}
			return items
		})
		r.At("/small").Use(mw.Compress(0)).Get(text("too small to compress"))
		r.At("/slow").Use(mw.Timeout(50 * time.Millisecond)).Get(slow)
		r.At("/quick").Use(mw.Timeout(2 * time.Second)).Post(func(m message) message { return m })
		r.At("/limited").Use(mw.BodyLimit(32)).Post(func(m message) message { return m })
		r.At("/request-id").Get(func(ctx context.Context) string { return mw.RequestIDFrom(ctx) })
	})
}
