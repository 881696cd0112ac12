package fasthttp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"

	"github.com/tideway-go/tideway"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/view"
)

// serveOwn serves h on a fasthttp.Server of the test's own, in memory,
// and returns a client for it.
func serveOwn(t *testing.T, srv *fasthttp.Server) *fasthttp.Client {
	t.Helper()
	ln := fasthttputil.NewInmemoryListener()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Shutdown() })
	return &fasthttp.Client{
		Dial:                   func(string) (net.Conn, error) { return ln.Dial() },
		DisablePathNormalizing: true, // or the client decodes %2F
	}
}

func do(t *testing.T, c *fasthttp.Client, method, uri, body string) (int, string, *fasthttp.ResponseHeader) {
	t.Helper()
	req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	req.Header.SetMethod(method)
	req.SetRequestURI("http://test" + uri)
	if body != "" {
		req.Header.SetContentType("application/json")
		req.SetBodyString(body)
	}
	if err := c.Do(req, res); err != nil {
		t.Fatalf("%s %s: %v", method, uri, err)
	}
	h := new(fasthttp.ResponseHeader)
	res.Header.CopyTo(h)
	return res.StatusCode(), string(res.Body()), h
}

func TestHandlerOnOwnServer(t *testing.T) {
	app := newApp()
	app.At("/ctx").Get(func(w view.Response, r view.Request) {
		rc := tfasthttp.RequestCtx(r)
		rc.Response.Header.Set("X-Conn", fmt.Sprint(rc.ConnID() > 0))
		w.WriteHeader(202)
	})
	c := serveOwn(t, &fasthttp.Server{Handler: tfasthttp.Handler(app), StreamRequestBody: true, ErrorHandler: tfasthttp.ErrorHandler})
	for _, tc := range []struct {
		path   string
		status int
		body   string
	}{
		{"/items/7", 200, "item 7"},
		{"/items/a%2Fb", 200, "item a/b"},
		{"/items/", 404, `"status":404`},
		{"/ctx", 202, ""},
	} {
		status, body, _ := do(t, c, "GET", tc.path, "")
		if status != tc.status || !strings.Contains(body, tc.body) {
			t.Errorf("GET %s = %d %q, want %d %q", tc.path, status, body, tc.status, tc.body)
		}
	}
	if _, _, h := do(t, c, "GET", "/ctx", ""); string(h.Peek("X-Conn")) != "true" {
		t.Errorf("raw ctx header: %s", h)
	}
}

func TestStripPrefix(t *testing.T) {
	api := tfasthttp.StripPrefix("/api", tfasthttp.Handler(newApp()))
	site := func(rc *fasthttp.RequestCtx) {
		if bytes.HasPrefix(rc.Path(), []byte("/api/")) {
			api(rc)
			return
		}
		rc.SetContentType("text/plain")
		rc.WriteString("site " + string(rc.Path()))
	}
	c := serveOwn(t, &fasthttp.Server{Handler: site, StreamRequestBody: true})
	for _, tc := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/api/items/9", 200, "item 9"},
		{"GET", "/api/items/x%2Fy", 200, "item x/y"},
		{"GET", "/api/files/a/b", 200, "a/b"},
		{"GET", "/api/q?limit=5&tag=t", 200, `{"Limit":5,"Tag":"t"}`},
		{"GET", "/api/host?a=1", 200, "test /host ? a=1"},
		{"DELETE", "/api/items/9", 405, `"status":405`},
		{"POST", "/api/items", 201, "pen"},
		{"GET", "/api/nope", 404, `"status":404`},
		{"GET", "/other", 200, "site /other"},
	} {
		body := ""
		if tc.method == "POST" {
			body = `{"name":"pen"}`
		}
		status, got, _ := do(t, c, tc.method, tc.path, body)
		if status != tc.status || !strings.Contains(got, tc.body) {
			t.Errorf("%s %s = %d %q, want %d %q", tc.method, tc.path, status, got, tc.status, tc.body)
		}
	}
	// Directly, paths outside the prefix are 404, as with net/http.
	h := tfasthttp.StripPrefix("/api", tfasthttp.Handler(newApp()))
	for _, path := range []string{"/other", "/apix/items/1", "/api"} {
		var rc fasthttp.RequestCtx
		var req fasthttp.Request
		req.SetRequestURI(path)
		rc.Init(&req, nil, nil)
		h(&rc)
		if rc.Response.StatusCode() != 404 || string(rc.Response.Body()) != "404 page not found\n" {
			t.Errorf("%s: %d %q", path, rc.Response.StatusCode(), rc.Response.Body())
		}
	}
}

// kept holds values bound from requests, to check that fasthttp reusing
// its buffers does not change them.
var kept struct {
	sync.Mutex
	values []string
}

type keepParams struct {
	ID    string `path:"id"`
	Tag   string `query:"tag"`
	Token string `header:"X-Token"`
}

type keepBody struct {
	Name string `json:"name"`
}

