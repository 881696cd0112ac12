package fasthttp_test

import (
	"bufio"
	"context"
	"io"
	"iter"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// events yields "1", then waits for next before yielding "2", and reports
// on stopped when the stream ends.
func events(ctx context.Context, next <-chan struct{}, stopped chan<- error) iter.Seq[respond.Event] {
	return func(yield func(respond.Event) bool) {
		defer func() { stopped <- ctx.Err() }()
		for i := 1; ; i++ {
			if !yield(respond.Event{Data: string(rune('0' + i))}) {
				return
			}
			select {
			case <-next:
			case <-ctx.Done():
				return
			}
		}
	}
}

func sseApp(next <-chan struct{}, stopped chan<- error) *tideway.App {
	app := newApp()
	app.At("/events").Get(func(ctx context.Context) respond.SSE {
		return respond.SSE{Events: events(ctx, next, stopped)}
	})
	return app
}

func TestStreamFlushesEachEvent(t *testing.T) {
	next, stopped := make(chan struct{}), make(chan error, 1)
	addr := serveTCP(t, sseApp(next, stopped))
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
	r := bufio.NewReader(c)
	res, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" || len(res.TransferEncoding) == 0 {
		t.Errorf("Content-Type %q, Transfer-Encoding %v", ct, res.TransferEncoding)
	}
	body := bufio.NewReader(res.Body)
	for _, want := range []string{"data: 1", "data: 2"} {
		line := make(chan string, 1)
		go func() {
			l, _ := body.ReadString('\n')
			body.ReadString('\n') // the blank line ending the event
			line <- strings.TrimSpace(l)
		}()
		select {
		case got := <-line:
			if got != want {
				t.Fatalf("got %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%q not flushed while the handler runs", want)
		}
		if want == "data: 1" {
			next <- struct{}{}
		}
	}
	// The client goes away: a write fails and cancels the context.
	c.Close()
	for range 10 {
		select {
		case next <- struct{}{}:
		case err := <-stopped:
			if err == nil {
				t.Error("stream ended without its context cancelled")
			}
			return
		case <-time.After(5 * time.Second):
			t.Fatal("stream neither asks for events nor ends")
		}
	}
	t.Fatal("stream still running after the client went away")
}

func TestHeadOfStreamEnds(t *testing.T) {
	next, stopped := make(chan struct{}), make(chan error, 1)
	ended := make(chan struct{}, 1)
	app := tideway.New(nil)
	app.Use(func(c *tideway.Call, n tideway.Next) error {
		err := n(c)
		if c.Pattern() == "/events" {
			ended <- struct{}{}
		}
		return err
	})
	app.At("/events").Get(func(ctx context.Context) respond.SSE {
		return respond.SSE{Events: events(ctx, next, stopped)}
	})
	addr := serveTCP(t, app)
	res, err := http.Head("http://" + addr + "/events")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || ct != "text/event-stream" {
		t.Errorf("HEAD = %d %q", res.StatusCode, ct)
	}
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("HEAD of an event stream did not end")
	}
}

func TestContextEndsWithHandler(t *testing.T) {
	app := tideway.New(nil)
	got := make(chan context.Context, 1)
	after := make(chan struct{})
	app.At("/ctx").Get(func(ctx context.Context, r view.Request) string {
		child, cancel := context.WithCancel(ctx)
		_ = cancel
		context.AfterFunc(ctx, func() { close(after) })
		if r.Context().Err() != nil {
			return "cancelled early"
		}
		got <- child
		return "ok"
	})
	c := serveOwn(t, &fasthttp.Server{Handler: tfasthttp.Handler(app)})
	if status, body, _ := do(t, c, "GET", "/ctx", ""); status != 200 || body != "ok" {
		t.Fatalf("%d %q", status, body)
	}
	child := <-got
	for _, ch := range []<-chan struct{}{child.Done(), after} {
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatal("context not cancelled after the handler returned")
		}
	}
}

// TestInProcess drives the handler with RequestCtx.Init, without a server.
func TestInProcess(t *testing.T) {
	reached := false
	app := newApp()
	app.At("/{rest...}").Handle("OPTIONS", func() { reached = true }, tideway.Config{})
	h := tfasthttp.Handler(app)
	for _, tc := range []struct {
		method, uri string
		status      int
		body, ct    string
		length      int
	}{
		{"GET", "/items/7", 200, "item 7", "text/plain; charset=utf-8", 6},
		{"HEAD", "/items/7", 200, "", "text/plain; charset=utf-8", 6},
		{"OPTIONS", "*", 200, "", "", 0},
		{"GET", "/items/%zz", 400, "400 Bad Request", "text/plain; charset=utf-8", -1},
		{"GET", "/nope", 404, `"status":404`, "application/problem+json", -1},
		{"GET", "/panic", 500, `"status":500`, "application/problem+json", -1},
	} {
		var req fasthttp.Request
		req.Header.SetMethod(tc.method)
		req.SetRequestURI(tc.uri)
		var rc fasthttp.RequestCtx
		rc.Init(&req, nil, nil)
		h(&rc)
		res := &rc.Response
		if res.StatusCode() != tc.status || !strings.Contains(string(res.Body()), tc.body) ||
			string(res.Header.ContentType()) != tc.ct || tc.length >= 0 && res.Header.ContentLength() != tc.length {
			t.Errorf("%s %s = %d %q %q %d", tc.method, tc.uri, res.StatusCode(), res.Body(), res.Header.ContentType(), res.Header.ContentLength())
		}
	}
	if reached {
		t.Error("OPTIONS * reached the app's catch-all route")
	}
}
