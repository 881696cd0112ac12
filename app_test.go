package tideway

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/internal/viewtest"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

type store struct{ name string }

type byName struct {
	Name string `path:"name"`
}

type note struct {
	Text string `json:"text" validate:"required"`
}

type stateOf struct {
	S *store `state:""`
}

// serve sends one request through app and returns the recorded response.
func serve(app *App, method, target, body string, headers ...string) *viewtest.Response {
	w := viewtest.NewResponse()
	app.ServeView(w, viewtest.NewRequest(method, target, body, headers...))
	return w
}

func quietApp(t *testing.T) *App {
	t.Helper()
	return New(&store{name: "db"}, WithConfig(Config{Logger: slog.New(slog.DiscardHandler)}))
}

func TestServe(t *testing.T) {
	app := quietApp(t)
	app.At("/users/{name}").Get(func(n byName) string { return "user " + n.Name }).
		Put(func(n byName, b note) error { return nil })
	app.At("/users/new").Get(func() string { return "form" })
	app.At("/state").Get(func(s stateOf) string { return s.S.name })
	app.At("/files/{path...}").Get(func(p struct {
		Path []string `path:"path"`
	}) []string {
		return p.Path
	})
	app.At("/missing").Get(func() (*note, error) { return nil, nil })
	app.At("/gone").Get(func() error { return respond.ErrNotFound })
	app.At("/boom").Get(func() string { panic("boom") })
	app.At("/fail").Get(func() error { return errors.New("secret database detail") })
	app.At("/raw").Get(func(w view.Response, r view.Request) { w.SetHeader("X-Raw", r.Method()); w.WriteHeader(299) })
	app.At("/opt").Handle("OPTIONS", func() string { return "custom options" }, Config{})

	for _, tc := range []struct {
		method, target, body string
		headers              []string
		status               int
		bodyHas              string
		header               [2]string
	}{
		{"GET", "/users/ann", "", nil, 200, "user ann", [2]string{}},
		{"GET", "/users/new", "", nil, 200, "form", [2]string{}},
		{"GET", "/users/a%2Fb", "", nil, 200, "user a/b", [2]string{}},
		{"HEAD", "/users/ann", "", nil, 200, "", [2]string{"Content-Type", "text/plain; charset=utf-8"}},
		{"GET", "/state", "", nil, 200, "db", [2]string{}},
		{"GET", "/files/a/b%2Fc", "", nil, 200, `["a","b/c"]`, [2]string{"Content-Type", "application/json"}},
		{"GET", "/missing", "", nil, 204, "", [2]string{}},
		{"PUT", "/users/ann", `{"text":"x"}`, []string{"Content-Type", "application/json"}, 204, "", [2]string{}},
		{"PUT", "/users/ann", `{}`, []string{"Content-Type", "application/json"}, 422, `"field":"text"`, [2]string{"Content-Type", "application/problem+json"}},
		{"PUT", "/users/ann", `{}`, nil, 415, "Content-Type", [2]string{}},
		{"DELETE", "/users/ann", "", nil, 405, `"status":405`, [2]string{"Allow", "GET, HEAD, PUT"}},
		{"OPTIONS", "/users/ann", "", nil, 204, "", [2]string{"Allow", "GET, HEAD, PUT, OPTIONS"}},
		{"OPTIONS", "/opt", "", nil, 200, "custom options", [2]string{}},
		{"GET", "/nowhere", "", nil, 404, `"status":404`, [2]string{"Content-Type", "application/problem+json"}},
		{"GET", "/users/%zz", "", nil, 400, "percent-escape", [2]string{}},
		{"GET", "/gone", "", nil, 404, `"title":"Not Found"`, [2]string{}},
		{"GET", "/boom", "", nil, 500, "internal server error", [2]string{}},
		{"GET", "/fail", "", nil, 500, "internal server error", [2]string{}},
		{"GET", "/raw", "", nil, 299, "", [2]string{"X-Raw", "GET"}},
	} {
		w := serve(app, tc.method, tc.target, tc.body, tc.headers...)
		if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.bodyHas) || (tc.header[0] != "" && w.Headers.Get(tc.header[0]) != tc.header[1]) {
			t.Errorf("%s %s: %d %q %v; want %d containing %q and %v", tc.method, tc.target, w.Code, w.Body.String(), w.Headers, tc.status, tc.bodyHas, tc.header)
		}
		if strings.Contains(w.Body.String(), "secret") {
			t.Errorf("%s %s leaks the internal error: %s", tc.method, tc.target, w.Body.String())
		}
	}
}

