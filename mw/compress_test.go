package mw_test

import (
	"bufio"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// compressApp serves the responses TestCompress needs, under Compress(min).
func compressApp(min int) *tideway.App {
	big := strings.Repeat("tideway ", 250) // 2000 bytes
	raw := func(f func(w view.Response)) func(view.Response) { return f }
	app := newApp()
	app.Use(mw.Compress(min))
	app.At("/big").Get(func() string { return big })
	app.At("/small").Get(func() string { return "tiny" })
	app.At("/exact").Get(func() string { return strings.Repeat("x", mw.DefaultCompressMin) })
	app.At("/empty").Get(func() {})
	app.At("/missing").Get(func() error { return respond.ErrNotFound })
	app.At("/encoded").Get(raw(func(w view.Response) {
		w.SetHeader("Content-Encoding", "br")
		io.WriteString(w, big)
	}))
	app.At("/sse").Get(raw(func(w view.Response) {
		w.SetHeader("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		for range 300 {
			io.WriteString(w, "data: x\n\n")
			w.Flush()
		}
	}))
	app.At("/chunks").Get(raw(func(w view.Response) {
		w.SetHeader("Content-Type", "text/plain")
		for i := range 40 {
			io.WriteString(w, "0123456789012345678901234567890123456789012345678\n")
			if i == 3 {
				w.Flush()
			}
		}
	}))
	app.At("/sniff").Get(raw(func(w view.Response) { io.WriteString(w, "<html><body>"+big) }))
	app.At("/etag").Get(raw(func(w view.Response) {
		w.SetHeader("ETag", `"v1"`)
		io.WriteString(w, big)
	}))
	return app
}

func TestCompress(t *testing.T) {
	big := strings.Repeat("tideway ", 250)
	tests := []struct {
		name    string
		method  string
		target  string
		ae      string // Accept-Encoding
		status  int
		gzipped bool
		body    string            // the uncompressed body, or "" to skip
		want    map[string]string // other response headers
	}{
		{"gzip", "GET", "/big", "gzip", 200, true, big, map[string]string{"Content-Length": "", "Content-Type": "text/plain; charset=utf-8"}},
		{"no Accept-Encoding", "GET", "/big", "", 200, false, big, map[string]string{"Content-Length": "2000"}},
		{"gzip;q=0", "GET", "/big", "gzip;q=0", 200, false, big, nil},
		{"gzip; q=0.000", "GET", "/big", "deflate, gzip; q=0.000", 200, false, big, nil},
		{"gzip;q=0.001", "GET", "/big", "gzip;q=0.001", 200, true, big, nil},
		{"invalid q", "GET", "/big", "gzip;q=abc", 200, false, big, nil},
		{"q above 1", "GET", "/big", "gzip;q=1.5", 200, false, big, nil},
		{"q=1.000", "GET", "/big", "gzip;q=1.000", 200, true, big, nil},
		{"among others", "GET", "/big", "br;q=1.0, gzip;q=0.8, *;q=0.1", 200, true, big, nil},
		{"uppercase", "GET", "/big", "GZIP", 200, true, big, nil},
		{"x-gzip", "GET", "/big", "x-gzip", 200, true, big, nil},
		{"wildcard", "GET", "/big", "*", 200, true, big, nil},
		{"wildcard refused", "GET", "/big", "*;q=0", 200, false, big, nil},
		{"gzip refused over wildcard", "GET", "/big", "gzip;q=0, *", 200, false, big, nil},
		{"other coding only", "GET", "/big", "br", 200, false, big, nil},
		{"below min", "GET", "/small", "gzip", 200, false, "tiny", map[string]string{"Content-Length": "4"}},
		{"exactly min", "GET", "/exact", "gzip", 200, true, strings.Repeat("x", 1024), nil},
		{"HEAD", "HEAD", "/big", "gzip", 200, false, "", map[string]string{"Content-Length": "2000"}},
		{"204", "GET", "/empty", "gzip", 204, false, "", nil},
		{"small error", "GET", "/missing", "gzip", 404, false, `"status":404`, nil},
		{"already encoded", "GET", "/encoded", "gzip", 200, false, big, map[string]string{"Content-Encoding": "br"}},
		{"event stream", "GET", "/sse", "gzip", 200, false, strings.Repeat("data: x\n\n", 300), nil},
		{"small writes, flushed", "GET", "/chunks", "gzip", 200, true, strings.Repeat("0123456789012345678901234567890123456789012345678\n", 40), nil},
		{"sniffed type", "GET", "/sniff", "gzip", 200, true, "<html><body>" + big, map[string]string{"Content-Type": "text/html; charset=utf-8"}},
		{"strong ETag weakened", "GET", "/etag", "gzip", 200, true, big, map[string]string{"ETag": `W/"v1"`}},
		{"ETag kept", "GET", "/etag", "", 200, false, big, map[string]string{"ETag": `"v1"`}},
	}
	app := compressApp(0)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var headers []string
			if tt.ae != "" {
				headers = []string{"Accept-Encoding", tt.ae}
			}
			w := serve(app, tt.method, tt.target, "", headers...)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if got := w.Headers.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding" {
				t.Errorf("Vary %q", got)
			}
			body := w.Body.String()
			if gz := w.Headers.Get("Content-Encoding") == "gzip"; gz != tt.gzipped {
				t.Fatalf("gzipped: %v, want %v (headers %v)", gz, tt.gzipped, w.Headers)
			} else if gz {
				body = gunzip(t, w.Body.String())
				if w.Body.Len() >= len(body) {
					t.Errorf("%d bytes compressed to %d", len(body), w.Body.Len())
				}
			}
			if tt.body != "" && !strings.Contains(body, tt.body) || tt.method == "HEAD" && body != "" {
				t.Errorf("body %.80q..., want %.80q...", body, tt.body)
			}
			for name, want := range tt.want {
				if got := w.Headers.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
			if tt.name == "event stream" && w.Flushes != 300 || tt.name == "small writes, flushed" && w.Flushes != 1 {
				t.Errorf("%d flushes", w.Flushes)
			}
		})
	}
}

