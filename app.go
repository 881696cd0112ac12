package tideway

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

// App is a Tideway application: its state, its table of contents and its
// configuration. Build it with New, register every route, then serve it
// with an adapter (adapters/nethttp). Registration is not safe for
// concurrent use and must finish before serving; serving is.
type App struct {
	Router
	states    []any
	tree      *route.Tree[*endpoint]
	validator *validator.Validate  // nil until binding() needs it
	query     *bind.QueryDecoder   // nil until binding() needs it
	exchanges sync.Pool            // *exchange
	errors    *respond.ErrorWriter // for requests no route matched
	unmatched Next                 // the app middleware around answerUnmatched
	maxURI    int                  // Limits.URILength, resolved
	uriError  error                // the 414 for a target over maxURI
	// names are the distinct lists of parameter names of the routes: most
	// routes of a large table share theirs with others.
	names []*[]string
	docs  map[*endpoint]openapi.Doc // the endpoints whose config sets a Doc
}

// endpoint is one compiled (method, route, handler).
//
// A table of contents holds one per method and pattern, so an endpoint
// keeps only what the request path needs and its route.Route cannot tell
// (the route has the method and pattern); the rare Doc is kept in App.docs.
type endpoint struct {
	plan   *bind.Plan           // nil for a raw func(*Call) error handler
	raw    func(*Call) error    // the raw handler, when plan is nil
	errors *respond.ErrorWriter // shared by the endpoints of one configuration
	chain  Next                 // the endpoint's middleware around serve
	names  *[]string            // the route's parameter names, for Call.Param; interned
	// mayFlush: the handler may flush before it ends (see App.Prepare).
	mayFlush bool
	// json: every result of the handler is answered as JSON (see
	// plainJSON), so serve skips respond.Value's checks.
	json bool
}

// name returns the name of the endpoint's handler func.
func (ep *endpoint) name() string {
	if ep.plan != nil {
		return ep.plan.Name()
	}
	return funcName(ep.raw)
}

// New returns an App whose handlers can receive state through `state:`
// fields. State is typically a pointer to a struct of shared handles (a
// database, a client); pass nil for none. More values for state fields,
// matched by type, can be given with WithState.
func New(state any, opts ...Option) *App {
	a := &App{
		tree: route.New[*endpoint](),
	}
	if state != nil {
		a.states = append(a.states, state)
	}
	a.Router = Router{app: a}
	for _, o := range opts {
		o(a)
	}
	a.exchanges.New = func() any { x := new(exchange); x.init(a, true); return x }
	a.refresh()
	return a
}

// refresh recomputes what depends on the app-level configuration.
func (a *App) refresh() {
	a.errors = a.cfg.errorWriter()
	a.unmatched = compose(a.cfg.Middleware, a.answerUnmatched)
	a.maxURI = cmp.Or(a.cfg.Limits.URILength, DefaultURILength)
	a.uriError = &respond.StatusError{Code: http.StatusRequestURITooLong,
		Detail: fmt.Sprintf("the path and query are longer than the limit of %d bytes", a.maxURI)}
}

// Option configures an App at New.
type Option func(*App)

// WithState adds values that `state:` fields can receive, matched by type.
func WithState(values ...any) Option {
	return func(a *App) { a.states = append(a.states, values...) }
}

// WithConfig sets the app-wide configuration: the defaults every router,
// resource and endpoint starts from.
func WithConfig(c Config) Option {
	return func(a *App) { a.cfg = a.cfg.merge(c) }
}

// Validator returns the app's validator/v10 instance, to register custom
// validations before adding routes.
func (a *App) Validator() *validator.Validate {
	a.binding()
	return a.validator
}

// QueryDecoder returns the app's query decoder (gorilla/schema), to
// register custom converters before adding routes.
func (a *App) QueryDecoder() *bind.QueryDecoder {
	a.binding()
	return a.query
}

// binding creates the validator and query decoder on first use: an app
// of raw handlers never needs them.
func (a *App) binding() {
	if a.validator == nil {
		a.validator, a.query = bind.NewValidator(), bind.NewQueryDecoder()
	}
}

// RouteInfo describes one registered route.
type RouteInfo struct {
	Method  string
	Pattern string
	Handler string       // the handler func's name
	Source  route.Source // where it was registered
}

// Routes lists the table of contents: one entry per method and pattern,
// in the order of route.Tree.Walk.
func (a *App) Routes() []RouteInfo {
	var out []RouteInfo
	a.tree.Walk(func(r *route.Route[*endpoint]) {
		out = append(out, RouteInfo{Method: r.Method, Pattern: r.Pattern.String(), Handler: r.Value.name(), Source: r.Source})
	})
	return out
}

// String prints the table of contents for start-up logs: method, pattern,
// handler and where it was registered.
func (a *App) String() string {
	var b strings.Builder
	for _, r := range a.Routes() {
		b.WriteString(r.Method + "\t" + r.Pattern + "\t" + r.Handler + "\t" + r.Source.String() + "\n")
	}
	return b.String()
}

// Explain says which route serves method and path, and why; see
// route.Tree.Explain.
func (a *App) Explain(method, path string) route.Explanation {
	return a.tree.Explain(method, path)
}

var _ interface {
	ServeView(view.Response, view.Request)
} = (*App)(nil)
