package mw_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// lateWrite is what a handler that overran saw when it wrote anyway.
type lateWrite struct {
	n   int
	err error
}

// timeoutApp serves the handlers TestTimeout needs under Timeout(d).
// Handlers that overrun wait for release before writing late, and report
// what their write returned on late.
func timeoutApp(d time.Duration, logs io.Writer, outer *error, release <-chan struct{}, late chan<- lateWrite) *tideway.App {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.NewTextHandler(logs, nil))}))
	app.Use(func(c *tideway.Call, next tideway.Next) error {
		c.Response.SetHeader("X-Outer", "set")
		*outer = next(c)
		return *outer
	}, mw.Timeout(d))
	app.At("/fast").Get(func(r view.Request, w view.Response) respond.Created[string] {
		w.AddHeader("X-Multi", "1")
		w.AddHeader("X-Multi", "2")
		w.DelHeader("X-Outer")
		seen, _ := r.Header("X-In")
		return respond.Created[string]{Location: "/fast/1", Value: "made " + seen}
	})
	app.At("/sees").Get(func(w view.Response) string { return "outer header: " + w.GetHeader("X-Outer") })
	app.At("/slow").Get(func(ctx context.Context, r view.Request, w view.Response) error {
		body := r.Body()
		<-ctx.Done()
		<-release
		w.SetHeader("X-Late", "1")
		n, err := io.WriteString(w, "too late")
		if _, ok := r.Header("X-In"); ok {
			err = errors.New("headers readable after the timeout")
		}
		if _, berr := body.Read(make([]byte, 1)); !errors.Is(berr, mw.ErrTimedOut) {
			err = fmt.Errorf("body read after the timeout: %v", berr)
		}
		late <- lateWrite{n, err}
		return ctx.Err()
	})
	app.At("/views").Get(func(r view.Request, w view.Response) string {
		var got []string
		w.SetHeader("A", "1")
		w.AddHeader("a", "2")
		got = append(got, w.GetHeader("A"), w.GetHeader("X-Outer"))
		w.DelHeader("A")
		got = append(got, w.GetHeader("A"))
		w.AddHeader("A", "3")
		w.DelHeader("X-Outer")
		got = append(got, w.GetHeader("a"), w.GetHeader("X-Outer"), fmt.Sprint(w.Flush(), w.Status()))
		got = append(got, r.RemoteAddr(), r.Host(), r.RawQuery(), fmt.Sprint(r.Raw() != nil, w.Raw() != nil))
		return strings.Join(got, "|")
	})
	app.At("/missing").Get(func() error { return respond.ErrNotFound })
	app.At("/gives-up").Get(func(ctx context.Context) error {
		<-ctx.Done()
		return fmt.Errorf("query: %w", ctx.Err())
	})
	app.At("/own-deadline").Get(func() error { return context.DeadlineExceeded })
	app.At("/panic").Get(func(w view.Response) string {
		io.WriteString(w, "partial")
		panic("fast panic")
	})
	app.At("/late-panic").Get(func(ctx context.Context) string {
		<-ctx.Done()
		<-release
		panic("late panic")
	})
	return app
}

func TestTimeout(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		target  string
		status  int
		body    string
		headers map[string]string
		late    bool  // the handler overruns and writes late
		outer   error // errors.Is target for what outer middleware sees
	}{
		{"fast: passes through", "GET", "/fast", 201, "made in", map[string]string{"Location": "/fast/1", "X-Multi": "1,2", "X-Outer": "", "Content-Type": "text/plain; charset=utf-8"}, false, nil},
		{"fast: HEAD", "HEAD", "/fast", 201, "", map[string]string{"Location": "/fast/1", "Content-Length": "7"}, false, nil},
		{"views under Timeout", "GET", "/views?q=1", 200, "1|set||3||<nil> 0|192.0.2.1:1234|example.com|q=1|true true", map[string]string{"A": "3", "X-Outer": ""}, false, nil},
		{"sees outer headers", "GET", "/sees", 200, "outer header: set", nil, false, nil},
		{"fast error", "GET", "/missing", 404, `"status":404`, map[string]string{"Content-Type": "application/problem+json"}, false, respond.ErrNotFound},
		{"gives up at the deadline", "GET", "/gives-up", 503, `"detail":"the request timed out"`, nil, false, mw.ErrTimedOut},
		{"its own deadline: not a timeout", "GET", "/own-deadline", 500, `"status":500`, nil, false, context.DeadlineExceeded},
		{"no route: Allow kept", "POST", "/fast", 405, `"status":405`, map[string]string{"Allow": "GET, HEAD"}, false, nil},
		{"panic: a clean 500", "GET", "/panic", 500, `"detail":"internal server error"`, nil, false, nil},
		{"overrun", "GET", "/slow", 503, `"detail":"the request timed out"`, map[string]string{"X-Outer": "set", "X-Late": "", "Content-Type": "application/problem+json"}, true, mw.ErrTimedOut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var outer error
			release, late := make(chan struct{}), make(chan lateWrite, 1)
			app := timeoutApp(200*time.Millisecond, io.Discard, &outer, release, late)
			w := serve(app, tt.method, tt.target, "", "X-In", "in")
			close(release)
			expect(t, w, tt.status, tt.body)
			if tt.method == "HEAD" && w.Body.Len() != 0 {
				t.Errorf("HEAD body %q", w.Body.String())
			}
			for name, want := range tt.headers {
				if got := strings.Join(w.Headers.Values(name), ","); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
			if tt.outer != nil && !errors.Is(outer, tt.outer) {
				t.Errorf("outer middleware saw %v, want %v", outer, tt.outer)
			}
			if tt.late {
				if lw := <-late; lw.n != 0 || !errors.Is(lw.err, mw.ErrTimedOut) {
					t.Errorf("late write: %d, %v; want 0, ErrTimedOut", lw.n, lw.err)
				}
				if strings.Contains(w.Body.String(), "too late") {
					t.Errorf("late write reached the client: %q", w.Body.String())
				}
			}
		})
	}
}