func TestNestAndRoutes(t *testing.T) {
	app := quietApp(t)
	app.Nest("/api", func(api *Router) {
		api.At("/v1/{name}").Get(func(n byName) string { return "v1 " + n.Name })
		api.At("/v2").Nest(func(v2 *Router) {
			v2.At("/{name}").Get(func(n byName) string { return "v2 " + n.Name })
		})
	})
	for target, want := range map[string]string{"/api/v1/x": "v1 x", "/api/v2/y": "v2 y"} {
		if w := serve(app, "GET", target, ""); w.Body.String() != want {
			t.Errorf("GET %s = %q, want %q", target, w.Body.String(), want)
		}
	}
	routes := app.Routes()
	if len(routes) != 2 || routes[0].Pattern != "/api/v1/{name}" || routes[1].Pattern != "/api/v2/{name}" ||
		!strings.HasSuffix(routes[0].Handler, "TestNestAndRoutes.func1.1") || !strings.HasSuffix(routes[0].Source.File, "app_test.go") {
		t.Errorf("Routes() = %+v", routes)
	}
	if s := app.String(); !strings.Contains(s, "GET\t/api/v2/{name}\t") {
		t.Errorf("String() = %q", s)
	}
	if e := app.Explain("GET", "/api/v1/x"); e.Served != "/api/v1/{name}" {
		t.Errorf("Explain = %v", e)
	}
}

func TestConfigLevels(t *testing.T) {
	body := `{"text":"` + strings.Repeat("x", 300) + `"}`
	h := func(n note) {}
	app := New(nil, WithConfig(Config{BodyLimit: 100, Logger: slog.New(slog.DiscardHandler)}))
	app.At("/app").Post(h)
	api := app.Nest("/api", nil).Config(Config{BodyLimit: 200})
	api.At("/router").Post(h)
	res := api.At("/resource").Config(Config{BodyLimit: 1000})
	res.Post(h)
	if err := api.At("/endpoint").Handle("POST", h, Config{BodyLimit: 50}); err != nil {
		t.Fatal(err)
	}
	api.At("/unknown").Config(Config{Unknown: Ignore}).Post(h)
	ct := []string{"Content-Type", "application/json"}
	for _, tc := range []struct {
		target string
		body   string
		status int
	}{
		{"/app", body, 413},          // app default 100
		{"/api/router", body, 413},   // router 200
		{"/api/resource", body, 204}, // resource 1000 beats router 200
		{"/api/endpoint", `{"text":"` + strings.Repeat("y", 60) + `"}`, 413}, // endpoint 50 beats router 200
		{"/api/router", `{"text":"a","x":1}`, 400},                           // unknown fields rejected by default
		{"/api/unknown", `{"text":"a","x":1}`, 204},                          // resource says ignore
	} {
		if w := serve(app, "POST", tc.target, tc.body, ct...); w.Code != tc.status {
			t.Errorf("POST %s: %d %s, want %d", tc.target, w.Code, w.Body.String(), tc.status)
		}
	}
}

func TestRegistrationErrors(t *testing.T) {
	app := quietApp(t)
	app.At("/a/{id}").Get(func(p struct {
		ID int `path:"id"`
	}) {
	})
	var ce *route.ConflictError
	if err := app.At("/a/{x}").Handle("GET", func(p struct {
		X int `path:"x"`
	}) {
	}, Config{}); !errors.As(err, &ce) {
		t.Errorf("conflict: %v", err)
	}
	var pe *bind.PlanError
	if err := app.At("/b/{id}").Handle("GET", func(byName) {}, Config{}); !errors.As(err, &pe) || !strings.Contains(err.Error(), "GET /b/{id}") {
		t.Errorf("plan: %v", err)
	}
	var pte *route.PatternError
	if err := app.At("/c/{").Handle("GET", func() {}, Config{}); !errors.As(err, &pte) {
		t.Errorf("pattern: %v", err)
	}
	var me *route.MethodError
	if err := app.At("/low").Handle("get", func() {}, Config{}); !errors.As(err, &me) || me.Standard != "GET" {
		t.Errorf("lower-case method: %v, want a *route.MethodError naming GET", err)
	}
	defer func() {
		if err, ok := recover().(error); !ok || !errors.As(err, &pe) {
			t.Errorf("Get did not panic with *bind.PlanError: %v", err)
		}
	}()
	app.At("/d").Get(func(byName) {})
}

