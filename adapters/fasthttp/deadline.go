package fasthttp

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// fasthttp moves a connection's read deadline twice per request: to the
// idle timeout before waiting for the next request, to the read timeout
// once it starts. Each move re-arms a runtime timer and costs about as
// much as the rest of fasthttp's work on a small request's headers.
// lazyDeadlineConn, which ListenAndServe's listener hands to fasthttp,
// keeps the deadlines exact with far fewer moves: a deadline earlier than
// the armed one is armed at once (it may have to interrupt a Read), and a
// later one is only recorded. A Read that then times out at the armed,
// earlier deadline re-arms the later one and reads again, so no read is
// ever cut short. On a busy connection the armed deadline is that of an
// earlier request and lies ahead: requests come and go without touching
// the timer.

// lazyDeadlineListener hands out its connections as *lazyDeadlineConn.
type lazyDeadlineListener struct{ net.Listener }

// Accept waits for the next connection and wraps it.
func (l lazyDeadlineListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &lazyDeadlineConn{Conn: c}, nil
}

// lazyDeadlineConn is a net.Conn whose read deadline is moved later
// lazily (see above). Its NetConn method returns the connection it wraps.
type lazyDeadlineConn struct {
	net.Conn
	mu    sync.Mutex
	armed time.Time // the read deadline set on Conn (zero: none)
	want  time.Time // the read deadline asked for, never earlier than armed
	// closed is set by Close. fasthttp's graceful shutdown closes the
	// connections it sees idle from another goroutine; one whose request
	// has just arrived learns of it when it next sets a deadline, and
	// drops the request before the handler runs, since its response could
	// not be sent. A deadline only recorded must fail then too.
	closed atomic.Bool
	// idle holds the views of the connection's last request, for its
	// next one (see handler.acquire). Only the goroutine fasthttp serves
	// the connection on uses it.
	idle *views
}

// before reports whether deadline a comes before b, the zero time (no
// deadline) coming after every other.
func before(a, b time.Time) bool {
	return !a.IsZero() && (b.IsZero() || a.Before(b))
}

// SetReadDeadline records t, and arms it at once if it comes before the
// armed deadline (it may have to cut a Read that is waiting).
func (c *lazyDeadlineConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock() // not deferred: this runs twice per request
	c.want = t
	// !before(t, c.armed), with the common case first and no call: on a
	// busy connection t comes after an armed deadline.
	if armed := c.armed; !armed.IsZero() && !t.Before(armed) || t.IsZero() {
		// The armed deadline comes first: Read re-arms if it fires.
		c.mu.Unlock()
		if c.closed.Load() {
			return &net.OpError{Op: "set", Net: "tcp", Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: net.ErrClosed}
		}
		return nil
	}
	err := c.Conn.SetReadDeadline(t)
	if err == nil {
		c.armed = t
	}
	c.mu.Unlock()
	return err
}

// SetDeadline sets both deadlines at once, as on the connection wrapped.
func (c *lazyDeadlineConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.Conn.SetDeadline(t); err != nil {
		return err
	}
	c.armed, c.want = t, t
	return nil
}

// Read reads from the connection wrapped. A read cut by the armed
// deadline while a later one was asked for re-arms that one and reads on.
func (c *lazyDeadlineConn) Read(p []byte) (int, error) {
	for {
		n, err := c.Conn.Read(p)
		if n > 0 || !errors.Is(err, os.ErrDeadlineExceeded) || !c.rearm() {
			return n, err
		}
	}
}

// rearm arms the read deadline asked for if it is later than the one
// that fired, and reports whether it did.
func (c *lazyDeadlineConn) rearm() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !before(c.armed, c.want) {
		return false
	}
	if err := c.Conn.SetReadDeadline(c.want); err != nil {
		return false
	}
	c.armed = c.want
	return true
}

// Close closes the connection wrapped, and has later deadlines fail as
// they do on a closed connection.
func (c *lazyDeadlineConn) Close() error {
	c.closed.Store(true)
	return c.Conn.Close()
}

// ReadFrom lets a response body from a file go out with sendfile, as it
// does on the connection wrapped.
func (c *lazyDeadlineConn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(struct{ io.Writer }{c.Conn}, r)
}

// CloseWrite shuts the sending side of the connection wrapped (see
// lingeringClose).
func (c *lazyDeadlineConn) CloseWrite() error {
	if cw, ok := c.Conn.(closeWriter); ok {
		return cw.CloseWrite()
	}
	return errors.New("fasthttp adapter: the connection cannot shut its sending side alone")
}

// SetKeepAlive and SetKeepAlivePeriod let the server's TCPKeepalive
// settings reach the connection wrapped.
func (c *lazyDeadlineConn) SetKeepAlive(on bool) error {
	if k, ok := c.Conn.(interface{ SetKeepAlive(bool) error }); ok {
		return k.SetKeepAlive(on)
	}
	return nil
}

// SetKeepAlivePeriod: see SetKeepAlive.
func (c *lazyDeadlineConn) SetKeepAlivePeriod(d time.Duration) error {
	if k, ok := c.Conn.(interface{ SetKeepAlivePeriod(time.Duration) error }); ok {
		return k.SetKeepAlivePeriod(d)
	}
	return nil
}

// NetConn returns the connection c wraps, as tls.Conn's NetConn does.
func (c *lazyDeadlineConn) NetConn() net.Conn { return c.Conn }
