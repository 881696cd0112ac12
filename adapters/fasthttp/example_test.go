package fasthttp_test

import (
	"bytes"
	"fmt"
	"net"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"

	"github.com/tideway-go/tideway"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
)

func ExampleHandler() {
	app := tideway.New(nil)
	app.At("/ping").Get(func() string { return "pong" })

	// Mount the app under /api of a fasthttp handler of your own.
	api := tfasthttp.StripPrefix("/api", tfasthttp.Handler(app))
	srv := &fasthttp.Server{
		Handler: func(rc *fasthttp.RequestCtx) {
			if bytes.HasPrefix(rc.Path(), []byte("/api/")) {
				api(rc)
				return
			}
			rc.NotFound()
		},
		StreamRequestBody: true,
		ErrorHandler:      tfasthttp.ErrorHandler,
	}

	ln := fasthttputil.NewInmemoryListener()
	go srv.Serve(ln)
	defer srv.Shutdown()
	client := &fasthttp.Client{Dial: func(string) (net.Conn, error) { return ln.Dial() }}
	status, body, err := client.Get(nil, "http://example.com/api/ping")
	if err != nil {
		panic(err)
	}
	fmt.Println(status, string(body))
	// Output: 200 pong
}

func ExampleNewServer() {
	app := tideway.New(nil)
	app.At("/hello/{name}").Get(func(p struct {
		Name string `path:"name"`
	}) string {
		return "hello " + p.Name
	})

	// The server of ListenAndServe, on a listener of your own.
	srv := tfasthttp.NewServer(app)
	ln := fasthttputil.NewInmemoryListener()
	go srv.Serve(ln)
	defer srv.Shutdown()
	client := &fasthttp.Client{Dial: func(string) (net.Conn, error) { return ln.Dial() }}
	status, body, err := client.Get(nil, "http://example.com/hello/ann")
	if err != nil {
		panic(err)
	}
	fmt.Println(status, string(body))
	// Output: 200 hello ann
}
