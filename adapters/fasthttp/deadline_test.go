package fasthttp

import (
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countingConn counts the read deadlines set on it.
type countingConn struct {
	net.Conn
	sets atomic.Int32
}

func (c *countingConn) SetReadDeadline(t time.Time) error {
	c.sets.Add(1)
	return c.Conn.SetReadDeadline(t)
}

// lazyPipe returns a lazyDeadlineConn over one end of a pipe, the count of
// its deadline moves, and the other end.
func lazyPipe(t *testing.T) (*lazyDeadlineConn, *countingConn, net.Conn) {
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	cc := &countingConn{Conn: a}
	return &lazyDeadlineConn{Conn: cc}, cc, b
}

// TestLazyDeadlineTiming checks that the deadlines of a lazyDeadlineConn
// cut reads when they should, whatever deadline is armed underneath.
func TestLazyDeadlineTiming(t *testing.T) {
	const unit = 100 * time.Millisecond
	for _, tc := range []struct {
		name     string
		set      func(c *lazyDeadlineConn, start time.Time) // the deadlines, in order
		send     time.Duration                              // when the peer writes; 0: never
		fails    bool
		min, max time.Duration // when the Read returns
	}{
		{"a first deadline", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(unit))
		}, 0, true, unit, 4 * unit},
		{"a later deadline replaces an earlier one", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(unit))
			c.SetReadDeadline(s.Add(3 * unit))
		}, 0, true, 3 * unit, 6 * unit},
		{"data before the later deadline is read", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(unit))
			c.SetReadDeadline(s.Add(10 * unit))
		}, 2 * unit, false, 2 * unit, 5 * unit},
		{"no deadline after one", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(unit))
			c.SetReadDeadline(time.Time{})
		}, 2 * unit, false, 2 * unit, 5 * unit},
		{"an earlier deadline cuts at once", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(10 * unit))
			c.SetReadDeadline(s.Add(unit))
		}, 0, true, unit, 4 * unit},
		{"a past deadline", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(10 * unit))
			c.SetReadDeadline(s.Add(-unit))
		}, 0, true, 0, 2 * unit},
		{"SetDeadline", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(unit))
			c.SetDeadline(s.Add(2 * unit))
		}, 0, true, 2 * unit, 5 * unit},
		// Round(0) and UTC strip the monotonic clock reading: such times
		// compare by their wall clocks.
		{"a later wall-clock deadline", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(unit))
			c.SetReadDeadline(s.Add(3 * unit).Round(0))
		}, 0, true, 3 * unit, 6 * unit},
		{"an earlier wall-clock deadline", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(10 * unit))
			c.SetReadDeadline(s.Add(unit).UTC())
		}, 0, true, unit, 4 * unit},
		{"a later deadline, then an earlier one still later than the armed", func(c *lazyDeadlineConn, s time.Time) {
			c.SetReadDeadline(s.Add(unit))
			c.SetReadDeadline(s.Add(5 * unit))
			c.SetReadDeadline(s.Add(3 * unit))
		}, 0, true, 3 * unit, 6 * unit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, _, peer := lazyPipe(t)
			start := time.Now()
			tc.set(c, start)
			if tc.send > 0 {
				time.AfterFunc(tc.send, func() { peer.Write([]byte("x")) })
			}
			n, err := c.Read(make([]byte, 1))
			took := time.Since(start)
			if tc.fails != (err != nil) || tc.fails && !errors.Is(err, os.ErrDeadlineExceeded) || !tc.fails && n != 1 {
				t.Errorf("Read = %d, %v; want it to fail with a timeout: %v", n, err, tc.fails)
			}
			if took < tc.min || took > tc.max {
				t.Errorf("Read returned after %v, want %v to %v", took, tc.min, tc.max)
			}
		})
	}
}

// TestLazyDeadlineInterrupts checks that a deadline set from another
// goroutine still cuts a Read that is waiting.
func TestLazyDeadlineInterrupts(t *testing.T) {
	c, _, _ := lazyPipe(t)
	c.SetReadDeadline(time.Now().Add(time.Minute))
	time.AfterFunc(50*time.Millisecond, func() { c.SetReadDeadline(time.Now()) })
	start := time.Now()
	if _, err := c.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("Read = %v after %v, want a timeout soon after 50ms", err, time.Since(start))
	}
}

