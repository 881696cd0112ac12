package mw

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// ErrTimedOut is returned by writes a handler makes after its Timeout
// has expired, and matched by the *TimeoutError Timeout answers with.
var ErrTimedOut = errors.New("mw: the request timed out")

// TimeoutError is the error Timeout returns when the rest of the chain
// overran. It answers 503 with a problem whose detail is "the request
// timed out", and errors.Is(err, ErrTimedOut) holds.
type TimeoutError struct {
	After time.Duration // the time limit
}

// Error says the request timed out, and after how long.
func (e *TimeoutError) Error() string { return "mw: the request timed out after " + e.After.String() }

// StatusCode returns 503.
func (e *TimeoutError) StatusCode() int { return http.StatusServiceUnavailable }

// Is reports whether target is ErrTimedOut.
func (e *TimeoutError) Is(target error) bool { return target == ErrTimedOut }

// Respond implements respond.Responder.
func (e *TimeoutError) Respond(w view.Response, r view.Request) error {
	return respond.Problem{Status: http.StatusServiceUnavailable, Detail: "the request timed out"}.Respond(w, r)
}

// Timeout returns middleware that gives the rest of the chain d to
// answer. It runs it in its own goroutine, with a request context that
// is done after d, and holds its response in a buffer. If it finishes in
// time, the buffered status, headers and body are sent as they are. If
// not, Timeout answers 503 (a *TimeoutError) and discards whatever the
// handler writes later: its writes return ErrTimedOut. A handler that
// returns after the deadline, even with a complete response, has not
// finished in time. If the client goes away first, Timeout returns the
// context's error.
//
// Handlers should watch their context (ctx.Done()) and stop early: the
// goroutine cannot be killed, only abandoned. After the timeout, the
// handler's request view still answers for the method, path and query,
// but no longer for headers, and body reads return ErrTimedOut from the
// deadline on. (A body read in progress at the deadline delays the 503
// until it returns, since the server may recycle the body as soon as
// Timeout answers.) A panic in the goroutine is answered 500 as a
// *tideway.PanicError, and the buffered response is dropped; after the
// timeout, the panic is logged through the endpoint's error mapping.
//
// Since the response is buffered, Flush sends nothing early: do not put
// streams or server-sent events under Timeout. Code that writes through
// Raw bypasses the buffer and must not be used under it. It panics if d
// is not positive.
func Timeout(d time.Duration) tideway.Middleware {
	if d <= 0 {
		panic("mw: Timeout needs a positive duration; got " + d.String())
	}
	return func(c *tideway.Call, next tideway.Next) error {
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		run := &timeoutRun{done: make(chan error, 1)}
		run.st.deadline = ctx.Done()
		run.req = timeoutRequest{st: &run.st, orig: c.Request, ctx: ctx, method: c.Request.Method(), path: c.Request.Path(),
			query: c.Request.RawQuery(), host: c.Request.Host(), remote: c.Request.RemoteAddr(), length: c.Request.ContentLength(), raw: c.Request.Raw()}
		run.resp = bufferedResponse{st: &run.st, orig: c.Response, raw: c.Response.Raw()}
		run.release = c.Detach() // the goroutine may outlive the chain
		run.inner = *c
		run.inner.Request, run.inner.Response = &run.req, &run.resp
		go run.serve(next)

		select {
		case err := <-run.done:
			return run.resp.commit(err)
		case <-ctx.Done():
		}
		if !run.st.expire() { // it finished just in time
			return run.resp.commit(<-run.done)
		}
		if err := c.Request.Context().Err(); err != nil {
			return err // the client went away
		}
		return &TimeoutError{After: d}
	}
}

// timeoutRun is one request under Timeout.
type timeoutRun struct {
	st      timeoutState
	req     timeoutRequest
	resp    bufferedResponse
	inner   tideway.Call // the goroutine's own copy of the Call
	release func()       // hands the Call's buffers back when the goroutine ends
	done    chan error
}

