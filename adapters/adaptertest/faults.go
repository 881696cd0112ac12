package adaptertest

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
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

// stallProbe measures the pauses of the whole process (a busy machine,
// the runtime) by how far a 10ms sleep oversleeps, so that a fault test
// does not blame the server for time in which nothing could run.
type stallProbe struct {
	mu     sync.Mutex
	stalls []stall // pauses over 50ms
	stop   chan struct{}
	done   chan struct{}
}

// stall is one pause of the process.
type stall struct{ from, to time.Time }

// probeStalls starts a stallProbe; stop it with Stop.
func probeStalls() *stallProbe {
	p := &stallProbe{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for {
			start := time.Now()
			select {
			case <-p.stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
			if end := time.Now(); end.Sub(start) > 60*time.Millisecond {
				p.mu.Lock()
				p.stalls = append(p.stalls, stall{start.Add(10 * time.Millisecond), end})
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// Stop ends the probe; during then sees every stall it measured.
func (p *stallProbe) Stop() {
	close(p.stop)
	<-p.done
}

// during returns how long the process was stalled between from and to.
func (p *stallProbe) during(from, to time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	var d time.Duration
	for _, s := range p.stalls {
		if lo, hi := later(s.from, from), earlier(s.to, to); hi.After(lo) {
			d += hi.Sub(lo)
		}
	}
	return d
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