func TestBoundValuesAreCopies(t *testing.T) {
	kept.Lock()
	kept.values = nil
	kept.Unlock()
	app := tideway.New(nil)
	app.At("/keep/{id}").Post(func(p keepParams, b keepBody, r view.Request) string {
		tok, _ := r.Header("X-Token")
		kept.Lock()
		kept.values = append(kept.values, p.ID, p.Tag, p.Token, b.Name, r.Path(), r.RawQuery(), r.Method(), r.Host(), tok)
		kept.Unlock()
		return "ok"
	})
	c := serveOwn(t, &fasthttp.Server{Handler: tfasthttp.Handler(app), StreamRequestBody: true})
	send := func(s string) {
		req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		req.Header.SetMethod("POST")
		req.SetRequestURI("http://host/keep/id" + s + "?tag=tag" + s)
		req.UseHostHeader = true
		req.Header.SetHost("host" + s)
		req.Header.Set("X-Token", "token"+s)
		req.Header.SetContentType("application/json")
		req.SetBodyString(`{"name":"name` + s + `"}`)
		if err := c.Do(req, res); err != nil || res.StatusCode() != 200 {
			t.Fatalf("%v %d %s", err, res.StatusCode(), res.Body())
		}
	}
	send("A")
	kept.Lock()
	first := append([]string(nil), kept.values...)
	kept.Unlock()
	for i := range 50 {
		send(strings.Repeat("Z", i%7+1))
	}
	want := []string{"idA", "tagA", "tokenA", "nameA", "/keep/idA", "tag=tagA", "POST", "hostA", "tokenA"}
	if strings.Join(first, " ") != strings.Join(want, " ") {
		t.Fatalf("first request bound %q, want %q", first, want)
	}
	kept.Lock()
	defer kept.Unlock()
	if got := kept.values[:len(want)]; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("values kept from the first request changed to %q", got)
	}
}

func TestRequestCtxOnForeignView(t *testing.T) {
	if tfasthttp.RequestCtx(fakeReq{}) != nil {
		t.Error("RequestCtx returned a ctx for a foreign view")
	}
}

type fakeReq struct{ view.Request }

func (fakeReq) Raw() any { return 1 }

func TestHeadersWithoutNormalizing(t *testing.T) {
	ln := fasthttputil.NewInmemoryListener()
	srv := &fasthttp.Server{Handler: tfasthttp.Handler(newApp()), DisableHeaderNamesNormalizing: true}
	go srv.Serve(ln)
	defer srv.Shutdown()
	for _, name := range []string{"X-Token", "x-token", "X-TOKEN"} {
		raw := "GET /token HTTP/1.1\r\nHost: x\r\n" + name + ": abc\r\n" + name + ": second\r\n\r\n"
		if got := exchange(t, ln.Dial, raw, nil); got.status != 200 || got.body != "abc" {
			t.Errorf("%s: %d %q", name, got.status, got.body)
		}
	}
}

// TestContextEndsWithRequest: the context is made only when asked for, but
// whenever it is asked for, during the request or after it (by code the
// request left running), it is cancelled once the request has ended.
func TestContextEndsWithRequest(t *testing.T) {
	got := make(chan error, 1)
	app := tideway.New(nil)
	app.At("/during").Get(func(ctx context.Context) string {
		go func() {
			<-ctx.Done()
			got <- ctx.Err()
		}()
		return "ok"
	})
	app.At("/after").Get(func(c *tideway.Call) error {
		done := c.Detach()
		r := c.Request
		go func() {
			defer done()
			time.Sleep(50 * time.Millisecond) // the request has ended by now
			got <- r.Context().Err()
		}()
		return nil
	})
	app.At("/asked").Get(func(ctx context.Context) string { return fmt.Sprint(ctx.Err()) })
	c := serveOwn(t, &fasthttp.Server{Handler: tfasthttp.Handler(app)})
	for _, path := range []string{"/during", "/after"} {
		if code, _, _ := do(t, c, "GET", path, ""); code/100 != 2 {
			t.Fatalf("GET %s: %d", path, code)
		}
		select {
		case err := <-got:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s: context error after the request = %v, want context.Canceled", path, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: the context was not cancelled when the request ended", path)
		}
	}
	if _, body, _ := do(t, c, "GET", "/asked", ""); body != "<nil>" {
		t.Errorf("context error during the request = %s, want <nil>", body)
	}
}

// TestRawWritesCount: a status or body written through the raw ctx, got
// from either view, counts as a response, on a server of NewServer's own
// and behind fasthttp middleware, which may also answer before the app.
func TestRawWritesCount(t *testing.T) {
	app := tideway.New(nil)
	app.At("/req-status").Get(func(r view.Request) { tfasthttp.RequestCtx(r).SetStatusCode(http.StatusTeapot) })
	app.At("/req-body").Get(func(r view.Request) { tfasthttp.RequestCtx(r).WriteString("raw") })
	app.At("/resp-status").Get(func(w view.Response) {
		w.Raw().(*fasthttp.RequestCtx).SetStatusCode(http.StatusTeapot)
	})
	app.At("/before").Get(func() string { return "app" })
	app.At("/plain").Get(func() string { return "app" })
	before := func(next fasthttp.RequestHandler) fasthttp.RequestHandler {
		return func(rc *fasthttp.RequestCtx) {
			if string(rc.Path()) == "/before" {
				rc.SetStatusCode(http.StatusServiceUnavailable)
			}
			next(rc)
		}
	}
	type want struct {
		path   string
		status int
		body   string
	}
	own := []want{
		{"/req-status", http.StatusTeapot, ""},
		{"/req-body", 200, "raw"},
		{"/resp-status", http.StatusTeapot, ""},
		{"/plain", 200, "app"},
	}
	// The app takes the status set before it as the handler's answer.
	wrapped := append(own, want{"/before", http.StatusServiceUnavailable, ""})
	for _, srv := range []struct {
		name   string
		server *fasthttp.Server
		cases  []want
	}{
		{"own", tfasthttp.NewServer(app, quiet), own},
		{"middleware", tfasthttp.NewServer(app, quiet, tfasthttp.WithMiddleware(before)), wrapped},
	} {
		c := serveOwn(t, srv.server)
		for _, tc := range srv.cases {
			for range 2 { // the second time on pooled views
				status, body, _ := do(t, c, "GET", tc.path, "")
				if status != tc.status || body != tc.body {
					t.Errorf("%s: GET %s = %d %q, want %d %q", srv.name, tc.path, status, body, tc.status, tc.body)
				}
			}
		}
	}
}
