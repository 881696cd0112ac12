package tideway

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync/atomic"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

// exchange is the state of one request.
type exchange struct {
	call     Call
	params   *route.Params
	head     headResponse
	res      route.Result[*endpoint] // set by Prepare
	prepared bool
	app      *App
	pooled   bool         // x belongs to app.exchanges (not to a Slot)
	refs     atomic.Int32 // once detached: the chain, plus one per Detach not yet released
}

// unref drops one reference and, when none is left, resets x and returns
// it to the app's pool if it came from there.
func (x *exchange) unref() {
	if x.refs.Add(-1) != 0 {
		return
	}
	x.reset()
	if x.pooled {
		x.app.exchanges.Put(x)
	}
}

func (x *exchange) reset() {
	x.params.Reset()
	x.call = Call{}
	x.head = headResponse{}
	x.res, x.prepared = route.Result[*endpoint]{}, false
}

// ServeView serves one request. Adapters call it with their views of the
// request and response; users serve an App through an adapter.
func (a *App) ServeView(w view.Response, r view.Request) {
	x := a.exchanges.Get().(*exchange)
	if a.serve(x, w, r) {
		a.exchanges.Put(x)
	}
}

// Slot holds the state of one request in an adapter's own storage. An
// adapter that pools per-request views can embed a Slot in them and call
// ServeSlot instead of ServeView, so that a request costs one pool round
// trip instead of two. The zero Slot is ready to use, with any App.
type Slot struct{ x exchange }

// ServeSlot is ServeView with the request's state kept in s. It reports
// whether s may serve another request: false when middleware detached the
// request (see Call.Detach), in which case the adapter must drop s and the
// views that hold it, since code started by the request may still use
// them.
func (a *App) ServeSlot(s *Slot, w view.Response, r view.Request) bool {
	x := &s.x
	if x.app != a {
		*x = exchange{app: a, params: a.tree.NewParams()}
	}
	return a.serve(x, w, r)
}

// Prepare routes a request ahead of ServeSlot, which then serves it without
// routing it again, and reports whether the endpoint may flush its
// response before it ends: a raw handler, one that takes view.Response, or
// one whose result is a stream, server-sent events, an interface or a
// Responder of the user's own. Adapters whose server sends nothing until
// its handler returns (fasthttp) serve the other requests inline and these
// on a goroutine of their own. Middleware that flushes on its own is not
// taken into account: on such servers its output is sent at the end.
func (a *App) Prepare(s *Slot, method, path string) (mayFlush bool) {
	x := &s.x
	if x.app != a {
		*x = exchange{app: a, params: a.tree.NewParams()}
	}
	x.res = a.tree.Lookup(method, path, x.params)
	x.prepared = true
	return x.res.Status == route.Found && x.res.Route.Value.mayFlush
}

// serve serves one request with x and reports whether x is free again.
func (a *App) serve(x *exchange, w view.Response, r view.Request) (free bool) {
	c := &x.call
	c.Request, c.Response, c.x = r, w, x
	chain := a.unmatched
	method := r.Method()
	path := r.Path()
	res := x.res
	switch {
	case len(path)+len(r.RawQuery()) > a.maxURI:
		res = route.Result[*endpoint]{Status: uriTooLong}
	case !x.prepared:
		res = a.tree.Lookup(method, path, x.params)
	}
	if res.Status == route.Found {
		ep := res.Route.Value
		c.ep = ep
		if method == http.MethodHead && ep.method != http.MethodHead {
			x.head = headResponse{w}
			c.Response = &x.head
		}
		chain = ep.chain
	} else {
		c.miss, c.allow = res.Status, res.Allow
	}
	defer func() { free = a.finish(x, recover()) }()
	if err := chain(c); err != nil {
		c.WriteError(err)
	}
	return false // replaced by the deferred finish
}

// finish answers 500 for p, a panic that escaped every middleware (or
// nil), and reports whether x is free for another request: it is not while
// a detached goroutine may still use it.
func (a *App) finish(x *exchange, p any) bool {
	c := &x.call
	if p != nil {
		if p == http.ErrAbortHandler {
			panic(p)
		}
		pe := &PanicError{Value: p, Stack: debug.Stack()}
		c.Logger().LogAttrs(c.Request.Context(), slog.LevelError, "panic recovered",
			slog.String("method", c.Request.Method()), slog.String("route", c.Pattern()),
			slog.Any("panic", p), slog.String("stack", string(pe.Stack)))
		if c.Response.Status() != 0 {
			c.abort = true // logged just now; cut the response short
		} else {
			c.WriteError(pe)
		}
	}
	abort := c.abort
	free := true
	if c.detached {
		x.unref()
		free = false
	} else {
		x.reset() // nothing else can hold x: no reference counting needed
	}
	if abort {
		panic(http.ErrAbortHandler)
	}
	return free
}

// serve is the innermost link of an endpoint's chain: it binds
// the request, calls the handler and writes its result.
func (ep *endpoint) serve(c *Call) error {
	out, err := ep.plan.Call(c.Response, c.Request, c.x.params, c.BodyLimit)
	switch {
	case err != nil:
		return err
	case c.Response.Status() != 0:
		// The handler wrote the response itself through view.Response.
		return nil
	case !ep.plan.HasResult():
		c.Response.WriteHeader(http.StatusNoContent)
		return nil
	}
	return respond.Value(c.Response, c.Request, out)
}

// errNoRoute answers a path that no pattern matches.
var errNoRoute error = &respond.StatusError{Code: http.StatusNotFound, Detail: "no route matches the path"}

// errBadPath answers a path with an invalid percent-escape.
var errBadPath error = &respond.StatusError{Code: http.StatusBadRequest, Detail: "the path has an invalid percent-escape"}

// answerUnmatched is the innermost link of the chain for requests no route
// serves: 404, 405 with Allow, 400 for a bad escape, 414 for a target over
// Limits.URILength, and the automatic answer to OPTIONS.
func (a *App) answerUnmatched(c *Call) error {
	switch c.miss {
	case route.MethodNotAllowed:
		if c.Request.Method() == http.MethodOptions {
			c.Response.SetHeader("Allow", c.allow+", OPTIONS")
			c.Response.WriteHeader(http.StatusNoContent)
			return nil
		}
		c.Response.SetHeader("Allow", c.allow)
		return respond.Errorf(http.StatusMethodNotAllowed, "method %s is not allowed here", c.Request.Method())
	case route.BadPath:
		return errBadPath
	case uriTooLong:
		return a.uriError
	}
	return errNoRoute
}

// uriTooLong extends route.Status for answerUnmatched: the path and query
// are over Limits.URILength, so the request was not routed.
const uriTooLong route.Status = 255

// PanicError is a panic in a handler or middleware, recovered and answered
// with a generic 500 problem. Whoever recovers it logs the value and stack
// (the app, or mw.Recover); as a respond.Responder it is not logged again
// when answered, and nothing of it reaches the client.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.Value, e.Stack) }

// Respond answers 500 with a generic problem body.
func (e *PanicError) Respond(w view.Response, r view.Request) error {
	return respond.Problem{Status: http.StatusInternalServerError, Detail: "internal server error"}.Respond(w, r)
}

// headResponse drops the body of a GET route serving a HEAD request.
type headResponse struct{ view.Response }

func (h *headResponse) Write(p []byte) (int, error) {
	if h.Status() == 0 {
		h.WriteHeader(http.StatusOK)
	}
	return len(p), nil
}