func TestTimeoutLatePanic(t *testing.T) {
	var logs lockedBuffer
	var outer error
	release := make(chan struct{})
	app := timeoutApp(20*time.Millisecond, &logs, &outer, release, nil)
	w := serve(app, "GET", "/late-panic", "")
	expect(t, w, 503, "timed out")
	close(release)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "late panic") {
		if time.Now().After(deadline) {
			t.Fatalf("late panic not logged: %q", logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	// The server still serves.
	expect(t, serve(app, "GET", "/sees", ""), 200, "outer header: set")
}

func TestTimeoutClientGone(t *testing.T) {
	var outer error
	release := make(chan struct{})
	defer close(release)
	app := timeoutApp(time.Minute, io.Discard, &outer, release, make(chan lateWrite, 1))
	ctx, cancel := context.WithCancel(context.Background())
	r := requestWithLength("GET", "/slow", "", 0)
	r.Ctx = ctx
	time.AfterFunc(10*time.Millisecond, cancel)
	w := serveRequest(app, r)
	if w.Code != 0 || !errors.Is(outer, context.Canceled) {
		t.Errorf("status %d, outer error %v; want nothing written, context.Canceled", w.Code, outer)
	}
}

func TestTimeoutAbortHandler(t *testing.T) {
	app := newApp()
	app.Use(mw.Timeout(time.Second))
	app.At("/abort").Get(func() string { panic(http.ErrAbortHandler) })
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", p)
		}
	}()
	serve(app, "GET", "/abort", "")
	t.Error("ServeView returned normally")
}

// TestTimeoutServer runs overrunning and fast handlers side by side over
// a real connection, so the race detector sees the adapter recycle its
// views while late handlers still run.
func TestTimeoutServer(t *testing.T) {
	var wg sync.WaitGroup
	app := newApp()
	app.Use(mw.Timeout(300 * time.Millisecond))
	app.At("/slow").Get(func(ctx context.Context, r view.Request, w view.Response) {
		defer wg.Done()
		<-ctx.Done()
		time.Sleep(10 * time.Millisecond) // the 503 has gone out
		r.Header("X-In")
		r.Method()
		w.SetHeader("X-Late", "1")
		if _, err := io.WriteString(w, "late"); !errors.Is(err, mw.ErrTimedOut) {
			t.Errorf("late write: %v", err)
		}
	})
	app.At("/fast").Get(func(r view.Request) string {
		v, _ := r.Header("X-In")
		return "fast " + v
	})
	srv := httptest.NewServer(nethttp.Handler(app))
	defer srv.Close()

	var clients sync.WaitGroup
	for i := range 40 {
		path, status, body := "/fast", 200, "fast in"
		if i%2 == 0 {
			path, status, body = "/slow", 503, `"detail":"the request timed out"`
			wg.Add(1)
		}
		clients.Go(func() {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			req.Header.Set("X-In", "in")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != status || !strings.Contains(string(b), body) || res.Header.Get("X-Late") != "" {
				t.Errorf("%s: %d %q %v", path, res.StatusCode, b, res.Header)
			}
		})
	}
	clients.Wait()
	wg.Wait()
}

// TestTimeoutSlowBody sends a body slower than the timeout over a real
// connection: the answer is 503 once the read in progress returns.
func TestTimeoutSlowBody(t *testing.T) {
	type note struct {
		Text string `json:"text"`
	}
	app := newApp()
	app.Use(mw.Timeout(50 * time.Millisecond))
	app.At("/note").Post(func(n note) string { return n.Text })
	srv := httptest.NewServer(nethttp.Handler(app))
	defer srv.Close()

	pr, pw := io.Pipe()
	go func() {
		io.WriteString(pw, `{"text":`)
		time.Sleep(200 * time.Millisecond)
		io.WriteString(pw, `"slow"}`)
		pw.Close()
	}()
	res, err := http.Post(srv.URL+"/note", "application/json", pr)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 503 || !strings.Contains(string(b), "timed out") {
		t.Errorf("%d %s", res.StatusCode, b)
	}
}

func TestTimeoutNotPositive(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Timeout(0) did not panic")
		}
	}()
	mw.Timeout(0)
}
