package mw_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
)

func TestCORSOptionsInvalid(t *testing.T) {
	ok := []string{"https://app.example"}
	tests := []struct {
		name   string
		opts   mw.CORSOptions
		option string
	}{
		{"no origins", mw.CORSOptions{}, "AllowedOrigins"},
		{"wildcard with credentials", mw.CORSOptions{AllowedOrigins: []string{"*"}, AllowCredentials: true}, "AllowCredentials"},
		{"trailing slash", mw.CORSOptions{AllowedOrigins: []string{"https://app.example/"}}, "AllowedOrigins"},
		{"path", mw.CORSOptions{AllowedOrigins: []string{"https://app.example/app"}}, "AllowedOrigins"},
		{"query", mw.CORSOptions{AllowedOrigins: []string{"https://app.example?"}}, "AllowedOrigins"},
		{"no scheme", mw.CORSOptions{AllowedOrigins: []string{"app.example"}}, "AllowedOrigins"},
		{"null", mw.CORSOptions{AllowedOrigins: []string{"null"}}, "AllowedOrigins"},
		{"user info", mw.CORSOptions{AllowedOrigins: []string{"https://u@app.example"}}, "AllowedOrigins"},
		{"negative max age", mw.CORSOptions{AllowedOrigins: ok, MaxAge: -time.Second}, "MaxAge"},
		{"header with a space", mw.CORSOptions{AllowedOrigins: ok, AllowedHeaders: []string{"X Bad"}}, "AllowedHeaders"},
		{"two methods in one", mw.CORSOptions{AllowedOrigins: ok, AllowedMethods: []string{"GET,POST"}}, "AllowedMethods"},
		{"empty exposed header", mw.CORSOptions{AllowedOrigins: ok, ExposedHeaders: []string{""}}, "ExposedHeaders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := mw.CORS(tt.opts)
			var ce *mw.CORSError
			if m != nil || !errors.As(err, &ce) || ce.Option != tt.option || !strings.HasPrefix(err.Error(), "mw: CORS option "+tt.option) {
				t.Errorf("CORS(%+v) = %v, %v; want a *CORSError for %s", tt.opts, m != nil, err, tt.option)
			}
		})
	}
	defer func() {
		if _, ok := recover().(*mw.CORSError); !ok {
			t.Error("MustCORS did not panic with a *CORSError")
		}
	}()
	mw.MustCORS(mw.CORSOptions{})
}

