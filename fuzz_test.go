package tideway_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/internal/token"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/tidewaytest"
)

type fuzzPath struct {
	ID   uint32    `path:"id"`
	Name string    `path:""`
	When time.Time `path:"when"`
}

type fuzzQuery struct {
	Limit  int8      `query:"limit" validate:"omitempty,min=1,max=100"`
	Ratio  float32   `query:"ratio"`
	Flag   *bool     `query:"flag"`
	Tags   []string  `query:"tag" validate:"max=5"`
	Since  time.Time `query:"since"`
	Filter struct {
		Name string `query:"name" validate:"omitempty,alphanum"`
		Max  uint16 `query:"max"`
	} `query:"filter"`
	Items []struct {
		Name string `query:"name"`
	} `query:"items"`
	Key string `header:"X-Key"`
}

type fuzzBody struct {
	Title string            `json:"title" validate:"required,max=50"`
	Count *int              `json:"count" validate:"omitempty,gte=0"`
	Tags  []string          `json:"tags" validate:"dive,min=1"`
	Meta  map[string]string `json:"meta"`
	Child *struct {
		Name string `json:"name" validate:"required"`
	} `json:"child"`
}

// fuzzApp has a route for every way a request is bound, and handlers that
// never fail on their own, so any 5xx is Tideway's fault.
func fuzzApp() *tideway.App {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler), BodyLimit: 4096}))
	app.At("/p/{id}/{}/{when}").Get(func(p fuzzPath) fuzzPath { return p })
	app.At("/q").Get(func(q fuzzQuery) fuzzQuery { return q })
	app.At("/b/{id}").Post(func(p struct {
		ID uint64 `path:"id"`
	}, b fuzzBody) respond.Created[uint64] {
		return respond.Created[uint64]{Location: "/b/1", Value: p.ID}
	}).Put(func(_ struct {
		_ struct{} `path:"id"`
	}, b *fuzzBody) error {
		return nil
	})
	app.At("/files/{path...}").Get(func(p struct {
		Segs []string `path:"path"`
	}) []string {
		return p.Segs
	})
	app.At("/static/*").Get(func(c *tideway.Call) error { _, err := c.Response.Write([]byte("static")); return err })
	app.At("/users/new").Get(func() string { return "new" })
	app.At("/users/{id}").Get(func(p struct {
		ID int64 `path:"id"`
	}) int64 {
		return p.ID
	})
	return app
}

// FuzzServe sends arbitrary requests through the whole stack, in process:
// routing, binding, validation and responding. Whatever the request, the
// app must not panic or answer 5xx, and every 4xx must be a well-formed
// problem with that status.
func FuzzServe(f *testing.F) {
	for _, s := range [][4]string{
		{"GET", "/p/1/x/2026-01-01T00:00:00Z", "", ""},
		{"GET", "/q?limit=5&tag=a&filter.name=x&items.0.name=y&since=2026-01-01T00:00:00Z", "", ""},
		{"GET", "/q?items.-1.name=x&filter.max=70000&limit=0", "", ""},
		{"POST", "/b/7", "application/json", `{"title":"t","count":1,"tags":["a"],"child":{"name":"c"}}`},
		{"POST", "/b/7", "application/json", `{"title":"t"} {}`},
		{"PUT", "/b/x", "application/merge-patch+json", `[[[[`},
		{"GET", "/files/a%2Fb/c", "", ""},
		{"GET", "/users/new", "", ""},
		{"DELETE", "/users/9223372036854775808", "", ""},
		{"OPTIONS", "/q", "", ""},
		{"get", "/%zz", "", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	client := tidewaytest.New(fuzzApp())
	f.Fuzz(func(t *testing.T, method, target, contentType, body string) {
		if !token.Valid(method) || !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n\t\x00#") || strings.ContainsAny(contentType, "\r\n\x00") {
			return // not a request an HTTP/1.1 server would parse
		}
		res := client.Do(method, target, tidewaytest.Body(contentType, body))
		if res.Status >= 500 {
			t.Fatalf("%s %s (%q, %q): %v", method, target, contentType, body, res)
		}
		if res.Status < 400 || res.Header.Get("Content-Type") != "application/problem+json" {
			if res.Status >= 400 && res.Status != 400 && method != "HEAD" {
				t.Fatalf("%s %s: %d without a problem body: %v", method, target, res.Status, res)
			}
			return // net/http's own plain 400 for a target it cannot parse, or a HEAD
		}
		var p struct {
			Status int
			Title  string
			Errors []struct{ Location, Reason string }
		}
		dec := json.NewDecoder(strings.NewReader(res.Text()))
		if err := dec.Decode(&p); err != nil || p.Status != res.Status || p.Title == "" {
			t.Fatalf("%s %s: malformed problem %v (%v)", method, target, res, err)
		}
		if _, err := dec.Token(); err != io.EOF {
			t.Fatalf("%s %s: data after the problem: %v", method, target, res)
		}
		for _, e := range p.Errors {
			if e.Location == "" || e.Reason == "" {
				t.Fatalf("%s %s: field error without location or reason: %v", method, target, res)
			}
		}
	})
}
