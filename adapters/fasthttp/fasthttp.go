package fasthttp

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/view"
)

// App is what this adapter serves: *tideway.App implements it.
type App interface {
	ServeView(w view.Response, r view.Request)
}

// Handler returns a fasthttp.RequestHandler that serves app, for a
// fasthttp.Server of your own or for part of another handler (see
// StripPrefix). Configure that server as ListenAndServe does (see the
// package doc): StreamRequestBody, DisablePreParseMultipartForm and
// ErrorHandler.
func Handler(app App) fasthttp.RequestHandler {
	return newHandler(app, 0, false).serve
}

type handler struct {
	app     App
	tw      *tideway.App // app, when it is one: it routes ahead and keeps its state in the views
	maxBody int          // the server's MaxRequestBodySize, if known
	// own is set when the handler is the server's Handler itself: no
	// code of the user's runs before it, so the ctx's response is fresh
	// when serve is called and only the views write to it unless they
	// hand the ctx out (see response.Status).
	own   bool
	views sync.Pool // *views
}

func newHandler(app App, maxBody int, own bool) *handler {
	h := &handler{app: app, maxBody: maxBody, own: own}
	h.tw, _ = app.(*tideway.App)
	h.views.New = func() any {
		v := &views{signal: make(chan state, 1), owner: h}
		v.resp.v = v
		v.run = func() { h.run(v) }
		return v
	}
	return h
}

// views holds both views of one request and what the two goroutines
// serving it share, so serving allocates neither.
type views struct {
	req    request
	resp   response
	slot   tideway.Slot
	signal chan state // from the app's goroutine to fasthttp's
	run    func()     // serves the request on a worker
	kept   bool       // the app detached the request: v must not be reused
	owner  *handler   // the handler whose pool v belongs to
}

// state is what the app's goroutine tells fasthttp's handler.
type state uint8

const (
	finished  state = iota // the response is complete in the ctx
	streaming              // the app flushed: fasthttp must send the headers now
)

// serve is the fasthttp.RequestHandler. fasthttp sends nothing until its
// handler returns, so a request whose endpoint may flush (a stream,
// server-sent events; see tideway.App.Prepare) runs the app on a goroutine
// of its own: when the app flushes, serve returns while the app goes on
// writing the body through a pipe. Every other request is served inline,
// and fasthttp sends the response the app left in the ctx.
func (h *handler) serve(rc *fasthttp.RequestCtx) {
	hdr := &rc.Request.Header
	uri := hdr.RequestURI()
	if string(uri) == "*" && string(hdr.Method()) == http.MethodOptions {
		// net/http's server answers "OPTIONS *" itself.
		rc.Response.Header.SetNoDefaultContentType(true)
		rc.Response.Header.SetContentLength(0)
		return
	}
	v, conn := h.acquire(rc)
	plain, ok := v.req.parseTarget(uri)
	if !ok {
		h.keep(v, conn)
		plainError(rc, http.StatusBadRequest)
		return
	}
	if h.maxBody > 0 && hdr.ContentLength() > h.maxBody {
		h.keep(v, conn)
		plainError(rc, http.StatusRequestEntityTooLarge)
		lingeringClose(rc) // the client may still be sending the body
		return
	}
	v.start(rc, !h.own)
	if h.tw != nil {
		q := &v.req
		mayFlush := h.tw.Prepare(&v.slot, q.method, q.t.path)
		// The app need not ask the views for what is known already.
		v.slot.Target(q.method, q.t.path, len(q.t.query), plain)
		if !mayFlush {
			// Served here, on fasthttp's goroutine. Tideway's app
			// recovers panics itself but for http.ErrAbortHandler; see
			// done.
			v.resp.inline = true
			served := false
			defer func() {
				if !served { // recover only when panicking: it costs a call
					h.complete(v, recover())
					h.release(v, conn)
				}
			}()
			v.kept = !h.tw.ServeSlot(&v.slot, &v.resp, q)
			served = true
			h.finish(v)
			h.release(v, conn)
			return
		}
	}
	goWork(v.run)
	if <-v.signal == streaming {
		return // run finishes the response and releases v
	}
	h.release(v, conn) // the app's goroutine is done with v
}

