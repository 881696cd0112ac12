package fasthttp_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"

	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

// conformanceCase is one raw request; body, if set, writes more of it.
type conformanceCase struct {
	name string
	raw  string
	body func(io.Writer)
	want int // the status both servers must answer; 0 for no response
}

func get(path string) string { return "GET " + path + " HTTP/1.1\r\nHost: example.com\r\n\r\n" }

func post(path, ct, body string) string {
	return fmt.Sprintf("POST %s HTTP/1.1\r\nHost: example.com\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", path, ct, len(body), body)
}

// chunked writes a chunked body of n bytes of JSON string content.
func chunked(n int) func(io.Writer) {
	return func(w io.Writer) {
		fmt.Fprintf(w, "d\r\n{\"name\":\"xxxx\r\n")
		chunk := strings.Repeat("x", 32<<10)
		for sent := 0; sent < n; sent += len(chunk) {
			if _, err := fmt.Fprintf(w, "%x\r\n%s\r\n", len(chunk), chunk); err != nil {
				return
			}
		}
		fmt.Fprintf(w, "2\r\n\"}\r\n0\r\n\r\n")
	}
}

var conformance = []conformanceCase{
	{name: "get", raw: get("/items/7"), want: 200},
	{name: "escaped slash stays in segment", raw: get("/items/a%2Fb"), want: 200},
	{name: "escaped dots", raw: get("/items/%2e%2e"), want: 200},
	{name: "dot segments not cleaned", raw: get("/items/../items/7"), want: 404},
	{name: "literal dots", raw: get("/files/a/../b"), want: 200},
	{name: "invalid escape", raw: get("/items/%zz"), want: 400},
	{name: "invalid escape at end", raw: get("/items/a%2"), want: 400},
	{name: "non-ascii path", raw: get("/files/caf\xc3\xa9"), want: 200},
	{name: "fragment in target", raw: get("/files/a#b?c"), want: 200},
	{name: "no route", raw: get("/nope"), want: 404},
	{name: "method not allowed", raw: "DELETE /items/7 HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 405},
	{name: "head", raw: "HEAD /items/7 HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 200},
	{name: "options", raw: "OPTIONS /items/7 HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 204},
	{name: "options star", raw: "OPTIONS * HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 200},
	{name: "get star", raw: "GET * HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 404},
	{name: "absolute form", raw: "GET http://Other.example:8080/host?a=1 HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 200},
	{name: "host as sent", raw: "GET /host HTTP/1.1\r\nHost: Example.COM\r\n\r\n", want: 200},
	{name: "relative target", raw: "GET host HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 400},
	{name: "header any case", raw: "GET /token HTTP/1.1\r\nHost: example.com\r\nx-tOKEN: abc\r\n\r\n", want: 200},
	{name: "created", raw: post("/items", "application/json", `{"name":"pen"}`), want: 201},
	{name: "malformed json", raw: post("/items", "application/json", `{"name":`), want: 400},
	{name: "empty body", raw: post("/items", "application/json", ``), want: 400},
	{name: "unsupported media type", raw: post("/items", "text/plain", `{"name":"pen"}`), want: 415},
	{name: "validation", raw: post("/items", "application/json", `{}`), want: 422},
	{name: "body over limit", raw: post("/items", "application/json", `{"name":"`+strings.Repeat("x", 2<<20)+`"}`), want: 413},
	{name: "chunked over limit", raw: "POST /items HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", body: chunked(4 << 20), want: 413},
	{name: "chunked under limit", raw: "POST /items HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", body: chunked(0), want: 201},
	{name: "put unread body", raw: "PUT /items/1 HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc", want: 415},
	{name: "query", raw: get("/q?limit=5&tag=x"), want: 200},
	{name: "query semicolon", raw: get("/q?limit=5;tag=x"), want: 400},
	{name: "query bad value", raw: get("/q?limit=ten"), want: 400},
	{name: "query invalid", raw: get("/q?limit=0"), want: 422},
	{name: "query bad escape", raw: get("/host?a=%zz"), want: 200},
	{name: "panic", raw: get("/panic"), want: 500},
	{name: "abort", raw: get("/abort"), want: 0},
	{name: "stream", raw: get("/stream"), want: 200},
	{name: "head stream", raw: "HEAD /stream HTTP/1.1\r\nHost: example.com\r\n\r\n", want: 200},
	{name: "sniffed", raw: get("/raw"), want: 418},
	{name: "http/1.0 without host", raw: "GET /items/7 HTTP/1.0\r\n\r\n", want: 200},
}

// comparedHeaders are the headers both servers must agree on.
var comparedHeaders = []string{"Content-Type", "Location", "Allow", "X-Content-Type-Options"}

// TestConformance sends every case to the same app over nethttp and over
// this adapter, by loopback TCP and in process, and compares the answers.
func TestConformance(t *testing.T) {
	ref := httptest.NewServer(nethttp.Handler(newApp()))
	defer ref.Close()
	dialRef := func() (net.Conn, error) { return net.Dial("tcp", ref.Listener.Addr().String()) }

	tcp := serveTCP(t, newApp(), quiet)
	dialTCP := func() (net.Conn, error) { return net.Dial("tcp", tcp) }

	ln := fasthttputil.NewInmemoryListener()
	srv := tfasthttp.NewServer(newApp(), quiet)
	go srv.Serve(ln)
	defer srv.Shutdown()

	for _, tc := range conformance {
		t.Run(tc.name, func(t *testing.T) {
			want := exchange(t, dialRef, tc.raw, tc.body)
			if want.status != tc.want {
				t.Fatalf("nethttp answered %d %q, the table says %d", want.status, want.body, tc.want)
			}
			for name, dial := range map[string]func() (net.Conn, error){"tcp": dialTCP, "inmemory": ln.Dial} {
				got := exchange(t, dial, tc.raw, tc.body)
				compare(t, name, want, got)
			}
		})
	}
}

func compare(t *testing.T, name string, want, got reply) {
	t.Helper()
	if got.closed != want.closed || got.status != want.status || got.body != want.body {
		t.Errorf("%s: got %d %q (closed %v), nethttp %d %q (closed %v)", name, got.status, trim(got.body), got.closed, want.status, trim(want.body), want.closed)
	}
	for _, h := range comparedHeaders {
		if g, w := got.header.Values(h), want.header.Values(h); strings.Join(g, ",") != strings.Join(w, ",") {
			t.Errorf("%s: %s = %q, nethttp %q", name, h, g, w)
		}
	}
	if g, w := got.header.Get("Content-Length"), want.header.Get("Content-Length"); g != "" && w != "" && g != w {
		t.Errorf("%s: Content-Length = %s, nethttp %s", name, g, w)
	}
}

func trim(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}

// serveTCP runs ListenAndServe on a loopback port until the test ends.
func serveTCP(t *testing.T, app tfasthttp.App, opts ...tfasthttp.Option) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	opts = append(opts, tfasthttp.WithContext(ctx), tfasthttp.WithReady(func(a net.Addr) { ready <- a }))
	go func() { done <- tfasthttp.ListenAndServe("127.0.0.1:0", app, opts...) }()
	var addr string
	select {
	case a := <-ready:
		addr = a.String()
	case err := <-done:
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("ListenAndServe = %v", err)
		}
	})
	return addr
}

// quiet drops fasthttp's log of the requests it refuses itself.
var quiet = tfasthttp.WithServer(func(s *fasthttp.Server) { s.Logger = discard{} })

type discard struct{}

func (discard) Printf(string, ...any) {}
