package tideway

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/internal/viewtest"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// trace returns middleware that records its name before and after next.
func trace(log *[]string, name string) Middleware {
	return func(c *Call, next Next) error {
		*log = append(*log, name+">")
		err := next(c)
		*log = append(*log, "<"+name)
		return err
	}
}

func TestMiddlewareOrder(t *testing.T) {
	var log []string
	app := New(nil, WithConfig(Config{Logger: slog.New(slog.DiscardHandler)}))
	app.Use(trace(&log, "app"))
	api := app.Nest("/api", nil).Use(trace(&log, "router"))
	res := api.At("/x").Use(trace(&log, "resource"))
	if err := res.Handle("GET", func() string { log = append(log, "handler"); return "ok" }, Config{Middleware: []Middleware{trace(&log, "endpoint")}}); err != nil {
		t.Fatal(err)
	}
	res.Post(func() { log = append(log, "post") })

	serve(app, "GET", "/api/x", "")
	want := "app> router> resource> endpoint> handler <endpoint <resource <router <app"
	if got := strings.Join(log, " "); got != want {
		t.Errorf("GET order:\n got %s\nwant %s", got, want)
	}
	log = nil
	serve(app, "POST", "/api/x", "")
	if got := strings.Join(log, " "); got != "app> router> resource> post <resource <router <app" {
		t.Errorf("POST order: %s", got)
	}
	log = nil
	if w := serve(app, "GET", "/nowhere", ""); w.Code != 404 {
		t.Errorf("404: %d", w.Code)
	}
	if got := strings.Join(log, " "); got != "app> <app" {
		t.Errorf("app middleware around a 404: %s", got)
	}
}

func TestMiddlewareGuardAndErrors(t *testing.T) {
	app := New(nil, WithConfig(Config{Logger: slog.New(slog.DiscardHandler)}))
	var status int
	// A logger-like middleware: it commits the error to see the status.
	app.Use(func(c *Call, next Next) error {
		err := next(c)
		c.WriteError(err)
		status = c.Response.Status()
		return nil
	})
	guard := func(c *Call, next Next) error {
		if v, _ := c.Request.Header("Auth-Token"); v != "secret" {
			return respond.ErrForbidden
		}
		return next(c)
	}
	app.At("/ping").Use(guard).Get(func() string { return "pong" })
	app.At("/teapot").Use(func(c *Call, next Next) error {
		c.Response.WriteHeader(http.StatusTeapot)
		return nil
	}).Get(func() string { t.Error("short-circuited handler ran"); return "" })
	app.At("/after").Use(func(c *Call, next Next) error {
		c.Response.SetHeader("X-Before", "1")
		err := next(c)
		if errors.Is(err, respond.ErrConflict) {
			return respond.Errorf(http.StatusGone, "translated")
		}
		return err
	}).Get(func() error { return respond.ErrConflict })

	for _, tc := range []struct {
		target  string
		headers []string
		status  int
		body    string
	}{
		{"/ping", nil, 403, `"status":403`},
		{"/ping", []string{"Auth-Token", "secret"}, 200, "pong"},
		{"/teapot", nil, 418, ""},
		{"/after", nil, 410, "translated"},
		{"/nowhere", nil, 404, "no route matches"},
	} {
		w := serve(app, "GET", tc.target, "", tc.headers...)
		if w.Code != tc.status || status != tc.status || !strings.Contains(w.Body.String(), tc.body) {
			t.Errorf("GET %s: %d (logged %d) %q; want %d %q", tc.target, w.Code, status, w.Body.String(), tc.status, tc.body)
		}
	}
}

func TestUseAfterRoutesPanics(t *testing.T) {
	for name, fn := range map[string]func(app *App){
		"app":      func(app *App) { app.At("/a").Get(func() {}); app.Use(nil) },
		"router":   func(app *App) { r := app.Nest("/r", nil); r.At("/a"); r.Config(Config{}) },
		"resource": func(app *App) { r := app.At("/a"); r.Get(func() {}); r.Use(nil) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				err, _ := recover().(error)
				if !errors.Is(err, ErrLateConfig) || !strings.Contains(err.Error(), "before adding") {
					t.Errorf("panic = %v, want ErrLateConfig", err)
				}
			}()
			fn(New(nil))
		})
	}
}

// TestMiddlewareAllocs checks that middleware costs no allocation per
// request: a five-deep chain of empty middleware allocates exactly what a
// bare endpoint does.
func TestMiddlewareAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	empty := func(c *Call, next Next) error { return next(c) }
	build := func(depth int) *App {
		app := New(nil)
		for range depth {
			app.Use(empty)
		}
		app.At("/x/{name}").Get(func(n byName) error { return nil })
		return app
	}
	req := viewtest.NewRequest("GET", "/x/y", "")
	w := viewtest.NewResponse()
	allocs := func(app *App) float64 {
		return testing.AllocsPerRun(200, func() {
			w.Code = 0
			app.ServeView(w, req)
		})
	}
	bare, five := allocs(build(0)), allocs(build(5))
	if five != bare {
		t.Errorf("five empty middleware: %v allocs per request, bare endpoint %v", five, bare)
	}
	// What a bare endpoint allocates is reflect.Value.Call's result slice
	// and result storage; its by-value parameter struct comes from a pool.
	if bare > 2 {
		t.Errorf("a bare endpoint allocates %v times per request, want at most 2", bare)
	}
}

func TestErrorFormatLevels(t *testing.T) {
	format := func(tag string) func(view.Response, view.Request, *respond.Problem) error {
		return func(w view.Response, r view.Request, p *respond.Problem) error {
			w.SetHeader("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(p.Status)
			_, err := w.Write([]byte(tag + ": " + p.Title))
			return err
		}
	}
	app := New(nil, WithConfig(Config{Logger: slog.New(slog.DiscardHandler), ErrorFormat: format("app")}))
	app.At("/app").Get(func() error { return respond.ErrNotFound })
	api := app.Nest("/api", nil).Config(Config{ErrorFormat: format("router")})
	api.At("/router").Get(func() error { return respond.ErrNotFound })
	if err := api.At("/endpoint").Handle("GET", func() error { return respond.ErrNotFound }, Config{ErrorFormat: format("endpoint")}); err != nil {
		t.Fatal(err)
	}
	for target, want := range map[string]string{
		"/app": "app: Not Found", "/api/router": "router: Not Found", "/api/endpoint": "endpoint: Not Found", "/nowhere": "app: Not Found",
	} {
		if w := serve(app, "GET", target, ""); w.Code != 404 || w.Body.String() != want {
			t.Errorf("GET %s = %d %q, want %q", target, w.Code, w.Body.String(), want)
		}
	}
}
