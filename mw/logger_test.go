package mw_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/respond"
)

func TestLogger(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		target  string
		headers []string
		status  int
		route   string
		bytes   int
	}{
		{"ok", "GET", "/hello/ann", nil, 200, "/hello/{name}", len("hello ann")},
		{"handler error", "GET", "/missing", nil, 404, "/missing", -1},
		{"no route", "GET", "/nowhere", nil, 404, "/nowhere", -1},
		{"wrong method: no route", "DELETE", "/hello/ann", nil, 405, "/hello/ann", -1},
		{"head", "HEAD", "/hello/ann", nil, 200, "/hello/{name}", 0},
		{"panic under Recover", "GET", "/panic", nil, 500, "/panic", -1},
		{"no content", "POST", "/hello/ann", nil, 204, "/hello/{name}", 0},
	}
	var logs bytes.Buffer
	app := newApp()
	app.Use(mw.Logger(jsonLog(&logs)), mw.Recover(jsonLog(new(bytes.Buffer))))
	type name struct {
		Name string `path:"name"`
	}
	app.At("/hello/{name}").Get(func(n name) string { return "hello " + n.Name }).Post(func(name) {})
	app.At("/missing").Get(func() error { return respond.ErrNotFound })
	app.At("/panic").Get(func() string { panic("no") })

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			w := serve(app, tt.method, tt.target, "", tt.headers...)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			rec := decodeLog(t, &logs)
			if tt.bytes < 0 {
				tt.bytes = w.Body.Len()
			}
			if rec["msg"] != "request" || rec["level"] != "INFO" || rec["method"] != tt.method || rec["route"] != tt.route ||
				rec["status"] != float64(tt.status) || rec["bytes"] != float64(tt.bytes) {
				t.Errorf("log record %v\nwant %s %s %d, %d bytes", rec, tt.method, tt.route, tt.status, tt.bytes)
			}
			if _, ok := rec["duration_us"].(float64); !ok {
				t.Errorf("no duration_us in %v", rec)
			}
			if _, ok := rec["request_id"]; ok {
				t.Errorf("request_id without RequestID: %v", rec)
			}
		})
	}
}

func TestLoggerRequestID(t *testing.T) {
	tests := []struct {
		name string
		mws  []tideway.Middleware
		want string
	}{
		{"RequestID outside", []tideway.Middleware{mw.RequestID(), nil}, "abc-123"},
		{"custom header outside", []tideway.Middleware{mw.RequestIDWith(mw.RequestIDOptions{Header: "X-Trace"}), nil}, "abc-123"},
		{"header set by other middleware", []tideway.Middleware{setHeader("X-Request-ID", "from-proxy"), nil}, "from-proxy"},
		{"RequestID inside: from the header", []tideway.Middleware{nil, mw.RequestID()}, "abc-123"},
		{"no ID", []tideway.Middleware{nil}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			app := newApp()
			for _, m := range tt.mws {
				if m == nil {
					m = mw.Logger(jsonLog(&logs))
				}
				app.Use(m)
			}
			app.At("/").Get(func() string { return "ok" })
			serve(app, "GET", "/", "", "X-Request-ID", "abc-123", "X-Trace", "abc-123")
			if got, _ := decodeLog(t, &logs)["request_id"].(string); got != tt.want {
				t.Errorf("request_id %q, want %q", got, tt.want)
			}
		})
	}
}

// setHeader returns middleware that sets a response header.
func setHeader(name, value string) tideway.Middleware {
	return func(c *tideway.Call, next tideway.Next) error {
		c.Response.SetHeader(name, value)
		return next(c)
	}
}

// decodeLog decodes the one JSON record in buf.
func decodeLog(t *testing.T, buf *bytes.Buffer) map[string]any {
	t.Helper()
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("log %q: %v", buf.String(), err)
	}
	return rec
}