func TestCORS(t *testing.T) {
	listed := mw.CORSOptions{
		AllowedOrigins:   []string{"https://App.example", "http://localhost:3000"},
		AllowedMethods:   []string{"GET", "PUT"},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		ExposedHeaders:   []string{"X-Request-ID"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}
	public := mw.CORSOptions{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"*"}}
	echo := mw.CORSOptions{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"}, AllowCredentials: true}
	const (
		preflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
		none          = "-" // the header must be absent
	)
	tests := []struct {
		name    string
		opts    mw.CORSOptions
		method  string
		target  string
		headers []string
		status  int
		served  bool              // whether the route's handler ran
		want    map[string]string // response headers; none for absent
	}{
		{"listed origin", listed, "GET", "/x", []string{"Origin", "https://app.example"}, 200, true, map[string]string{
			"Access-Control-Allow-Origin": "https://app.example", "Access-Control-Allow-Credentials": "true",
			"Access-Control-Expose-Headers": "X-Request-ID", "Vary": "Origin", "Access-Control-Allow-Methods": none}},
		{"other listed origin", listed, "PUT", "/x", []string{"Origin", "http://localhost:3000"}, 200, true, map[string]string{
			"Access-Control-Allow-Origin": "http://localhost:3000"}},
		{"unlisted origin: served, no CORS headers", listed, "GET", "/x", []string{"Origin", "https://evil.example"}, 200, true, map[string]string{
			"Access-Control-Allow-Origin": none, "Access-Control-Allow-Credentials": none, "Vary": "Origin"}},
		{"no origin", listed, "GET", "/x", nil, 200, true, map[string]string{"Access-Control-Allow-Origin": none, "Vary": "Origin"}},
		{"lookalike origin", listed, "GET", "/x", []string{"Origin", "https://app.example.evil"}, 200, true, map[string]string{"Access-Control-Allow-Origin": none}},
		{"preflight", listed, "OPTIONS", "/x", []string{"Origin", "https://app.example", "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization"}, 204, false, map[string]string{
			"Access-Control-Allow-Origin": "https://app.example", "Access-Control-Allow-Credentials": "true",
			"Access-Control-Allow-Methods": "GET, PUT", "Access-Control-Allow-Headers": "Content-Type, Authorization",
			"Access-Control-Max-Age": "600", "Vary": preflightVary, "Access-Control-Expose-Headers": none, "Allow": none}},
		{"preflight, unlisted origin", listed, "OPTIONS", "/x", []string{"Origin", "https://evil.example", "Access-Control-Request-Method", "PUT"}, 204, false, map[string]string{
			"Access-Control-Allow-Origin": none, "Access-Control-Allow-Methods": none, "Vary": preflightVary}},
		{"preflight, no route", listed, "OPTIONS", "/nowhere", []string{"Origin", "https://app.example", "Access-Control-Request-Method", "GET"}, 204, false, map[string]string{
			"Access-Control-Allow-Origin": "https://app.example"}},
		{"OPTIONS without a request method: not a preflight", listed, "OPTIONS", "/y", []string{"Origin", "https://app.example"}, 204, false, map[string]string{
			"Allow": "GET, HEAD, OPTIONS", "Access-Control-Allow-Origin": "https://app.example", "Vary": "Origin"}},
		{"OPTIONS route, not a preflight", listed, "OPTIONS", "/x", nil, 200, true, map[string]string{"Access-Control-Allow-Origin": none}},
		{"no route: CORS headers on the 404", listed, "GET", "/nowhere", []string{"Origin", "https://app.example"}, 404, false, map[string]string{
			"Access-Control-Allow-Origin": "https://app.example"}},
		{"any origin", public, "GET", "/x", []string{"Origin", "https://anyone.example"}, 200, true, map[string]string{
			"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": none, "Vary": "Origin"}},
		{"any origin, preflight", public, "OPTIONS", "/x", []string{"Origin", "https://anyone.example", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-a"}, 204, false, map[string]string{
			"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, POST", "Access-Control-Allow-Headers": "*", "Access-Control-Max-Age": none}},
		{"wildcards with credentials echo the request", echo, "OPTIONS", "/x", []string{"Origin", "https://app.example", "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "x-a, x-b"}, 204, false, map[string]string{
			"Access-Control-Allow-Methods": "PATCH", "Access-Control-Allow-Headers": "x-a, x-b"}},
		{"malformed request headers are not echoed", echo, "OPTIONS", "/x", []string{"Origin", "https://app.example", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-a, <script>"}, 204, false, map[string]string{
			"Access-Control-Allow-Methods": "GET", "Access-Control-Allow-Headers": none}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			served := false
			app := newApp()
			app.Use(mw.MustCORS(tt.opts))
			h := func() string { served = true; return "ok" }
			app.At("/x").Get(h).Put(h)
			if err := app.At("/x").Handle("OPTIONS", h, tideway.Config{}); err != nil {
				t.Fatal(err)
			}
			app.At("/y").Get(h)
			w := serve(app, tt.method, tt.target, "", tt.headers...)
			if w.Code != tt.status || served != tt.served {
				t.Errorf("status %d, served %v; want %d, %v", w.Code, served, tt.status, tt.served)
			}
			for name, want := range tt.want {
				got := strings.Join(w.Headers.Values(name), ", ")
				if want == none && got != "" || want != none && got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
		})
	}
}
