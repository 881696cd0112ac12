package nethttp_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/view"
)

type byID struct {
	ID string `path:"id"`
}

func newApp() *tideway.App {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/items/{id}").Get(func(p byID) string { return "item " + p.ID })
	app.At("/call/{id}").Get(func(c *tideway.Call) error {
		_, err := c.Response.Write([]byte("call " + c.Param("id")))
		return err
	})
	app.At("/raw").Get(func(w view.Response, r view.Request) {
		req := nethttp.Request(r)
		rw := nethttp.ResponseWriter(w)
		rw.Header().Set("X-Proto", req.Proto)
		rw.WriteHeader(http.StatusAccepted)
	})
	app.At("/slow").Get(func(ctx context.Context) string {
		time.Sleep(200 * time.Millisecond)
		return "done"
	})
	return app
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func TestHandlerAsWholeServer(t *testing.T) {
	srv := httptest.NewServer(nethttp.Handler(newApp()))
	defer srv.Close()
	for _, tc := range []struct {
		path   string
		status int
		body   string
	}{
		{"/items/7", 200, "item 7"},
		{"/items/a%2Fb", 200, "item a/b"},
		{"/items/caf%C3%A9%20x", 200, "item café x"},
		{"/items/100%25", 200, "item 100%"},
		{"/items/%3F", 200, "item ?"},
		{"/items/", 404, ""},
		// Raw handlers read parameters with Call.Param. The adapter gives
		// the app the decoded path as the target when net/url kept no
		// RawPath and it holds no '%' (7, café, c%61ll); otherwise the app
		// reads the escaped path from the view (a%2Fb, 100%25).
		{"/call/7", 200, "call 7"},
		{"/call/a%2Fb", 200, "call a/b"},
		{"/call/100%25", 200, "call 100%"},
		{"/call/caf%C3%A9?x=1", 200, "call café"},
		{"/c%61ll/8", 200, "call 8"},
		{"/raw", 202, ""},
	} {
		status, body, _ := get(t, srv.URL+tc.path)
		if status != tc.status || !strings.Contains(body, tc.body) {
			t.Errorf("GET %s = %d %q, want %d %q", tc.path, status, body, tc.status, tc.body)
		}
	}
	if _, _, h := get(t, srv.URL+"/raw"); h.Get("X-Proto") != "HTTP/1.1" {
		t.Errorf("raw access: %v", h)
	}
}

func TestHandlerUnderServeMuxPrefix(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", nethttp.Handler(newApp())))
	mux.HandleFunc("/other", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "other") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for path, want := range map[string]string{"/api/items/9": "item 9", "/api/items/x%2Fy": "item x/y", "/other": "other"} {
		if status, body, _ := get(t, srv.URL+path); status != 200 || body != want {
			t.Errorf("GET %s = %d %q, want %q", path, status, body, want)
		}
	}
}

// TestRequestURIAndPath checks the answers when RequestURI and URL.Path
// agree (the adapter then routes on URL.Path without looking for escapes)
// and when they do not: a prefix stripped, an absolute target, escapes.
func TestRequestURIAndPath(t *testing.T) {
	h := nethttp.Handler(newApp())
	for _, tc := range []struct {
		uri, path, rawPath, want string
	}{
		{"/call/7", "/call/7", "", "call 7"},
		{"/call/7?x=1", "/call/7", "", "call 7"},
		{"/call/7?", "/call/7", "", "call 7"},
		{"/api/call/7", "/call/7", "", "call 7"},     // http.StripPrefix
		{"http://h/call/7", "/call/7", "", "call 7"}, // absolute form
		{"/call/c%61", "/call/ca", "", "call ca"},
		{"/call/a%2Fb", "/call/a/b", "/call/a%2Fb", "call a/b"},
		{"/call/100%25", "/call/100%", "", "call 100%"},
		// Hand-made, both saying "a%41": the value is URL.Path's, which is
		// the decoded path.
		{"/call/a%41", "/call/a%41", "", "call a%41"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RequestURI, r.URL.Path, r.URL.RawPath = tc.uri, tc.path, tc.rawPath
		if strings.HasPrefix(tc.uri, tc.path) {
			// As the server leaves them: URL.Path is RequestURI's first
			// bytes (the adapter's short way). Then again, as two copies.
			r.URL.Path = tc.uri[:len(tc.path)]
			check(t, h, r, tc.uri, tc.want)
			r.URL.Path = strings.Clone(tc.path)
		}
		check(t, h, r, tc.uri, tc.want)
	}
}

// check serves r with h and wants 200 with body want.
func check(t *testing.T, h http.Handler, r *http.Request, uri, want string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 200 || w.Body.String() != want {
		t.Errorf("RequestURI %q, Path %q: %d %q, want 200 %q", uri, r.URL.Path, w.Code, w.Body.String(), want)
	}
}

// cors is a standard net/http middleware of the kind rs/cors provides.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Add("Vary", "Origin")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// trace is a standard middleware that records its name around next.
func trace(log *[]string, name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			*log = append(*log, name+">")
			next.ServeHTTP(w, r)
			*log = append(*log, "<"+name)
		})
	}
}

