package mw_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/mw"
)

func TestRequestID(t *testing.T) {
	long := strings.Repeat("a", 128)
	tests := []struct {
		name     string
		incoming []string
		want     string // "" means a new random ID
	}{
		{"none", nil, ""},
		{"valid", []string{"X-Request-ID", "abc.DEF_1:2-3"}, "abc.DEF_1:2-3"},
		{"128 chars", []string{"X-Request-ID", long}, long},
		{"129 chars", []string{"X-Request-ID", long + "a"}, ""},
		{"empty", []string{"X-Request-ID", ""}, ""},
		{"space", []string{"X-Request-ID", "a b"}, ""},
		{"markup", []string{"X-Request-ID", "<script>"}, ""},
		{"newline", []string{"X-Request-ID", "a\r\nSet-Cookie: x=1"}, ""},
		{"non-ASCII", []string{"X-Request-ID", "café"}, ""},
		{"lowercase header name", []string{"x-request-id", "lower"}, "lower"},
	}
	app := newApp()
	app.Use(mw.RequestID())
	app.At("/").Get(func(ctx context.Context) string { return mw.RequestIDFrom(ctx) })
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(app, "GET", "/", "", tt.incoming...)
			got := w.Headers.Get("X-Request-ID")
			if body := w.Body.String(); body != got {
				t.Errorf("handler saw %q, response header %q", body, got)
			}
			switch {
			case tt.want != "" && got != tt.want:
				t.Errorf("ID %q, want %q", got, tt.want)
			case tt.want == "" && (len(got) != 32 || strings.Trim(got, "0123456789abcdef") != "" || seen[got]):
				t.Errorf("ID %q, want 32 new hex digits", got)
			}
			seen[got] = true
		})
	}
}

func TestRequestIDWith(t *testing.T) {
	app := newApp()
	app.Use(mw.RequestIDWith(mw.RequestIDOptions{Header: "X-Trace", Generate: func() string { return "fixed" }}))
	app.At("/").Get(func(ctx context.Context) string { return mw.RequestIDFrom(ctx) })
	for _, tt := range []struct {
		incoming []string
		want     string
	}{
		{nil, "fixed"},
		{[]string{"X-Trace", "t-1"}, "t-1"},
		{[]string{"X-Request-ID", "ignored"}, "fixed"},
	} {
		w := serve(app, "GET", "/", "", tt.incoming...)
		if w.Headers.Get("X-Trace") != tt.want || w.Body.String() != tt.want || w.Headers.Get("X-Request-ID") != "" {
			t.Errorf("%v: got header %q body %q, want %q", tt.incoming, w.Headers.Get("X-Trace"), w.Body.String(), tt.want)
		}
	}
	if id := mw.RequestIDFrom(context.Background()); id != "" {
		t.Errorf("RequestIDFrom(Background) = %q", id)
	}
}
