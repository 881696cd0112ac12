package mw_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
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

// TestRequestIDInErrorLogs checks that the log lines written about a
// failed request name its ID: the error mapping's for a handler error,
// the app's and Recover's for a panic, Timeout's for a panic after the
// deadline.
func TestRequestIDInErrorLogs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		setup   func(app *tideway.App, log *slog.Logger)
		handler any
		msg     string
	}{
		{"handler error", func(*tideway.App, *slog.Logger) {}, func() error { return errors.New("db down") }, "respond: internal error"},
		{"panic, app", func(*tideway.App, *slog.Logger) {}, func() error { panic("boom") }, "panic recovered"},
		{"panic, Recover", func(app *tideway.App, log *slog.Logger) { app.Use(mw.Recover(log)) }, func() error { panic("boom") }, "panic recovered"},
		{"panic after timeout", func(app *tideway.App, _ *slog.Logger) { app.Use(mw.Timeout(time.Millisecond)) }, func(ctx context.Context) error {
			<-ctx.Done()
			time.Sleep(5 * time.Millisecond)
			panic("late")
		}, "panic recovered after timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf lockedBuffer
			log := slog.New(slog.NewJSONHandler(&buf, nil))
			app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: log}))
			app.Use(mw.RequestID())
			tc.setup(app, log)
			app.At("/").Get(tc.handler)
			w := serve(app, "GET", "/", "", "X-Request-ID", "req-42")
			if w.Code < 500 {
				t.Fatalf("status %d, want a 5xx", w.Code)
			}
			deadline := time.Now().Add(2 * time.Second)
			for !strings.Contains(buf.String(), tc.msg) && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond) // Timeout logs from its own goroutine
			}
			for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
				var rec map[string]any
				if err := json.Unmarshal([]byte(line), &rec); err != nil {
					t.Fatalf("log line %q: %v", line, err)
				}
				if rec["msg"] == tc.msg {
					if rec["request_id"] != "req-42" {
						t.Errorf("%q logged request_id %v, want req-42: %s", tc.msg, rec["request_id"], line)
					}
					return
				}
			}
			t.Errorf("no %q line in the log:\n%s", tc.msg, buf.String())
		})
	}
}
