package tideway

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"runtime"
	"slices"
	"strings"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

// Router is a table of contents under a path prefix, with its own
// configuration. The App is the root Router; Nest makes nested ones.
type Router struct {
	app    *App
	prefix string
	cfg    Config
	used   bool // At or Nest was called: the configuration is fixed
}

// ErrLateConfig is what Router.Config, Resource.Config and their Use
// panic with, wrapped in an error naming the router or resource, when
// routes or handlers were already added there: the change could not apply
// to them. Test for it with errors.Is.
var ErrLateConfig = errors.New("tideway: Config or Use after routes or handlers were added")

// Config overrides the router's configuration and returns the router. It
// panics with ErrLateConfig if routes were already added through the
// router, since they could not see the change: configure first, then add
// routes.
func (rt *Router) Config(c Config) *Router {
	if rt.used {
		panic(fmt.Errorf("%w to the router at %q; configure a router before adding routes", ErrLateConfig, rt.prefixOrRoot()))
	}
	rt.cfg = rt.cfg.merge(c)
	if rt == &rt.app.Router {
		rt.app.refresh()
	}
	return rt
}

// Use adds middleware around every route of the router; see Config. On the
// App, it also wraps the answers to requests no route matches (404, 405,
// OPTIONS), so app-level middleware sees every request.
func (rt *Router) Use(mw ...Middleware) *Router {
	return rt.Config(Config{Middleware: mw})
}

func (rt *Router) prefixOrRoot() string {
	if rt.prefix == "" {
		return "/"
	}
	return rt.prefix
}

// At returns the resource at pattern, relative to the router's prefix.
func (rt *Router) At(pattern string) *Resource {
	rt.used = true
	return &Resource{router: rt, pattern: joinPath(rt.prefix, pattern), cfg: rt.cfg}
}

// Nest returns a router for the patterns under prefix, which inherits this
// router's configuration, and calls fn with it when fn is not nil.
func (rt *Router) Nest(prefix string, fn func(*Router)) *Router {
	rt.used = true
	n := &Router{app: rt.app, prefix: joinPath(rt.prefix, prefix), cfg: rt.cfg}
	if fn != nil {
		fn(n)
	}
	return n
}

var responderType = reflect.TypeFor[respond.Responder]()

