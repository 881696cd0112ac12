package mw_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/view"
)

// do serves one request in process through the net/http adapter.
func do(app *tideway.App, method, target, body string, headers ...string) *http.Response {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	nethttp.Handler(app).ServeHTTP(rec, req)
	return rec.Result()
}

// quiet is a logger that drops everything.
var quiet = slog.New(slog.DiscardHandler)

func ExampleLogger() {
	// A text log without the time and the duration, to be predictable.
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration_us" {
				return slog.Attr{}
			}
			return a
		},
	}))
	type name struct {
		Name string `path:"name"`
	}
	app := tideway.New(nil)
	app.Use(mw.RequestID(), mw.Logger(logger))
	app.At("/hello/{name}").Get(func(n name) string { return "Hello, " + n.Name })

	do(app, "GET", "/hello/ann", "", "X-Request-ID", "req-1")
	do(app, "GET", "/nowhere", "", "X-Request-ID", "req-2")
	// Output:
	// level=INFO msg=request method=GET route=/hello/{name} status=200 bytes=10 request_id=req-1
	// level=INFO msg=request method=GET route=/nowhere status=404 bytes=92 request_id=req-2
}

func ExampleRecover() {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: quiet}))
	app.Use(func(c *tideway.Call, next tideway.Next) error {
		err := next(c)
		fmt.Printf("outer middleware sees: %.12s...\n", err)
		return err
	}, mw.Recover(quiet))
	app.At("/boom").Get(func() string { panic("something broke") })

	res := do(app, "GET", "/boom", "")
	fmt.Println(res.StatusCode)
	// Output:
	// outer middleware sees: panic: somet...
	// 500
}

func ExampleRequestID() {
	app := tideway.New(nil)
	app.Use(mw.RequestID())
	app.At("/").Get(func(ctx context.Context) string { return "your request is " + mw.RequestIDFrom(ctx) })

	res := do(app, "GET", "/", "", "X-Request-ID", "order-7")
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.Header.Get("X-Request-ID"), string(body))

	res = do(app, "GET", "/", "", "X-Request-ID", "<not an id>")
	fmt.Println(len(res.Header.Get("X-Request-ID")), "hex digits, generated")
	// Output:
	// order-7 your request is order-7
	// 32 hex digits, generated
}

func ExampleCORS() {
	cors, err := mw.CORS(mw.CORSOptions{
		AllowedOrigins:   []string{"https://app.example"},
		AllowedMethods:   []string{"GET", "PUT"},
		AllowedHeaders:   []string{"Content-Type"},
		AllowCredentials: true,
		MaxAge:           time.Hour,
	})
	if err != nil {
		panic(err)
	}
	app := tideway.New(nil)
	app.Use(cors) // at App level, so preflights reach it
	app.At("/settings").Get(func() string { return "{}" })

	res := do(app, "OPTIONS", "/settings", "", "Origin", "https://app.example", "Access-Control-Request-Method", "PUT")
	fmt.Println(res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"), res.Header.Get("Access-Control-Allow-Methods"), res.Header.Get("Access-Control-Max-Age"))

	res = do(app, "GET", "/settings", "", "Origin", "https://evil.example")
	fmt.Printf("%d %q\n", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))

	_, err = mw.CORS(mw.CORSOptions{AllowedOrigins: []string{"*"}, AllowCredentials: true})
	fmt.Println(err)
	// Output:
	// 204 https://app.example GET, PUT 3600
	// 200 ""
	// mw: CORS option AllowCredentials: cannot be combined with the origin "*"; list the allowed origins
}

func ExampleBodyLimit() {
	type note struct {
		Text string `json:"text"`
	}
	app := tideway.New(nil)
	app.At("/note").Use(mw.BodyLimit(16)).Post(func(n note) string { return n.Text })

	res := do(app, "POST", "/note", `{"text":"short"}`, "Content-Type", "application/json")
	fmt.Println(res.StatusCode)
	res = do(app, "POST", "/note", `{"text":"far too long"}`, "Content-Type", "application/json")
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, string(body))
	// Output:
	// 200
	// 413 {"type":"about:blank","title":"Content Too Large","status":413,"detail":"request body is larger than the limit of 16 bytes"}
}

func ExampleTimeout() {
	app := tideway.New(nil)
	app.At("/report").Use(mw.Timeout(20 * time.Millisecond)).Get(func(ctx context.Context) (string, error) {
		select {
		case <-time.After(time.Second): // too slow
			return "report", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	})

	res := do(app, "GET", "/report", "")
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, string(body))
	// Output:
	// 503 {"type":"about:blank","title":"Service Unavailable","status":503,"detail":"the request timed out"}
}

func ExampleGuard() {
	fromOffice := func(r view.Request) bool { return strings.HasPrefix(r.RemoteAddr(), "192.0.2.") }
	app := tideway.New(nil)
	app.Nest("/admin", func(r *tideway.Router) {
		r.Use(mw.Guard(fromOffice))
		r.At("/stats").Get(func() string { return "all good" })
	})

	fmt.Println(do(app, "GET", "/admin/stats", "").StatusCode) // httptest's client is 192.0.2.1
	req := httptest.NewRequest("GET", "/admin/stats", nil)
	req.RemoteAddr = "203.0.113.9:4000"
	rec := httptest.NewRecorder()
	nethttp.Handler(app).ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	// Output:
	// 200
	// 403 application/problem+json
}

func ExampleCompress() {
	app := tideway.New(nil)
	app.Use(mw.Compress(0))
	app.At("/big").Get(func() string { return strings.Repeat("tideway ", 1000) })

	res := do(app, "GET", "/big", "", "Accept-Encoding", "gzip")
	compressed, _ := io.ReadAll(res.Body)
	zr, _ := gzip.NewReader(strings.NewReader(string(compressed)))
	plain, _ := io.ReadAll(zr)
	fmt.Println(res.Header.Get("Content-Encoding"), res.Header.Get("Vary"), len(plain), len(compressed) < 100)
	// Output:
	// gzip Accept-Encoding 8000 true
}