func TestHandlerWithStandardMiddleware(t *testing.T) {
	var log []string
	srv := httptest.NewServer(nethttp.Handler(newApp(), trace(&log, "outer"), cors, trace(&log, "inner")))
	defer srv.Close()
	status, body, h := get(t, srv.URL+"/items/5")
	if status != 200 || body != "item 5" || h.Get("Access-Control-Allow-Origin") != "https://app.example" || h.Get("Vary") != "Origin" {
		t.Errorf("GET = %d %q %v", status, body, h)
	}
	if got := strings.Join(log, " "); got != "outer> inner> <inner <outer" {
		t.Errorf("order: %s", got)
	}
	// The CORS handler answers a preflight before Tideway sees it.
	req, _ := http.NewRequest("OPTIONS", srv.URL+"/items/5", nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 204 || res.Header.Get("Allow") != "" {
		t.Errorf("preflight: %d %v", res.StatusCode, res.Header)
	}
}

func TestListenAndServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	var configured bool
	go func() {
		done <- nethttp.ListenAndServe("127.0.0.1:0", newApp(),
			nethttp.WithContext(ctx),
			nethttp.WithReady(func(a net.Addr) { ready <- a }),
			nethttp.WithMiddleware(cors),
			nethttp.WithShutdownTimeout(5*time.Second),
			nethttp.WithServer(func(s *http.Server) {
				configured = s.ReadHeaderTimeout == nethttp.DefaultReadHeaderTimeout && s.MaxHeaderBytes == nethttp.DefaultMaxHeaderBytes
			}))
	}()
	base := "http://" + (<-ready).String()
	if !configured {
		t.Error("server defaults not set before WithServer")
	}
	if status, body, h := get(t, base+"/items/1"); status != 200 || body != "item 1" || h.Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("GET = %d %q %v", status, body, h)
	}
	// A request in flight when shutdown starts still completes.
	slow := make(chan string, 1)
	go func() {
		_, body, _ := get(t, base+"/slow")
		slow <- body
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if body := <-slow; body != "done" {
		t.Errorf("in-flight request got %q", body)
	}
	if err := <-done; err != nil {
		t.Errorf("ListenAndServe = %v", err)
	}
	if _, err := http.Get(base + "/items/1"); err == nil {
		t.Error("server still accepts requests after shutdown")
	}
}

func TestListenAndServeBadAddr(t *testing.T) {
	if err := nethttp.ListenAndServe("256.0.0.1:bad", newApp()); err == nil {
		t.Error("no error for a bad address")
	}
}

func TestRawAccessorsOnForeignViews(t *testing.T) {
	if nethttp.Request(fakeReq{}) != nil || nethttp.ResponseWriter(fakeResp{}) != nil {
		t.Error("accessors returned a value for foreign views")
	}
}

type fakeReq struct{ view.Request }

func (fakeReq) Raw() any { return 1 }

type fakeResp struct{ view.Response }

func (fakeResp) Raw() any { return 1 }
