package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/adapters/nethttp"
)

func TestGuard(t *testing.T) {
	srv := httptest.NewServer(nethttp.Handler(newApp("s3cret")))
	defer srv.Close()
	tests := []struct {
		path, token string
		status      int
		body        string
	}{
		{"/ping", "s3cret", 200, "pong"},
		{"/ping", "", 403, `"title":"Forbidden","status":403`},
		{"/ping", "wrong", 403, `"status":403`},
		{"/ping", defaultToken, 403, `"status":403`},
		{"/admin/stats", "s3cret", 200, `{"routes":3}`},
		{"/admin/stats", "", 403, `"status":403`},
		{"/admin/nothing", "s3cret", 404, `"status":404`},
		{"/plaintext", "", 200, "Hello, World!"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
		if tt.token != "" {
			req.Header.Set("Auth-Token", tt.token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || !strings.Contains(string(b), tt.body) {
			t.Errorf("GET %s with %q: %d %q, want %d containing %q", tt.path, tt.token, res.StatusCode, b, tt.status, tt.body)
		}
		if tt.status == 403 && res.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("403 Content-Type %q", res.Header.Get("Content-Type"))
		}
	}
}