// acquire returns views for a request on rc: those its connection kept
// from its previous request, when ListenAndServe's listener made the
// connection, else views from the pool (a pool round trip costs about 1%
// of a small request). conn is that connection, or nil.
func (h *handler) acquire(rc *fasthttp.RequestCtx) (v *views, conn *lazyDeadlineConn) {
	conn, _ = rc.Conn().(*lazyDeadlineConn)
	if conn != nil && conn.idle != nil && conn.idle.owner == h {
		v, conn.idle = conn.idle, nil
		return v, conn
	}
	return h.views.Get().(*views), conn
}

// keep keeps v, which holds nothing of a request, for conn's next request
// (see acquire), or returns it to the pool. Only the goroutine fasthttp
// serves conn on may call it: it is the only one to use conn.idle.
func (h *handler) keep(v *views, conn *lazyDeadlineConn) {
	if conn != nil && conn.idle == nil {
		conn.idle = v
		return
	}
	h.views.Put(v)
}

// release keeps v for the connection's next request or returns it to the
// pool (see keep; conn is nil on other goroutines than fasthttp's),
// unless a detached request keeps it, once it has dropped its references
// to the request. The target, copied from the ctx, is kept for the next
// request (see parseTarget); what only a streaming response sets is left
// alone unless it streamed.
func (h *handler) release(v *views, conn *lazyDeadlineConn) {
	if v.kept {
		return
	}
	v.req.rc, v.req.body = nil, nil
	v.req.ctx.Store(nil)
	s := &v.resp
	s.rc = nil
	if s.pw != nil {
		s.pw, s.sent, s.err = nil, nil, nil
		if cap(s.buf) > 64<<10 {
			s.buf = nil
		}
		s.buf = s.buf[:0]
	}
	h.keep(v, conn)
}

// start readies v for a request whose target parseTarget has set;
// exposed tells whether code other than the views' may write to the ctx
// (see response.Status). What release leaves (no body, no context, no
// stream) is not set again.
func (v *views) start(rc *fasthttp.RequestCtx, exposed bool) {
	q := &v.req
	q.rc = rc
	q.method = method(rc.Request.Header.Method())
	if q.exposed.Load() != exposed {
		q.exposed.Store(exposed)
	}
	s := &v.resp
	// fasthttp's IsHead compares the method with "HEAD" as this does.
	s.rc, s.status, s.head, s.inline, s.declared = rc, 0, q.method == http.MethodHead, false, -1
	// net/http sends no Content-Type unless the app sets one or a body
	// is sniffed; GetHeader must not see fasthttp's default either.
	rc.Response.Header.SetNoDefaultContentType(true)
}

// run serves the request on the app's goroutine.
func (h *handler) run(v *views) {
	defer h.done(v)
	if h.tw != nil {
		v.kept = !h.tw.ServeSlot(&v.slot, &v.resp, &v.req)
		return
	}
	h.app.ServeView(&v.resp, &v.req)
}

// done ends the request once the app returns or panics. Tideway's app
// recovers panics itself, except http.ErrAbortHandler, which it re-panics
// for the server: like net/http, the adapter then drops the response and
// closes the connection. Nothing reaches fasthttp, which does not recover.
func (h *handler) done(v *views) {
	p := recover()
	if v.resp.pw != nil {
		// The connection was marked to close when streaming began if
		// the request body was not read to its end.
		v.req.endCtx()
		h.logPanic(v, p)
		v.req.finishBody(nil)
		v.resp.end(abortError(p))
		h.release(v, nil) // on the app's goroutine
		return
	}
	if p == nil {
		h.finish(v)
	} else {
		h.complete(v, p)
	}
	v.signal <- finished
}

func (h *handler) logPanic(v *views, p any) {
	if p != nil && p != http.ErrAbortHandler {
		v.req.rc.Logger().Printf("tideway: panic serving %s %s: %v", v.req.method, v.req.t.path, p)
	}
}

// finish finishes a response the app left in the ctx: complete without a
// panic.
func (h *handler) finish(v *views) {
	q, s := &v.req, &v.resp
	q.endCtx()
	if len(s.rc.Response.Header.ContentType()) == 0 {
		s.sniff()
	}
	if q.body != nil || q.rc.RequestBodyStream() != nil {
		q.finishBody(q.rc)
	}
}

