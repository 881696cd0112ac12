package fasthttp_test

import (
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/adaptertest"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
)

// TestConformance runs the adapter conformance suite over fasthttp.
func TestConformance(t *testing.T) { adaptertest.Run(t, server) }

// TestConformanceWrapped runs the suite with the app behind fasthttp
// middleware, where the adapter cannot assume that it alone writes to the
// ctx (see WithMiddleware).
func TestConformanceWrapped(t *testing.T) { adaptertest.Run(t, wrappedServer) }

// TestConformanceListenAndServe runs the suite on the connections of
// ListenAndServe's listener, whose read deadlines move lazily and which
// keep the views of their last request for the next.
func TestConformanceListenAndServe(t *testing.T) {
	adaptertest.Run(t, adaptertest.Server{Name: "fasthttp", Serve: func(app *tideway.App, ln net.Listener) func() error {
		return serveNew(app, tfasthttp.ListenAndServeListener(ln), []tfasthttp.Option{quiet})
	}})
}

// server describes this adapter to the suite: the server of NewServer,
// with ListenAndServe's defaults, on the suite's listener.
var server = adaptertest.Server{Name: "fasthttp", Serve: serveWith(quiet)}

// wrappedServer is server with the app behind fasthttp middleware that
// passes every request on. It is the same adapter to the suite, which
// names its known bugs by adapter.
var wrappedServer = adaptertest.Server{Name: "fasthttp", Serve: serveWith(quiet,
	tfasthttp.WithMiddleware(func(next fasthttp.RequestHandler) fasthttp.RequestHandler {
		return func(rc *fasthttp.RequestCtx) { next(rc) }
	}))}

// serveWith returns the suite's Serve for NewServer with opts.
func serveWith(opts ...tfasthttp.Option) func(app *tideway.App, ln net.Listener) func() error {
	return func(app *tideway.App, ln net.Listener) func() error {
		return serveNew(app, ln, opts)
	}
}

func serveNew(app *tideway.App, ln net.Listener, opts []tfasthttp.Option) func() error {
	srv := tfasthttp.NewServer(app, opts...)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	return func() error {
		err := srv.Shutdown()
		if serr := <-done; err == nil {
			err = serr
		}
		return err
	}
}

// post returns a raw POST request with a body.
func post(path, ct, body string) string {
	return fmt.Sprintf("POST %s HTTP/1.1\r\nHost: example.com\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", path, ct, len(body), body)
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
