package adaptertest

import (
	"context"
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
)

// ListenAndServe starts an adapter the way its users do, for the fault
// tests (SlowClients, ShutdownUnderLoad): the adapter's own
// ListenAndServe on addr, with its defaults except the read-header
// timeout, which is headerTimeout. It calls ready with the listening
// address once it accepts connections, serves until ctx is done, then
// shuts down gracefully and returns what ListenAndServe returned. It
// should silence the server's own error log.
//
// For adapters/nethttp, in a test file:
//
//	func(ctx context.Context, addr string, app *tideway.App, headerTimeout time.Duration, ready func(net.Addr)) error {
//		return nethttp.ListenAndServe(addr, app, nethttp.WithContext(ctx), nethttp.WithReady(ready),
//			nethttp.WithServer(func(s *http.Server) { s.ReadHeaderTimeout = headerTimeout }))
//	}
type ListenAndServe func(ctx context.Context, addr string, app *tideway.App, headerTimeout time.Duration, ready func(net.Addr)) error

// start runs serve on a loopback port until the test ends or stop is
// called, and returns the address and stop, which cancels the context
// and returns ListenAndServe's error. A second call returns the same.
func start(t *testing.T, serve ListenAndServe, app *tideway.App, headerTimeout time.Duration) (addr string, cancel func(), wait func() error) {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, "127.0.0.1:0", app, headerTimeout, func(a net.Addr) { ready <- a }) }()
	select {
	case a := <-ready:
		addr = a.String()
	case err := <-done:
		stop()
		t.Fatalf("ListenAndServe: %v", err)
	}
	var result error
	waited := false
	wait = func() error {
		if !waited {
			waited = true
			select {
			case result = <-done:
			case <-time.After(30 * time.Second):
				result = errors.New("ListenAndServe did not return 30s after its context was cancelled")
			}
		}
		return result
	}
	t.Cleanup(func() {
		stop()
		if err := wait(); err != nil {
			t.Errorf("ListenAndServe: %v", err)
		}
	})
	return addr, stop, wait
}

// refused reports whether err is a connection the server refused or
// closed before answering anything: what a client may see once a
// graceful shutdown has begun, and nothing else.
func refused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.EOF)
}
