package tideway

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync/atomic"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

// exchange is the state of one request.
//
// Between requests, an exchange keeps call.x, app, params and pooled; serve
// sets every other field of call before the chain runs, so that the end
// of a request only has to drop the references into it (see done).
type exchange struct {
	call     Call
	params   *route.Params
	head     headResponse
	res      route.Result[*endpoint] // set by Prepare
	prepared bool
	// The request's target, when the adapter gave it (see Slot.Target).
	target bool
	plain  bool // path holds no '%'
	method string
	path   string
	query  int // the length of the raw query
	app    *App
	pooled bool         // x belongs to app.exchanges (not to a Slot)
	refs   atomic.Int32 // once detached: the chain, plus one per Detach not yet released
	// scratch keeps the structs the last endpoint served bound its
	// parameters into, for the next request (see bind.Scratch).
	scratch bind.Scratch
}

// init makes x ready to serve requests for a. It keeps the target, which
// an adapter may have given (Slot.Target) before the first request.
func (x *exchange) init(a *App, pooled bool) {
	x.call = Call{x: x}
	x.params = a.tree.NewParams()
	x.head = headResponse{}
	x.res, x.prepared = route.Result[*endpoint]{}, false
	x.app, x.pooled = a, pooled
	x.refs.Store(0)
}

// readyFor readies x for a unless it serves a already: a zero Slot, or
// one copied (whose call points to the original), is set up first.
func (x *exchange) readyFor(a *App) {
	if x.app != a || x.call.x != x {
		x.init(a, false)
	}
}

// unref drops one reference and, when none is left, resets x and returns
// it to the app's pool if it came from there.
func (x *exchange) unref() {
	if x.refs.Add(-1) != 0 {
		return
	}
	x.done()
	x.params.Reset() // a detached request is rare: drop the path too
	x.path = ""
	if x.pooled {
		x.app.exchanges.Put(x)
	}
}

// done drops what x holds of the request it served: the views, and any
// wrappers of them that middleware installed. The last path stays, in
// params and the target, until the next request replaces it: clearing it
// would cost as much as the rest of done, for one string.
func (x *exchange) done() {
	x.call.Request, x.call.Response = nil, nil
	x.head.Response = nil
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

// Target gives the app, ahead of ServeSlot, what an adapter has already
// read of the request: its method and the path to route on, exactly as
// the request view's Method and Path return them, and the length of its
// raw query (RawQuery). plain reports that path holds no '%', which spares
// routing a search for escapes. The app then does not ask the view for
// them. Target holds for the next request served with s only.
func (s *Slot) Target(method, path string, query int, plain bool) {
	x := &s.x
	x.method, x.path, x.query, x.plain, x.target = method, path, query, plain, true
}

// ServeSlot is ServeView with the request's state kept in s. It reports
// whether s may serve another request: false when middleware detached the
// request (see Call.Detach), in which case the adapter must drop s and the
// views that hold it, since code started by the request may still use
// them.
func (a *App) ServeSlot(s *Slot, w view.Response, r view.Request) bool {
	return a.serve(&s.x, w, r) // serve readies a zero or copied Slot
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
	x.readyFor(a)
	x.res = a.tree.Lookup(method, path, x.params)
	x.prepared = true
	return x.res.Status == route.Found && x.res.Route.Value.mayFlush
}

// serve serves one request with x and reports whether x is free again.
func (a *App) serve(x *exchange, w view.Response, r view.Request) (free bool) {
	x.readyFor(a)
	c := &x.call
	c.Request, c.Response = r, w
	c.BodyLimit, c.detached, c.abort = 0, false, false
	// The target and the route found by Prepare hold for this request only,
	// even if it ends in a panic that goes on to the server.
	target, prepared := x.target, x.prepared
	x.target, x.prepared = false, false
	method, path, query, plain := x.method, x.path, x.query, x.plain
	if !target {
		method, path, query, plain = r.Method(), r.Path(), len(r.RawQuery()), false
	}
	var res route.Result[*endpoint]
	switch {
	case len(path)+query > a.maxURI:
		res.Status = uriTooLong
	case prepared:
		res = x.res
	case plain:
		res = a.tree.LookupPlain(method, path, x.params)
	default:
		res = a.tree.Lookup(method, path, x.params)
	}
	chain := a.unmatched
	if res.Status == route.Found {
		if method == http.MethodHead && res.Route.Method != http.MethodHead {
			x.head.Response = w
			c.Response = &x.head
		}
		chain = res.Route.Value.chain
	} else {
		c.miss, c.allow = res.Status, res.Allow // for answerUnmatched only
	}
	c.rt = res.Route
	// A panic that escapes chain is recovered, logged and answered 500,
	// except http.ErrAbortHandler, which goes on to the server. The
	// deferred check costs less than calling recover on every request.
	returned := false
	defer func() {
		if !returned {
			free = x.recovered(recover())
		}
	}()
	if err := chain(c); err != nil {
		c.WriteError(err)
	}
	returned = true
	if c.detached || c.abort {
		return a.finish(x)
	}
	x.done() // nothing else can hold x: no reference counting needed
	return true
}

// recovered answers 500 for p, a panic that escaped every middleware, then
// ends the request as serve does. p is nil when the goroutine is exiting
// (runtime.Goexit): there is nothing to answer then.
func (x *exchange) recovered(p any) (free bool) {
	if p == http.ErrAbortHandler {
		panic(p)
	}
	if p != nil {
		x.app.answerPanic(&x.call, p)
	}
	return x.app.finish(x)
}

// answerPanic logs p, a recovered panic, and answers 500, or cuts the
// response short if it has started.
func (a *App) answerPanic(c *Call, p any) {
	pe := &PanicError{Value: p, Stack: debug.Stack()}
	ctx := c.Request.Context()
	c.Logger().LogAttrs(ctx, slog.LevelError, "panic recovered", respond.AppendRequestID(ctx, []slog.Attr{
		slog.String("method", c.Request.Method()), slog.String("route", c.Pattern()),
		slog.Any("panic", p), slog.String("stack", string(pe.Stack))})...)
	if c.Response.Status() != 0 {
		c.abort = true // logged just now; cut the response short
	} else {
		c.WriteError(pe)
	}
}

// finish ends a request after its chain, and reports whether x is free for
// another request: it is not while a detached goroutine may still use it.
func (a *App) finish(x *exchange) bool {
	c := &x.call
	abort := c.abort
	free := true
	if c.detached {
		x.unref()
		free = false
	} else {
		x.done()
	}
	if abort {
		panic(http.ErrAbortHandler)
	}
	return free
}

// serve is the innermost link of an endpoint's chain: it binds
// the request, calls the handler and writes its result.
func (ep *endpoint) serve(c *Call) error {
	out, err := ep.plan.CallWith(&c.x.scratch, c.Response, c.Request, c.x.params, c.BodyLimit)
	switch {
	case err != nil:
		return err
	case c.Response.Status() != 0:
		// The handler wrote the response itself through view.Response.
		return nil
	case !ep.plan.HasResult():
		c.Response.WriteHeader(http.StatusNoContent)
		return nil
	case ep.json:
		return respond.JSON[any]{Value: out}.Respond(c.Response, c.Request) // what Value would do
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
