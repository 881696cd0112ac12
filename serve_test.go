package tideway

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/internal/viewtest"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// targetApp is an app of raw handlers for the tests of Slot.Target.
func targetApp(t *testing.T) *App {
	t.Helper()
	app := quietApp(t)
	app.Config(Config{Limits: Limits{URILength: 64}})
	app.At("/users/{name}").Get(func(c *Call) error {
		c.Response.SetHeader("X-Method", c.Method())
		_, err := c.Response.Write([]byte("user " + c.Param("name")))
		return err
	}).Put(func(c *Call) error { return nil })
	app.At("/boom").Get(func(c *Call) error { panic("boom") })
	return app
}

// TestSlotTarget checks that a request served with the target given ahead
// (Slot.Target) is answered as one whose target the app reads from the
// request view.
func TestSlotTarget(t *testing.T) {
	app := targetApp(t)
	long := strings.Repeat("q", 64)
	for _, tc := range []struct {
		name, method, target string
		plain                bool // the path holds no '%'
		status               int
		body                 string
		header               [2]string
	}{
		{"param", "GET", "/users/ann", true, 200, "user ann", [2]string{"X-Method", "GET"}},
		{"escaped param", "GET", "/users/a%2Fb", false, 200, "user a/b", [2]string{}},
		{"escaped literal", "GET", "/us%65rs/bo", false, 200, "user bo", [2]string{}},
		{"head served by get", "HEAD", "/users/ann", true, 200, "", [2]string{"X-Method", "GET"}},
		{"405", "DELETE", "/users/ann", true, 405, "not allowed", [2]string{"Allow", "GET, HEAD, PUT"}},
		{"options", "OPTIONS", "/users/ann", true, 204, "", [2]string{"Allow", "GET, HEAD, PUT, OPTIONS"}},
		{"404", "GET", "/nowhere", true, 404, "no route", [2]string{}},
		{"400", "GET", "/users/%zz", false, 400, "percent-escape", [2]string{}},
		{"414 by the query", "GET", "/users/ann?" + long, true, 414, "longer than the limit", [2]string{}},
		{"panic", "GET", "/boom", true, 500, "internal server error", [2]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, given := range []bool{false, true} {
				var s Slot
				r := viewtest.NewRequest(tc.method, tc.target, "")
				if given {
					s.Target(r.Method(), r.Path(), len(r.RawQuery()), tc.plain)
				}
				w := viewtest.NewResponse()
				if !app.ServeSlot(&s, w, r) {
					t.Fatalf("target given %v: slot not free", given)
				}
				if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.body) ||
					(tc.header[0] != "" && w.Headers.Get(tc.header[0]) != tc.header[1]) {
					t.Errorf("target given %v: %d %q %v; want %d containing %q and %v",
						given, w.Code, w.Body.String(), w.Headers, tc.status, tc.body, tc.header)
				}
			}
		})
	}
}

// TestSlotReuse checks that a Slot serves one request per Target, and can
// move from one app to another.
func TestSlotReuse(t *testing.T) {
	app, other := targetApp(t), quietApp(t)
	other.At("/users/{name}").Get(func(c *Call) error {
		_, err := c.Response.Write([]byte("other " + c.Param("name")))
		return err
	})
	var s Slot
	for i, tc := range []struct {
		app    *App
		target string // given with Slot.Target, or ""
		path   string // the request view's
		body   string
	}{
		{app, "/users/given", "/users/given", "user given"},
		{app, "", "/users/view", "user view"}, // the last Target does not stick
		{other, "/users/b", "/users/b", "other b"},
		{app, "", "/users/c", "user c"},
		{app, "/users/a%20b", "/users/a%20b", "user a b"},
		{app, "/users/d", "/users/d", "user d"},
	} {
		r := viewtest.NewRequest("GET", tc.path, "")
		if tc.target != "" {
			s.Target("GET", tc.target, 0, !strings.Contains(tc.target, "%"))
		}
		w := viewtest.NewResponse()
		if !tc.app.ServeSlot(&s, w, r) || w.Code != 200 || w.Body.String() != tc.body {
			t.Errorf("request %d: %d %q, want 200 %q", i, w.Code, w.Body.String(), tc.body)
		}
	}
}