// complete finishes a response the app left in the ctx, or that a panic p
// (nil if none) interrupted.
func (h *handler) complete(v *views, p any) {
	rc, s := v.req.rc, &v.resp
	v.req.endCtx()
	if p != nil {
		h.logPanic(v, p)
	}
	switch {
	case p == http.ErrAbortHandler || p != nil && s.status != 0:
		abort(rc)
	case p != nil:
		rc.Response.Reset()
		plainError(rc, http.StatusInternalServerError)
	default:
		s.sniff()
		v.req.finishBody(rc)
	}
}

// finishBody closes the body reader. A streamed request body the app left
// unread is read to its end if that is short, as net/http does; otherwise
// the connection closes after the reply (see lingeringClose). With rc nil
// (the reply has started) the body is only closed.
func (q *request) finishBody(rc *fasthttp.RequestCtx) {
	b := q.body
	if rc == nil {
		if b != nil {
			b.closed.Store(true)
		}
		return
	}
	if b == nil {
		if s := q.rc.RequestBodyStream(); s != nil && q.ContentLength() != 0 {
			b = &body{src: s}
		}
	}
	if b == nil {
		return
	}
	if !b.drain() {
		lingeringClose(rc)
	}
	b.closed.Store(true)
}

// lingeringClose makes fasthttp hand over the connection after the
// handler; the response is then sent with "Connection: close", the
// sending side shut, and what the client still sends read and dropped for
// a moment before the connection closes. Closing at once with unread data
// would reset the connection, and the client, still sending its body,
// could lose the response (net/http lingers the same way).
func lingeringClose(rc *fasthttp.RequestCtx) {
	raw := rc.Conn()
	rc.SetConnectionClose()
	rc.HijackSetNoResponse(true)
	rc.Hijack(func(c net.Conn) { sendAndLinger(c, raw, &rc.Response) })
}

// sendAndLinger writes resp to c, shuts the sending side of raw (the
// connection under c) if it can, and reads and drops what the client
// still sends for a moment.
func sendAndLinger(c, raw net.Conn, resp *fasthttp.Response) {
	c.SetWriteDeadline(time.Now().Add(lingerWrite))
	w := bufio.NewWriter(c)
	if resp.Write(w) != nil || w.Flush() != nil {
		return
	}
	if cw, ok := raw.(closeWriter); ok {
		cw.CloseWrite()
	}
	c.SetReadDeadline(time.Now().Add(lingerRead))
	io.Copy(io.Discard, c)
}

// closeWriter is a connection whose sending side can be shut alone
// (*net.TCPConn, *tls.Conn, *net.UnixConn).
type closeWriter interface{ CloseWrite() error }

// How long lingeringClose waits to send the response, then for the client
// to stop sending.
const (
	lingerWrite = 10 * time.Second
	lingerRead  = 500 * time.Millisecond
)

// abortError is what a streaming response's reader fails with when the
// app panicked, so fasthttp cuts the response short.
func abortError(p any) error {
	if p == nil {
		return nil
	}
	return bodyError("tideway: handler aborted the response")
}

// abort makes fasthttp close the connection without a response.
func abort(rc *fasthttp.RequestCtx) {
	rc.Response.Reset()
	rc.HijackSetNoResponse(true)
	rc.Hijack(func(net.Conn) {})
}

// plainError answers status as net/http's server answers a request it
// refuses itself: "400 Bad Request" as text/plain, closing the connection.
func plainError(rc *fasthttp.RequestCtx, status int) {
	rc.Response.Header.SetNoDefaultContentType(true)
	rc.Response.Header.SetContentType("text/plain; charset=utf-8")
	rc.SetStatusCode(status)
	rc.SetBodyString(strconv.Itoa(status) + " " + http.StatusText(status))
	rc.SetConnectionClose()
}

// RequestCtx returns the *fasthttp.RequestCtx behind a request view, or
// nil if the view is not from this adapter. Like everything from the
// ctx, it must not be used after the handler returns.
func RequestCtx(r view.Request) *fasthttp.RequestCtx {
	if rc, ok := r.Raw().(*fasthttp.RequestCtx); ok {
		return rc
	}
	return nil
}
