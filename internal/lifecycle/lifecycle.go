// Package lifecycle runs a server until a signal or a context ends it, then
// shuts it down gracefully: the part of ListenAndServe the adapters share.
package lifecycle

import (
	"context"
	"errors"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Server is what Run drives.
type Server struct {
	// Serve serves ln until the server shuts down.
	Serve func(ln net.Listener) error
	// Shutdown stops accepting connections and waits for in-flight
	// requests until ctx is done.
	Shutdown func(ctx context.Context) error
	// Closed is the error Serve returns after a graceful Shutdown (such as
	// http.ErrServerClosed), which Run does not report; nil if none.
	Closed error
}

// Run listens on addr, calls ready with the address, and serves until
// SIGINT, SIGTERM or ctx; it then shuts down, waiting at most timeout
// for in-flight requests, and returns the first error, or nil.
func Run(ctx context.Context, addr string, s Server, ready func(net.Addr), timeout time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr())
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err = s.Shutdown(sctx)
	if serr := <-errc; serr != nil && err == nil && (s.Closed == nil || !errors.Is(serr, s.Closed)) {
		err = serr
	}
	return err
}