func TestWithState(t *testing.T) {
	type counter struct{ n int }
	app := New(&store{name: "db"}, WithState(&counter{n: 3}), WithConfig(Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/").Get(func(s struct {
		DB *store   `state:""`
		C  *counter `state:""`
	}) string {
		return s.DB.name + strings.Repeat("!", s.C.n)
	})
	if w := serve(app, "GET", "/", ""); w.Body.String() != "db!!!" {
		t.Errorf("got %q", w.Body.String())
	}
	if app.Validator() == nil || app.QueryDecoder() == nil {
		t.Error("nil validator or decoder")
	}
}

func TestHandlerPanicAbort(t *testing.T) {
	app := quietApp(t)
	app.At("/").Get(func() { panic(http.ErrAbortHandler) })
	defer func() {
		if recover() != http.ErrAbortHandler {
			t.Error("http.ErrAbortHandler was not re-panicked")
		}
	}()
	serve(app, "GET", "/", "")
}

func TestPanicLoggedOnce(t *testing.T) {
	var buf strings.Builder
	app := New(nil, WithConfig(Config{Logger: slog.New(slog.NewTextHandler(&buf, nil))}))
	app.At("/boom").Get(func() string { panic("kaboom") })
	app.At("/ok").Get(func() string { return "ok" })
	w := serve(app, "GET", "/boom", "")
	if w.Code != 500 || strings.Contains(w.Body.String(), "kaboom") {
		t.Errorf("got %d %q", w.Code, w.Body.String())
	}
	if n := strings.Count(buf.String(), "panic recovered"); n != 1 || !strings.Contains(buf.String(), "kaboom") || !strings.Contains(buf.String(), "route=/boom") {
		t.Errorf("logged %d times:\n%s", n, buf.String())
	}
	if w := serve(app, "GET", "/ok", ""); w.Code != 200 || w.Body.String() != "ok" {
		t.Errorf("the app stopped serving normally after a panic: %d", w.Code)
	}
}

func TestRawHandler(t *testing.T) {
	app := quietApp(t)
	app.At("/repos/{owner}/{repo...}").Get(func(c *Call) error {
		c.Response.SetHeader("X-Route", c.Pattern())
		_, err := c.Response.Write([]byte(c.Param("owner") + " " + c.Param("repo") + " [" + c.Param("nope") + "]"))
		return err
	})
	app.At("/fail").Get(func(c *Call) error { return respond.ErrConflict })
	pong := []byte("pong")
	app.At("/ping/{id}").Get(func(c *Call) error {
		if c.Param("id") == "" {
			return respond.ErrBadRequest
		}
		_, err := c.Response.Write(pong)
		return err
	})
	w := serve(app, "GET", "/repos/a%20b/c/d", "")
	if w.Code != 200 || w.Body.String() != "a b c/d []" || w.Headers.Get("X-Route") != "/repos/{owner}/{repo...}" {
		t.Errorf("got %d %q %v", w.Code, w.Body.String(), w.Headers)
	}
	if w := serve(app, "GET", "/fail", ""); w.Code != 409 {
		t.Errorf("raw handler error: %d", w.Code)
	}
	for _, r := range app.Routes() {
		if r.Pattern == "/repos/{owner}/{repo...}" && !strings.HasSuffix(r.Handler, "TestRawHandler.func1") {
			t.Errorf("Routes() names the raw handler %q", r.Handler)
		}
	}
	var c Call
	if c.Param("x") != "" {
		t.Error("Param on a Call with no route")
	}
	if raceEnabled {
		return // sync.Pool drops items at random under the race detector
	}
	req := viewtest.NewRequest("GET", "/ping/7", "")
	w = viewtest.NewResponse()
	if allocs := testing.AllocsPerRun(100, func() { w.Code = 0; w.Body.Reset(); app.ServeView(w, req) }); allocs != 0 {
		t.Errorf("a raw handler costs %v allocations per request, want 0", allocs)
	}
}