// TestLazyDeadlineBusy checks the point of lazyDeadlineConn: on a busy
// keep-alive connection, fasthttp's two deadline moves per request (the
// idle timeout, then the read timeout) leave the timer alone.
func TestLazyDeadlineBusy(t *testing.T) {
	c, cc, peer := lazyPipe(t)
	go func() {
		for range 100 {
			if _, err := peer.Write([]byte("x")); err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 1)
	for i := range 100 {
		now := time.Now()
		if i > 0 {
			c.SetReadDeadline(now.Add(DefaultIdleTimeout))
		} else {
			c.SetReadDeadline(now.Add(DefaultReadHeaderTimeout))
		}
		if _, err := c.Read(buf); err != nil {
			t.Fatal(err)
		}
		c.SetReadDeadline(time.Now().Add(DefaultReadHeaderTimeout))
	}
	if n := cc.sets.Load(); n > 2 {
		t.Errorf("the deadline was moved %d times for 100 requests, want at most 2", n)
	}
}

// TestLazyDeadlineConnPassesOn checks what the wrapper forwards to the
// connection it wraps.
func TestLazyDeadlineConnPassesOn(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
			defer c.Close()
			c.Write([]byte("ping"))
			buf := make([]byte, 4)
			c.Read(buf) // until the server shuts its side
		}
	}()
	c, err := lazyDeadlineListener{ln}.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	lc, ok := c.(*lazyDeadlineConn)
	if !ok {
		t.Fatalf("Accept gave a %T", c)
	}
	if _, ok := lc.NetConn().(*net.TCPConn); !ok {
		t.Errorf("NetConn = %T, want *net.TCPConn", lc.NetConn())
	}
	if err := lc.SetKeepAlive(true); err != nil {
		t.Errorf("SetKeepAlive: %v", err)
	}
	if err := lc.SetKeepAlivePeriod(time.Minute); err != nil {
		t.Errorf("SetKeepAlivePeriod: %v", err)
	}
	buf := make([]byte, 4)
	if n, err := lc.Read(buf); n == 0 || err != nil {
		t.Errorf("Read = %d, %v", n, err)
	}
	if n, err := lc.ReadFrom(strings.NewReader("pong")); n != 4 || err != nil {
		t.Errorf("ReadFrom = %d, %v", n, err)
	}
	if err := lc.CloseWrite(); err != nil {
		t.Errorf("CloseWrite: %v", err)
	}
	p, q := net.Pipe()
	defer p.Close()
	defer q.Close()
	if err := (&lazyDeadlineConn{Conn: p}).CloseWrite(); err == nil {
		t.Error("CloseWrite on a pipe did not fail")
	}
}

// TestLazyDeadlineAfterClose checks that a deadline set after Close fails,
// even one only recorded: fasthttp's graceful shutdown relies on that to
// drop a request that arrived on a connection it has just closed as idle.
func TestLazyDeadlineAfterClose(t *testing.T) {
	c, _, _ := lazyPipe(t)
	now := time.Now()
	if err := c.SetReadDeadline(now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	c.Close()
	for _, d := range []time.Duration{time.Minute, time.Millisecond} { // recorded, then armed
		if err := c.SetReadDeadline(now.Add(d)); !errors.Is(err, net.ErrClosed) && !errors.Is(err, io.ErrClosedPipe) {
			t.Errorf("SetReadDeadline(+%v) after Close = %v, want a closed-connection error", d, err)
		}
	}
}

// tcpPair returns the two ends of a loopback TCP connection, the first as
// ListenAndServe's listener hands it to fasthttp.
func tcpPair(tb testing.TB) (*lazyDeadlineConn, net.Conn) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	dialed := make(chan net.Conn, 1)
	go func() {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			tb.Error(err)
		}
		dialed <- c
	}()
	c, err := lazyDeadlineListener{ln}.Accept()
	if err != nil {
		tb.Fatal(err)
	}
	peer := <-dialed
	if peer == nil {
		c.Close()
		tb.FailNow()
	}
	tb.Cleanup(func() { c.Close(); peer.Close() })
	return c.(*lazyDeadlineConn), peer
}

// BenchmarkLazyDeadline measures the deadline moves fasthttp makes per
// request on a busy keep-alive connection of ListenAndServe: the idle
// timeout before waiting for the request, then the read timeout, which
// limitHeaderTime makes the read-header timeout, once it starts. Both are
// later than the deadline armed for an earlier request, so neither should
// touch the timer.
func BenchmarkLazyDeadline(b *testing.B) {
	lc, _ := tcpPair(b)
	var c net.Conn = lc // fasthttp calls through the interface
	b.ReportAllocs()
	for b.Loop() {
		if err := c.SetReadDeadline(time.Now().Add(DefaultIdleTimeout)); err != nil {
			b.Fatal(err)
		}
		if err := c.SetReadDeadline(time.Now().Add(DefaultReadHeaderTimeout)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLazyDeadlineMonoOf checks monoOf against time.Time.Before, which the lock-free
// path of SetReadDeadline stands in for: two times with monotonic
// readings must compare by them exactly as Before compares the times, and