// resultMayFlush reports whether a handler result of type t could flush
// the response before it ends: an interface (it could hold anything), a
// stream or server-sent events, or a Responder of the user's own.
func resultMayFlush(t reflect.Type) bool {
	switch {
	case t == nil:
		return false
	case t.Kind() == reflect.Interface:
		return true
	case !t.Implements(responderType) && !reflect.PointerTo(t).Implements(responderType):
		return false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == responderType.PkgPath() {
		return t == reflect.TypeFor[respond.Stream]() || t == reflect.TypeFor[respond.SSE]()
	}
	return true
}

// plainJSON reports whether respond.Value answers every value of type t
// as JSON with status 200: t is a struct, map, array or slice (other than
// []byte), and not a Responder. Such a value is never nil, a string or a
// pointer.
func plainJSON(t reflect.Type) bool {
	if t == nil || t.Implements(responderType) {
		return false
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map, reflect.Array:
		return true
	case reflect.Slice:
		return t != reflect.TypeFor[[]byte]()
	}
	return false
}

func funcName(fn any) string {
	return runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name()
}

func joinPath(prefix, pattern string) string {
	if prefix == "" {
		return pattern
	}
	return strings.TrimSuffix(prefix, "/") + pattern
}

// Resource is one pattern of the table of contents; its methods register
// handlers for HTTP methods and chain.
type Resource struct {
	router  *Router
	pattern string
	cfg     Config
	used    bool // a handler or a nested router was added
}

// Config overrides the resource's configuration and returns the resource.
// Like Router.Config, it panics with ErrLateConfig once handlers were
// added to the resource.
func (r *Resource) Config(c Config) *Resource {
	if r.used {
		panic(fmt.Errorf("%w to the resource %q; configure a resource before adding handlers", ErrLateConfig, r.pattern))
	}
	r.cfg = r.cfg.merge(c)
	return r
}

// Use adds middleware around every handler of the resource; see Config.
func (r *Resource) Use(mw ...Middleware) *Resource {
	return r.Config(Config{Middleware: mw})
}

// Nest returns a router for the patterns under this resource's pattern.
func (r *Resource) Nest(fn func(*Router)) *Router {
	r.used = true
	n := &Router{app: r.router.app, prefix: r.pattern, cfg: r.cfg}
	if fn != nil {
		fn(n)
	}
	return n
}

// Get registers h for GET (and so HEAD) requests. Like the other method
// helpers it panics with the registration error (a *route.PatternError,
// *route.ConflictError or *bind.PlanError): a table of contents that
// cannot serve must not start. Use Handle for the error.
func (r *Resource) Get(h any) *Resource { return r.must(http.MethodGet, h) }

// Post registers h for POST requests; see Get.
func (r *Resource) Post(h any) *Resource { return r.must(http.MethodPost, h) }

// Put registers h for PUT requests; see Get.
func (r *Resource) Put(h any) *Resource { return r.must(http.MethodPut, h) }

// Patch registers h for PATCH requests; see Get.
func (r *Resource) Patch(h any) *Resource { return r.must(http.MethodPatch, h) }

// Delete registers h for DELETE requests; see Get.
func (r *Resource) Delete(h any) *Resource { return r.must(http.MethodDelete, h) }

func (r *Resource) must(method string, h any) *Resource {
	if err := r.handle(route.Caller(2), method, h, Config{}); err != nil {
		panic(err)
	}
	return r
}

// Handle registers h for method with an endpoint-level configuration on
// top of the resource's, and returns the registration error, if any.
func (r *Resource) Handle(method string, h any, c Config) error {
	return r.handle(route.Caller(1), method, h, c)
}

func (r *Resource) handle(src route.Source, method string, h any, c Config) error {
	r.used = true
	a := r.router.app
	p, err := route.Parse(r.pattern)
	if err != nil {
		return err
	}
	cfg := r.cfg.merge(c)
	if cfg.Limits.URILength != a.cfg.Limits.URILength {
		return &ConfigError{Route: method + " " + r.pattern, Field: "Limits.URILength",
			Reason: "is checked before routing, so it is app-wide; set it on the App (WithConfig or App.Config)"}
	}
	if raw, ok := h.(func(*Call) error); ok {
		// The raw form binds nothing: it reads params with Call.Param.
		ep := &endpoint{raw: raw, errors: cfg.errorWriter(), names: a.paramNames(p), mayFlush: true}
		ep.chain = compose(cfg.Middleware, raw)
		return a.add(src, method, r.pattern, ep, cfg.Doc)
	}
	var direct func(w view.Response, r view.Request, a0, a1, a2, a3 any) (any, error)
	if t, ok := h.(Typed); ok {
		h, direct = t.fn, t.call
	}
	a.binding()
	names := a.paramNames(p)
	plan, err := bind.Compile(h, bind.Options{
		Direct:       direct,
		Route:        method + " " + r.pattern,
		Params:       *names,
		Glob:         p.HasGlob(),
		States:       a.states,
		Validator:    a.validator,
		Query:        a.query,
		AllowUnknown: cfg.Unknown == Ignore,
		Limits: bind.Limits{
			Body:            cfg.BodyLimit,
			JSONDepth:       cfg.Limits.JSONDepth,
			QueryParams:     cfg.Limits.QueryParams,
			MaxSliceIndex:   cfg.Limits.MaxSliceIndex,
			MultipartParts:  cfg.Limits.MultipartParts,
			MultipartMemory: cfg.Limits.MultipartMemory,
		},
	})
	if err != nil {
		return err
	}
	ep := &endpoint{plan: plan, errors: cfg.errorWriter(), names: names,
		mayFlush: plan.TakesResponse() || resultMayFlush(plan.Result()), json: plainJSON(plan.Result())}
	ep.chain = compose(cfg.Middleware, ep.serve)
	return a.add(src, method, r.pattern, ep, cfg.Doc)
}

// add adds ep to the tree and keeps its doc, if it has one: most tables
// of contents set no Doc, and a big one would otherwise keep an empty one
// per endpoint.
func (a *App) add(src route.Source, method, pattern string, ep *endpoint, doc openapi.Doc) error {
	if err := a.tree.AddFrom(src, method, pattern, ep); err != nil {
		return err
	}
	if doc.Summary != "" || doc.Description != "" || len(doc.Tags) != 0 || doc.OperationID != "" ||
		doc.Deprecated || doc.Hidden || len(doc.Errors) != 0 {
		if a.docs == nil {
			a.docs = map[*endpoint]openapi.Doc{}
		}
		a.docs[ep] = doc
	}
	return nil
}

// paramNames returns p's parameter names, shared with every route of the
// app that has the same ones. It searches the lists the app has: there
// are few, even in large tables (25 for GitHub's 203 routes), and a map
// would keep more memory than it saves time at registration.
func (a *App) paramNames(p *route.Pattern) *[]string {
	names := p.Params()
	for _, in := range a.names {
		if slices.Equal(*in, names) {
			return in
		}
	}
	a.names = append(a.names, &names)
	return &names
}
