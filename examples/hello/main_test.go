package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/tideway-go/tideway/adapters/nethttp"
)

// syncBuffer collects log output from the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestHello(t *testing.T) {
	var logs syncBuffer
	srv := httptest.NewServer(nethttp.Handler(newApp(slog.New(slog.NewTextHandler(&logs, nil)))))
	defer srv.Close()
	tests := []struct {
		method, path string
		status       int
		body         string
		contentType  string
		logged       string
	}{
		{"GET", "/plaintext", 200, "Hello, World!", "text/plain; charset=utf-8", "method=GET route=/plaintext status=200 bytes=13 duration_us="},
		{"HEAD", "/plaintext", 200, "", "text/plain; charset=utf-8", "method=HEAD route=/plaintext status=200 bytes=0"},
		{"GET", "/nowhere", 404, `"status":404`, "application/problem+json", "method=GET route=/nowhere status=404"},
		{"POST", "/plaintext", 405, `"status":405`, "application/problem+json", "method=POST route=/plaintext status=405"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || !strings.Contains(string(b), tt.body) || res.Header.Get("Content-Type") != tt.contentType {
			t.Errorf("%s %s: %d %q %v", tt.method, tt.path, res.StatusCode, b, res.Header)
		}
		if !strings.Contains(logs.String(), tt.logged) {
			t.Errorf("%s %s: log lacks %q:\n%s", tt.method, tt.path, tt.logged, logs.String())
		}
	}
}
