package tideway

import (
	"log/slog"
	"sync"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

// Call is one request on its way through an endpoint's middleware chain.
// Middleware may replace Request or Response with wrappers before calling
// next (to change the context, or to watch or transform what is written);
// the handler binds from whatever they hold when it runs.
//
// A Call belongs to its request: it is reused once the request is served,
// so middleware must not keep it, or anything from it, afterwards. Code
// that must outlive the request (see mw.Timeout) calls Detach first.
type Call struct {
	Request  view.Request
	Response view.Response
	// BodyLimit, when above zero, replaces the endpoint's configured body
	// limit for this request; see mw.BodyLimit.
	BodyLimit int64

	rt       *route.Route[*endpoint] // the matched route; nil when none matched
	x        *exchange               // the pooled state this Call lives in
	allow    string                  // the Allow value for a 405
	miss     route.Status            // why no route matched
	detached bool                    // Detach was called
	abort    bool                    // an error came after the response had started
}

// Pattern returns the matched route's pattern, or "" when no route matched
// (app-level middleware runs for 404, 405 and OPTIONS answers too).
func (c *Call) Pattern() string {
	if c.rt == nil {
		return ""
	}
	return c.rt.Pattern.String()
}

// Method returns the matched route's method: "GET" for a HEAD request
// served by a GET route, "" when no route matched.
func (c *Call) Method() string {
	if c.rt == nil {
		return ""
	}
	return c.rt.Method
}

// errorWriter returns the error mapping for the request: the endpoint's,
// or the app's when no route matched.
func (c *Call) errorWriter() *respond.ErrorWriter {
	if c.rt != nil {
		return c.rt.Value.errors
	}
	return c.x.app.errors
}

// Next runs the rest of the chain: inner middleware, then the handler.
type Next func(c *Call) error

// Middleware wraps the rest of an endpoint's chain, Koa style: it can act
// before and after calling next, change the response after it, or answer
// without calling it at all (a guard). An error it returns, or lets
// through from next, is answered through the app's error mapping after
// the outermost middleware returns; call WriteError to answer it earlier.
//
// Middleware attaches at every level of the table of contents (App.Use,
// Router.Use, Resource.Use, and Config.Middleware for one endpoint); outer
// levels wrap inner ones. Each endpoint's chain is composed once, when it
// is registered, so running it allocates nothing of its own.
type Middleware func(c *Call, next Next) error

// Param returns the value of the matched route's parameter name,
// unescaped, or "" if the route has no such parameter. Anonymous
// parameters ("{}" and "*") have no name: Param("") is always "". Raw
// handlers (func(*Call) error) and middleware use it; other handlers
// bind parameters into path: fields.
func (c *Call) Param(name string) string {
	if c.rt == nil {
		return ""
	}
	for i, n := range *c.rt.Value.names {
		if n == name {
			if name == "" {
				break // anonymous
			}
			ps := c.x.params
			if ps.Escaped() {
				return ps.Value(i)
			}
			return ps.Raw(i) // the same, and inlined, unlike Value
		}
	}
	return ""
}

// Logger returns the logger configured for the endpoint (Config.Logger),
// or slog.Default().
func (c *Call) Logger() *slog.Logger {
	if l := c.errorWriter().Logger; l != nil {
		return l
	}
	return slog.Default()
}

// WriteError answers err now, through the endpoint's error mapping (an
// RFC 9457 problem), if nothing has been written yet. Middleware that needs
// to see the final status, such as a logger, calls it on the error next
// returns and then returns nil.
//
// If the response has already started, the error cannot be sent: it is
// logged, and once the chain has returned the response is cut short (the
// connection aborted, as net/http does for http.ErrAbortHandler), so that
// the client cannot mistake a stream that failed half way for a whole one.
func (c *Call) WriteError(err error) {
	if err == nil {
		return
	}
	if c.Response.Status() != 0 {
		c.abort = true
	}
	c.errorWriter().Write(c.Response, c.Request, err)
}

// Detach tells Tideway that code started by this request will keep using
// the Call (or the route parameters behind it) after the chain returns, so
// they must not be reused for another request until that code calls the
// returned release, exactly once, when it is done. Call Detach from the
// chain itself, before starting that code. Whichever comes last,
// the end of the chain or release, returns them to the pool.
func (c *Call) Detach() (release func()) {
	x := c.x
	if !c.detached {
		// The chain holds the first reference; counting starts now.
		c.detached = true
		x.refs.Store(1)
	}
	x.refs.Add(1)
	var once sync.Once
	return func() { once.Do(x.unref) }
}

// compose wraps last in mws, the first outermost.
func compose(mws []Middleware, last Next) Next {
	h := last
	for i := len(mws) - 1; i >= 0; i-- {
		m, next := mws[i], h
		h = func(c *Call) error { return m(c, next) }
	}
	return h
}
