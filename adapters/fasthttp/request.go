package fasthttp

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway/view"
)

// request is the view of a *fasthttp.RequestCtx. Every string it hands out
// is a copy: fasthttp reuses the ctx's buffers once the handler returns.
type request struct {
	rc     *fasthttp.RequestCtx
	t      target // kept between requests: see parseTarget
	exact  bool   // t is a plain path alone, as sent
	method string
	body   *body // handed out by Body, closed when the request ends
	// exposed is set once the ctx may have been written other than
	// through the views: Raw handed it out, or code of the user's ran
	// before the handler (see response.Status). Raw may be called on any
	// goroutine, hence the atomic.
	exposed atomic.Bool
	// ctx is made on the first call to Context: most requests never ask
	// for it. endCtx ends it (or puts ended in its place).
	ctx atomic.Pointer[reqContext]
}

var _ view.Request = (*request)(nil)

// Context returns the request's context, made on the first call. Once the
// request has ended it is cancelled, even if it was never asked for.
func (q *request) Context() context.Context {
	if c := q.ctx.Load(); c != nil {
		return c
	}
	c := &reqContext{rc: q.rc}
	if q.ctx.CompareAndSwap(nil, c) {
		return c
	}
	return q.ctx.Load()
}

// endCtx cancels the request's context, if it was made, and has later
// calls of Context return a cancelled one.
func (q *request) endCtx() {
	if c := q.ctx.Swap(ended); c != nil {
		c.cancel()
	}
}

// ended is the context of a request that has ended without asking for
// one. It is never Done's first caller's to close: its err is set.
var ended = &reqContext{err: context.Canceled}

func (q *request) Method() string     { return q.method }
func (q *request) Path() string       { return q.t.path }
func (q *request) RawQuery() string   { return q.t.query }
func (q *request) RemoteAddr() string { return q.rc.RemoteAddr().String() }

// Raw returns the ctx, which the app may then write to.
func (q *request) Raw() any {
	q.expose()
	return q.rc
}

// expose records that the ctx has been handed out.
func (q *request) expose() {
	if !q.exposed.Load() {
		q.exposed.Store(true)
	}
}

// Host returns the authority of an absolute-form target, else the Host
// header as sent (fasthttp's ctx.Host lowercases it; net/http does not).
func (q *request) Host() string {
	if q.t.host != "" {
		return q.t.host
	}
	return string(q.rc.Request.Header.Host())
}

// ContentLength returns the declared length, -1 for a chunked body and 0
// for none, as net/http's Request.ContentLength does.
func (q *request) ContentLength() int64 {
	switch n := q.rc.Request.Header.ContentLength(); {
	case n >= 0:
		return int64(n)
	case n == -1:
		return -1
	}
	return 0
}

// Header returns the first value of the named header. As on net/http,
// Host and Transfer-Encoding are not headers to a handler: net/http moves
// them to Request.Host and Request.TransferEncoding.
func (q *request) Header(name string) (string, bool) {
	if strings.EqualFold(name, "Host") || strings.EqualFold(name, "Transfer-Encoding") {
		return "", false
	}
	h := &q.rc.Request.Header
	if v := h.Peek(name); v != nil {
		return string(v), true
	}
	// Peek matches the canonical form only; a server with
	// DisableHeaderNamesNormalizing keeps names as sent.
	for k, v := range h.All() {
		if bytes.EqualFold(k, []byte(name)) {
			return string(v), true
		}
	}
	return "", false
}

// Body returns the request body: fasthttp's body stream when the server
// streams request bodies, else the body it has read.
func (q *request) Body() io.Reader {
	if q.body != nil {
		return q.body
	}
	var src io.Reader
	if s := q.rc.RequestBodyStream(); s != nil {
		src = s
	} else if b := q.rc.Request.Body(); len(b) > 0 {
		src = bytes.NewReader(b)
	} else {
		return eof{}
	}
	q.body = &body{src: src}
	return q.body
}

// method returns m as a string, without allocating for the usual methods.
func method(m []byte) string {
	switch string(m) {
	case "GET":
		return "GET"
	case "POST":
		return "POST"
	case "PUT":
		return "PUT"
	case "PATCH":
		return "PATCH"
	case "DELETE":
		return "DELETE"
	case "HEAD":
		return "HEAD"
	case "OPTIONS":
		return "OPTIONS"
	}
	return string(m)
}

// eof is the body of a request without one, like http.NoBody.
type eof struct{}

func (eof) Read([]byte) (int, error) { return 0, io.EOF }

// body reads the request body until the request ends; afterwards every
// Read fails, as reads of a closed net/http body do.
type body struct {
	src    io.Reader
	closed atomic.Bool
	eof    bool // set by the reading goroutine; read after the app is done
	n      int64
}

// errBodyClosed is returned by reads after the request has ended.
var errBodyClosed = bodyError("fasthttp adapter: read of the request body after the request ended")

type bodyError string

func (e bodyError) Error() string { return string(e) }

func (b *body) Read(p []byte) (int, error) {
	if b.closed.Load() {
		return 0, errBodyClosed
	}
	n, err := b.src.Read(p)
	b.n += int64(n)
	if err == io.EOF {
		b.eof = true
	}
	return n, err
}

// drainLimit is how much unread body the adapter reads and discards after
// the handler, to keep the connection (net/http discards up to 256 KiB).
const drainLimit = 256 << 10

// drain discards what is left of the body, up to drainLimit, and reports
// whether it reached the end.
func (b *body) drain() bool {
	if b.eof {
		return true
	}
	n, err := io.Copy(io.Discard, io.LimitReader(b.src, drainLimit+1))
	return err == nil && n <= drainLimit
}

// reqContext is a request's context: like net/http's, it is cancelled
// when the handler returns, and when writing a streamed response shows
// that the client has gone away. Each request has its own, since code may
// keep it after the request. Its Done channel is made only if asked for,
// and its AfterFunc method lets context.WithCancel, WithTimeout and
// AfterFunc hang off it without a goroutine each.
type reqContext struct {
	mu    sync.Mutex
	rc    *fasthttp.RequestCtx // for Value, while the request lasts
	done  chan struct{}
	err   error
	after []afterFunc
	seq   uint64
}

type afterFunc struct {
	id uint64
	f  func()
}

var _ context.Context = (*reqContext)(nil)

// closedChan is the Done channel of a context cancelled before Done was
// first called.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func (c *reqContext) Deadline() (time.Time, bool) { return time.Time{}, false }

func (c *reqContext) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		if c.err != nil {
			return closedChan
		}
		c.done = make(chan struct{})
	}
	return c.done
}

func (c *reqContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Value returns the ctx's user value for key (fasthttp's RequestCtx.Value)
// while the request lasts, then nil.
func (c *reqContext) Value(key any) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return nil
	}
	return c.rc.UserValue(key)
}

// AfterFunc arranges for f to run once c is cancelled; stop unregisters
// it. The context package calls it (with a quick f that cancels a derived
// context) instead of starting a goroutine to watch Done.
func (c *reqContext) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		go f()
		return func() bool { return false }
	}
	c.seq++
	id := c.seq
	c.after = append(c.after, afterFunc{id, f})
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		for i, a := range c.after {
			if a.id == id {
				c.after = append(c.after[:i], c.after[i+1:]...)
				return true
			}
		}
		return false
	}
}

// cancel ends the context with context.Canceled.
func (c *reqContext) cancel() {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err, c.rc = context.Canceled, nil
	if c.done != nil {
		close(c.done)
	}
	after := c.after
	c.after = nil
	c.mu.Unlock()
	for _, a := range after {
		a.f()
	}
}
