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

// server describes this adapter to the suite: the server of NewServer,
// with ListenAndServe's defaults, on the suite's listener.
var server = adaptertest.Server{Name: "fasthttp", Serve: func(app *tideway.App, ln net.Listener) func() error {
	srv := tfasthttp.NewServer(app, quiet)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	return func() error {
		err := srv.Shutdown()
		if serr := <-done; err == nil {
			err = serr
		}
		return err
	}
}}

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
