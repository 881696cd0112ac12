package mw_test

import (
	"testing"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/view"
)

func TestGuard(t *testing.T) {
	byToken := func(r view.Request) bool {
		v, _ := r.Header("Auth-Token")
		return v == "letmein"
	}
	tests := []struct {
		name    string
		target  string
		headers []string
		status  int
		body    string
	}{
		{"right token", "/ping", []string{"Auth-Token", "letmein"}, 200, "pong"},
		{"wrong token", "/ping", []string{"Auth-Token", "nope"}, 403, `"status":403`},
		{"no token", "/ping", nil, 403, `"title":"Forbidden"`},
		{"router level", "/admin/stats", nil, 403, `"status":403`},
		{"router level, right token", "/admin/stats", []string{"Auth-Token", "letmein"}, 200, "stats"},
		{"unguarded", "/open", nil, 200, "open"},
	}
	var ran int
	app := newApp()
	app.At("/ping").Use(mw.Guard(byToken)).Get(func() string { ran++; return "pong" })
	app.Nest("/admin", func(r *tideway.Router) {
		r.Use(mw.Guard(byToken))
		r.At("/stats").Get(func() string { ran++; return "stats" })
	})
	app.At("/open").Get(func() string { ran++; return "open" })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran = 0
			w := serve(app, "GET", tt.target, "", tt.headers...)
			expect(t, w, tt.status, tt.body)
			if want := b2i(tt.status == 200); ran != want {
				t.Errorf("handler ran %d times, want %d", ran, want)
			}
		})
	}
}

func TestGuardNil(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Guard(nil) did not panic")
		}
	}()
	mw.Guard(nil)
}