func TestPrepareMayFlush(t *testing.T) {
	app := quietApp(t)
	app.At("/json/{name}").Get(func(n byName) note { return note{} })
	app.At("/text").Get(func() string { return "" })
	app.At("/none").Get(func() {})
	app.At("/created").Get(func() respond.Created[int] { return respond.Created[int]{Location: "/x", Value: 1} })
	app.At("/stream").Get(func() respond.Stream { return respond.Stream{} })
	app.At("/sse").Get(func() (respond.SSE, error) { return respond.SSE{}, nil })
	app.At("/any").Get(func() any { return nil })
	app.At("/responder").Get(func() respond.Responder { return nil })
	app.At("/raw").Get(func(c *Call) error { return nil })
	app.At("/writer").Get(func(w view.Response) {})
	app.At("/own").Get(func() ownResponder { return ownResponder{} })
	for path, want := range map[string]bool{
		"/json/x": false, "/text": false, "/none": false, "/created": false, "/nowhere": false,
		"/stream": true, "/sse": true, "/any": true, "/responder": true, "/raw": true, "/writer": true, "/own": true,
	} {
		var s Slot
		if got := app.Prepare(&s, "GET", path); got != want {
			t.Errorf("Prepare(GET %s) = %v, want %v", path, got, want)
		}
		w := viewtest.NewResponse()
		if !app.ServeSlot(&s, w, viewtest.NewRequest("GET", path, "")) {
			t.Errorf("GET %s: slot not free", path)
		}
		if path == "/json/x" && (w.Code != 200 || w.Body.String() != `{"text":""}`) {
			t.Errorf("GET /json/x after Prepare: %d %q", w.Code, w.Body.String())
		}
	}
}

type ownResponder struct{}

func (ownResponder) Respond(w view.Response, r view.Request) error { return nil }

// TestParamNamesShared checks that routes with the same parameter names
// share one list, and that each route reads its own names through it,
// anonymous parameters included.
func TestParamNamesShared(t *testing.T) {
	app := quietApp(t)
	echo := func(names ...string) func(*Call) error {
		return func(c *Call) error {
			var out []string
			for _, n := range names {
				out = append(out, n+"="+c.Param(n))
			}
			_, err := c.Response.Write([]byte(strings.Join(out, " ") + " " + c.Method() + " " + c.Pattern()))
			return err
		}
	}
	app.At("/a/{id}").Get(echo("id", "x"))
	app.At("/b/{id}").Post(echo("id"))
	app.At("/b/{id}").Get(echo("id"))
	app.At("/c/{x}/{id}").Get(echo("x", "id"))
	app.At("/d/{}/{id...}").Get(echo("id", ""))
	app.At("/e/{}").Get(echo(""))
	for _, tc := range []struct{ method, target, want string }{
		{"GET", "/a/1", "id=1 x= GET /a/{id}"},
		{"POST", "/b/2", "id=2 POST /b/{id}"},
		{"HEAD", "/b/2", ""},
		{"GET", "/c/3/4", "x=3 id=4 GET /c/{x}/{id}"},
		{"GET", "/d/5/6/7", "id=6/7 = GET /d/{}/{id...}"},
		{"GET", "/e/8", "= GET /e/{}"},
	} {
		if w := serve(app, tc.method, tc.target, ""); w.Code != 200 || w.Body.String() != tc.want {
			t.Errorf("%s %s: %d %q, want 200 %q", tc.method, tc.target, w.Code, w.Body.String(), tc.want)
		}
	}
	// [id], [x id], ["" id], [""]: four lists for six routes.
	if len(app.names) != 4 {
		t.Errorf("the app keeps %d lists of parameter names, want 4", len(app.names))
	}
}