func TestCompressMinSize(t *testing.T) {
	for _, tt := range []struct {
		min     int
		target  string
		gzipped bool
	}{
		{0, "/small", false},
		{4, "/small", true},
		{5, "/small", false},
		{4000, "/big", false},
	} {
		w := serve(compressApp(tt.min), "GET", tt.target, "", "Accept-Encoding", "gzip")
		if gz := w.Headers.Get("Content-Encoding") == "gzip"; gz != tt.gzipped {
			t.Errorf("Compress(%d) %s: gzipped %v, want %v", tt.min, tt.target, gz, tt.gzipped)
		}
	}
}

// TestCompressServer checks the wire format and flushing over a real
// connection, for a gzipped stream and for an event stream.
func TestCompressServer(t *testing.T) {
	release := make(chan struct{})
	app := newApp()
	app.Use(mw.Compress(0))
	stream := func(contentType string) func(view.Response) {
		return func(w view.Response) {
			w.SetHeader("Content-Type", contentType)
			io.WriteString(w, "first\n")
			w.Flush()
			<-release // the client must see "first" before the handler ends
			io.WriteString(w, "second\n")
		}
	}
	app.At("/gzip").Get(stream("text/plain"))
	app.At("/events").Get(stream("text/event-stream"))
	app.At("/big").Get(func() string { return strings.Repeat("abc", 1000) })
	srv := httptest.NewServer(nethttp.Handler(app))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	for _, tt := range []struct {
		path    string
		gzipped bool
	}{{"/gzip", true}, {"/events", false}} {
		t.Run(tt.path, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if gz := res.Header.Get("Content-Encoding") == "gzip"; gz != tt.gzipped {
				t.Fatalf("gzipped %v, want %v", gz, tt.gzipped)
			}
			var body io.Reader = res.Body
			if tt.gzipped {
				if body, err = gzip.NewReader(res.Body); err != nil {
					t.Fatal(err)
				}
			}
			lines := bufio.NewReader(body)
			if line, err := lines.ReadString('\n'); line != "first\n" {
				t.Fatalf("first line %q, %v", line, err)
			}
			release <- struct{}{}
			if rest, err := io.ReadAll(lines); string(rest) != "second\n" || err != nil {
				t.Errorf("rest %q, %v", rest, err)
			}
		})
	}

	// The default client asks for gzip and decompresses transparently.
	res, err := http.Get(srv.URL + "/big")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if !res.Uncompressed || string(b) != strings.Repeat("abc", 1000) {
		t.Errorf("default client: uncompressed %v, %d bytes", res.Uncompressed, len(b))
	}
}

// gunzip decompresses s.
func gunzip(t *testing.T, s string) string {
	t.Helper()
	r, err := gzip.NewReader(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
