package bench

import (
	"log/slog"
	"net/http"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/internal/routeset"
)

// buildTideway serves a table with the real thing: a tideway.App behind
// adapters/nethttp, one raw handler (func(*tideway.Call) error) per route.
// A raw handler binds nothing, so the figure is routing plus the adapter
// and the app's per-request work (pooled views and call state, the
// middleware chain), like a peer's full ServeHTTP with a no-op handler.
func buildTideway(routes []routeset.Route, p *probe) (http.Handler, error) {
	app, err := buildTidewayApp(routes, p)
	if err != nil {
		return nil, err
	}
	return nethttp.Handler(app), nil
}

func buildTidewayApp(routes []routeset.Route, p *probe) (*tideway.App, error) {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	err := registerAll(routes, func(i int, r routeset.Route) error {
		return app.At(routeset.Pattern(r.Path)).Handle(r.Method, tidewayHandle(i, r.Path, p), tideway.Config{})
	})
	return app, err
}

func tidewayNop(*tideway.Call) error { return nil }

// tidewayHandle returns the handler of route i: it reads the route's first
// parameter by name, as the other routers' handlers do.
func tidewayHandle(i int, path string, p *probe) func(*tideway.Call) error {
	if p == nil {
		return tidewayNop
	}
	name, _ := firstParam(path)
	if name == "" {
		return func(*tideway.Call) error { p.route, p.param = i, ""; return nil }
	}
	return func(c *tideway.Call) error { p.route, p.param = i, c.Param(name); return nil }
}