// TestPanicsInMiddleware checks the recovery around the whole chain: a
// panic in middleware is answered 500, http.ErrAbortHandler goes on to the
// server, and so does a panic after the response started, to cut it short.
func TestPanicsInMiddleware(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mw     Middleware
		status int    // the answer, when the panic is recovered
		repan  error  // the panic that must reach the server, if any
		body   string // the body written before it
	}{
		{"before next", func(c *Call, next Next) error { panic("mw") }, 500, nil, ""},
		{"after next", func(c *Call, next Next) error { _ = next(c); panic("mw") }, 200, http.ErrAbortHandler, "ok"},
		{"abort handler", func(c *Call, next Next) error { panic(http.ErrAbortHandler) }, 0, http.ErrAbortHandler, ""},
		{"error after the response started", func(c *Call, next Next) error { _ = next(c); return errors.New("late") }, 200, http.ErrAbortHandler, "ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := quietApp(t)
			app.Use(func(c *Call, next Next) error {
				if c.Request.Path() == "/next" {
					return next(c)
				}
				return tc.mw(c, next)
			})
			ok := func(c *Call) error { _, err := c.Response.Write([]byte("ok")); return err }
			app.At("/ok").Get(ok)
			app.At("/next").Get(ok)
			w := viewtest.NewResponse()
			var s Slot
			var got any
			func() {
				defer func() { got = recover() }()
				app.ServeSlot(&s, w, viewtest.NewRequest("GET", "/ok", ""))
			}()
			if got != tc.repan {
				t.Errorf("the server saw panic %v, want %v", got, tc.repan)
			}
			if tc.status != 0 && (w.Code != tc.status || !strings.Contains(w.Body.String(), tc.body)) {
				t.Errorf("answered %d %q, want %d with %q", w.Code, w.Body.String(), tc.status, tc.body)
			}
			// The slot serves the next request normally.
			w = viewtest.NewResponse()
			if !app.ServeSlot(&s, w, viewtest.NewRequest("GET", "/next", "")) || w.Code != 200 || w.Body.String() != "ok" {
				t.Errorf("after the panic, the slot answered %d %q", w.Code, w.Body.String())
			}
		})
	}
}

// TestDetach checks that a detached request keeps its slot or exchange,
// with its parameters, until both the chain and the detached code are done.
func TestDetach(t *testing.T) {
	for _, slot := range []bool{false, true} {
		app := quietApp(t)
		var release func()
		var held *Call
		app.At("/d/{id}").Get(func(c *Call) error {
			release, held = c.Detach(), c
			return nil
		})
		w := viewtest.NewResponse()
		r := viewtest.NewRequest("GET", "/d/42", "")
		if slot {
			var s Slot
			if app.ServeSlot(&s, w, r) {
				t.Error("ServeSlot reported a detached slot free")
			}
		} else {
			app.ServeView(w, r)
		}
		if got := held.Param("id"); got != "42" || held.Pattern() != "/d/{id}" || held.Request != r {
			t.Errorf("slot %v: after the chain, the detached call has id %q, pattern %q", slot, got, held.Pattern())
		}
		release()
		if held.Request != nil {
			t.Errorf("slot %v: the released call still holds its request", slot)
		}
	}
}

type pointerResponder struct{ A int }

func (*pointerResponder) Respond(w view.Response, _ view.Request) error {
	w.WriteHeader(http.StatusAccepted)
	return nil
}

type valueResponder struct{ A int }

func (valueResponder) Respond(w view.Response, _ view.Request) error {
	w.WriteHeader(http.StatusAccepted)
	return nil
}

// TestPlainJSON checks which result types skip respond.Value, and that
// their answers are the ones Value gives.
func TestPlainJSON(t *testing.T) {
	type pair struct {
		A int    `json:"a"`
		B string `json:"b"`
	}
	for _, tc := range []struct {
		name  string
		value any // a result of the type, answered through the app
		plain bool
	}{
		{"struct", pair{1, "x"}, true},
		{"map", map[string]int{"a": 1}, true},
		{"nil map", map[string]int(nil), true},
		{"slice", []int{1, 2}, true},
		{"nil slice", []pair(nil), true},
		{"array", [2]int{1, 2}, true},
		{"named bytes", json.RawMessage(`{"a":1}`), true},
		{"struct, Responder through a pointer", pointerResponder{3}, true},
		{"bytes", []byte("raw"), false},
		{"string", "text", false},
		{"int", 7, false},
		{"pointer", &pair{2, "y"}, false},
		{"nil pointer", (*pair)(nil), false},
		{"Responder", valueResponder{4}, false},
		{"respond.Text", respond.Text{Body: "t"}, false},
	} {
		typ := reflect.TypeOf(tc.value)
		if got := plainJSON(typ); got != tc.plain {
			t.Errorf("%s: plainJSON(%v) = %v, want %v", tc.name, typ, got, tc.plain)
		}
		// A handler of exactly this result type, built by reflection.
		fn := reflect.MakeFunc(reflect.FuncOf(nil, []reflect.Type{typ, reflect.TypeFor[error]()}, false),
			func([]reflect.Value) []reflect.Value {
				return []reflect.Value{reflect.ValueOf(tc.value), reflect.Zero(reflect.TypeFor[error]())}
			}).Interface()
		app := quietApp(t)
		app.At("/v").Get(fn)
		got := serve(app, "GET", "/v", "")
		want := viewtest.NewResponse()
		if err := respond.Value(want, viewtest.NewRequest("GET", "/v", ""), tc.value); err != nil {
			t.Fatalf("%s: respond.Value: %v", tc.name, err)
		}
		if got.Code != want.Code || got.Body.String() != want.Body.String() ||
			got.Headers.Get("Content-Type") != want.Headers.Get("Content-Type") {
			t.Errorf("%s: served %d %q %v, respond.Value gives %d %q %v", tc.name,
				got.Code, got.Body.String(), got.Headers, want.Code, want.Body.String(), want.Headers)
		}
	}
}
