package tideway

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/internal/viewtest"
	"github.com/tideway-go/tideway/route"
)

func TestURILength(t *testing.T) {
	seen := func(c *Call, next Next) error {
		c.Response.SetHeader("X-Seen", "app middleware")
		return next(c)
	}
	deflt := New(nil, WithConfig(Config{Logger: slog.New(slog.DiscardHandler), Middleware: []Middleware{seen}}))
	small := New(nil, WithConfig(Config{Logger: slog.New(slog.DiscardHandler), Limits: Limits{URILength: 16}}))
	for _, app := range []*App{deflt, small} {
		app.At("/n/{name}").Get(func(n byName) string { return n.Name })
		app.At("/q").Get(func(c *Call) error { c.Response.WriteHeader(204); return nil })
	}
	const pre = "/n/" // the path's fixed part
	long := func(n int) string { return pre + strings.Repeat("a", n-len(pre)) }
	for _, tc := range []struct {
		name   string
		app    *App
		target string
		status int
	}{
		{"path at the default limit", deflt, long(DefaultURILength), 200},
		{"path one over the default limit", deflt, long(DefaultURILength + 1), 414},
		{"path and query at the default limit", deflt, long(DefaultURILength-10) + "?" + strings.Repeat("q", 10), 200},
		{"path and query one over the default limit", deflt, long(DefaultURILength-10) + "?" + strings.Repeat("q", 11), 414},
		{"unrouted path over the limit", deflt, "/nowhere/" + strings.Repeat("x", DefaultURILength), 414},
		{"bad escape over the limit", deflt, "/%zz" + strings.Repeat("x", DefaultURILength), 414},
		{"path at a set limit", small, long(16), 200},
		{"path over a set limit", small, long(17), 414},
		{"query over a set limit", small, "/q?" + strings.Repeat("q", 15), 414},
		{"query at a set limit", small, "/q?" + strings.Repeat("q", 14), 204},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := serve(tc.app, "GET", tc.target, "")
			if w.Code != tc.status {
				t.Fatalf("GET (%d bytes): %d %s, want %d", len(tc.target), w.Code, w.Body.String(), tc.status)
			}
			if tc.status != 414 {
				return
			}
			limit := DefaultURILength
			if tc.app == small {
				limit = 16
			}
			want := `{"type":"about:blank","title":"URI Too Long","status":414,"detail":"the path and query are longer than the limit of ` +
				strconv.Itoa(limit) + ` bytes"}`
			if got := w.Body.String(); w.Headers.Get("Content-Type") != "application/problem+json" || got != want {
				t.Errorf("body %s %q, want the problem %s", w.Headers.Get("Content-Type"), got, want)
			}
			if tc.app == deflt && w.Headers.Get("X-Seen") != "app middleware" {
				t.Error("the app's middleware did not see the 414")
			}
			// Routed ahead, as the fasthttp adapter does, the answer is
			// the same.
			var s Slot
			tc.app.Prepare(&s, "GET", tc.target)
			w2 := viewtest.NewResponse()
			tc.app.ServeSlot(&s, w2, viewtest.NewRequest("GET", tc.target, ""))
			if w2.Code != 414 || w2.Body.String() != want {
				t.Errorf("after Prepare: %d %s", w2.Code, w2.Body.String())
			}
		})
	}
}

func TestURILengthIsAppWide(t *testing.T) {
	h := func() {}
	app := New(nil, WithConfig(Config{Limits: Limits{URILength: 100}}))
	if err := app.At("/same").Handle("GET", h, Config{Limits: Limits{URILength: 100}}); err != nil {
		t.Errorf("the app's own value again: %v", err)
	}
	for _, tc := range []struct {
		name     string
		register func() error
	}{
		{"router", func() error {
			return app.Nest("/r", nil).Config(Config{Limits: Limits{URILength: 50}}).At("/x").Handle("GET", h, Config{})
		}},
		{"resource", func() error {
			return app.At("/res").Config(Config{Limits: Limits{URILength: 50}}).Handle("GET", h, Config{})
		}},
		{"endpoint", func() error { return app.At("/ep").Handle("GET", h, Config{Limits: Limits{URILength: 200}}) }},
		{"raw endpoint", func() error {
			return app.At("/raw").Handle("GET", func(*Call) error { return nil }, Config{Limits: Limits{URILength: 200}})
		}},
	} {
		var ce *ConfigError
		if err := tc.register(); !errors.As(err, &ce) || ce.Field != "Limits.URILength" || !strings.Contains(err.Error(), "GET /") {
			t.Errorf("%s: %v, want a *ConfigError naming the route and Limits.URILength", tc.name, err)
		}
	}
}

// TestErrorWriterShared checks that endpoints keep one error mapping per
// configuration that sets Logger or ErrorFormat, not a copy each, and that
// each endpoint still gets the mapping of its own level.
func TestErrorWriterShared(t *testing.T) {
	appLog, apiLog, epLog := slog.New(slog.DiscardHandler), slog.New(slog.DiscardHandler), slog.New(slog.DiscardHandler)
	app := New(nil, WithConfig(Config{Logger: appLog}))
	nop := func(c *Call) error { return nil }
	app.At("/a").Get(nop).Post(nop)
	app.At("/b").Get(nop)
	api := app.Nest("/api", nil).Config(Config{Logger: apiLog})
	api.At("/c").Get(nop)
	api.At("/d").Get(nop).Handle("PUT", nop, Config{Logger: epLog})
	bare := New(nil)
	bare.At("/e").Get(nop)
	bare.At("/f").Get(nop)

	ep := func(a *App, method, path string) *endpoint {
		t.Helper()
		res := a.tree.Lookup(method, path, a.tree.NewParams())
		if res.Status != route.Found {
			t.Fatalf("%s %s: %v", method, path, res.Status)
		}
		return res.Route.Value
	}
	for _, tc := range []struct {
		name   string
		a, b   *endpoint
		same   bool
		logger *slog.Logger // a's
	}{
		{"one resource", ep(app, "GET", "/a"), ep(app, "POST", "/a"), true, appLog},
		{"two resources", ep(app, "GET", "/a"), ep(app, "GET", "/b"), true, appLog},
		{"nested router", ep(app, "GET", "/api/c"), ep(app, "GET", "/api/d"), true, apiLog},
		{"router against app", ep(app, "GET", "/api/c"), ep(app, "GET", "/a"), false, apiLog},
		{"endpoint level", ep(app, "PUT", "/api/d"), ep(app, "GET", "/api/d"), false, epLog},
		{"no configuration", ep(bare, "GET", "/e"), ep(bare, "GET", "/f"), true, nil},
	} {
		if same := tc.a.errors == tc.b.errors; same != tc.same {
			t.Errorf("%s: shared %v, want %v", tc.name, same, tc.same)
		}
		if tc.a.errors.Logger != tc.logger {
			t.Errorf("%s: wrong logger", tc.name)
		}
	}
	if app.errors.Logger != appLog || bare.errors.Logger != nil {
		t.Error("the app's own error mapping has the wrong logger")
	}
}
