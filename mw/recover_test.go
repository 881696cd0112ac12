package mw_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
)

func TestRecover(t *testing.T) {
	tests := []struct {
		name   string
		target string
		status int
		body   string
		logged string // a part of the log record, or "" for none
	}{
		{"panic with a string", "/boom/1", 500, `"detail":"internal server error"`, `"panic":"kaboom"`},
		{"panic with an error", "/err", 500, `"status":500`, `"panic":"broken"`},
		{"then a normal request", "/ok", 200, "fine", ""},
		{"no route", "/nowhere", 404, `"status":404`, ""},
	}
	var logs bytes.Buffer
	var seen error
	app := newApp()
	app.Use(func(c *tideway.Call, next tideway.Next) error {
		seen = next(c) // what an outer middleware such as Logger sees
		return seen
	}, mw.Recover(jsonLog(&logs)))
	type boomID struct {
		ID string `path:"id"`
	}
	app.At("/boom/{id}").Get(func(boomID) string { panic("kaboom") })
	app.At("/err").Get(func() string { panic(errors.New("broken")) })
	app.At("/ok").Get(func() string { return "fine" })

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			w := serve(app, "GET", tt.target, "")
			expect(t, w, tt.status, tt.body)
			var pe *tideway.PanicError
			if got := errors.As(seen, &pe); got != (tt.logged != "") {
				t.Errorf("outer middleware saw %v, want a PanicError: %v", seen, tt.logged != "")
			}
			if tt.logged == "" {
				if logs.Len() != 0 {
					t.Errorf("unexpected log: %s", logs.String())
				}
				return
			}
			var rec map[string]any
			if err := json.Unmarshal(logs.Bytes(), &rec); err != nil {
				t.Fatalf("log %q: %v", logs.String(), err)
			}
			if !strings.Contains(logs.String(), tt.logged) || rec["level"] != "ERROR" || rec["method"] != "GET" ||
				rec["route"] == "" || !strings.Contains(rec["stack"].(string), "recover_test.go") {
				t.Errorf("log record %s", logs.String())
			}
			if strings.Contains(w.Body.String(), "kaboom") || strings.Contains(w.Body.String(), "broken") {
				t.Errorf("panic value reached the client: %s", w.Body.String())
			}
		})
	}
	if !strings.Contains(func() string { logs.Reset(); serve(app, "GET", "/boom/7", ""); return logs.String() }(), `"route":"/boom/{id}"`) {
		t.Errorf("log names the path, not the route: %s", logs.String())
	}
}

func TestRecoverAbortHandler(t *testing.T) {
	app := newApp()
	app.Use(mw.Recover(nil))
	app.At("/abort").Get(func() string { panic(http.ErrAbortHandler) })
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler to pass through", p)
		}
	}()
	serve(app, "GET", "/abort", "")
	t.Error("ServeView returned normally")
}