// timeoutState is shared by the request's goroutine and the handler's.
// Once expired, the handler's goroutine must not touch the original
// views: the adapter may be serving another request with them.
type timeoutState struct {
	deadline <-chan struct{} // closed at the deadline
	mu       sync.Mutex
	expired  bool // the request's goroutine gave up waiting
	finished bool // the handler's goroutine handed over its result
}

// expire marks the run as timed out, unless it has already finished.
func (s *timeoutState) expire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired = !s.finished
	return s.expired
}

// finish marks the run as finished, unless it is past its deadline.
func (s *timeoutState) finish() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.finished = !s.expired && !s.past()
	return s.finished
}

// past reports whether the deadline has passed (or the client went away).
func (s *timeoutState) past() bool {
	select {
	case <-s.deadline:
		return true
	default:
		return false
	}
}

// abortPanic stands for a panic with http.ErrAbortHandler, which must be
// raised again in the request's own goroutine.
type abortPanic struct{}

func (abortPanic) Error() string { return http.ErrAbortHandler.Error() }

// serve runs the rest of the chain in the handler's goroutine.
func (t *timeoutRun) serve(next tideway.Next) {
	defer t.release()
	err := t.call(next)
	if t.st.finish() {
		t.done <- err
		return
	}
	// Too late: nobody waits for the result, but a panic is worth a log
	// line on the endpoint's logger.
	var pe *tideway.PanicError
	if errors.As(err, &pe) {
		t.inner.Logger().LogAttrs(t.req.ctx, slog.LevelError, "panic recovered after timeout", respond.AppendRequestID(t.req.ctx, []slog.Attr{
			slog.String("method", t.req.method), slog.String("route", routeOf(&t.inner)),
			slog.Any("panic", pe.Value), slog.String("stack", string(pe.Stack))})...)
	}
}

// call runs next, turning a panic into an error.
func (t *timeoutRun) call(next tideway.Next) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				err = abortPanic{}
				return
			}
			err = &tideway.PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return next(&t.inner)
}

// timeoutRequest is the handler goroutine's view of the request: its own
// context, the scalar values copied at the start, and the original view
// for headers and body only while the request has not expired.
type timeoutRequest struct {
	st                                *timeoutState
	orig                              view.Request
	ctx                               context.Context
	method, path, query, host, remote string
	length                            int64
	raw                               any
}

var _ view.Request = (*timeoutRequest)(nil)

func (r *timeoutRequest) Context() context.Context { return r.ctx }
func (r *timeoutRequest) Method() string           { return r.method }
func (r *timeoutRequest) Path() string             { return r.path }
func (r *timeoutRequest) RawQuery() string         { return r.query }
func (r *timeoutRequest) Host() string             { return r.host }
func (r *timeoutRequest) RemoteAddr() string       { return r.remote }
func (r *timeoutRequest) ContentLength() int64     { return r.length }
func (r *timeoutRequest) Raw() any                 { return r.raw }

func (r *timeoutRequest) Header(name string) (string, bool) {
	r.st.mu.Lock()
	defer r.st.mu.Unlock()
	if r.st.expired {
		return "", false
	}
	return r.orig.Header(name)
}

func (r *timeoutRequest) Body() io.Reader {
	r.st.mu.Lock()
	defer r.st.mu.Unlock()
	if r.st.expired {
		return http.NoBody
	}
	return &timeoutBody{st: r.st, r: r.orig.Body()}
}

// timeoutBody reads the request body only until the request expires. A
// read holds the lock, so the request cannot expire, and the adapter
// cannot recycle the body, in the middle of one.
type timeoutBody struct {
	st *timeoutState
	r  io.Reader
}

func (b *timeoutBody) Read(p []byte) (int, error) {
	b.st.mu.Lock()
	defer b.st.mu.Unlock()
	if b.st.expired || b.st.past() {
		return 0, ErrTimedOut
	}
	return b.r.Read(p)
}
