package bench

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/route"
)

// The bind-only benchmarks bind a path id and three query fields from a
// request that was already routed, with no handler work: the cost of
// binding alone.

// Target is what they bind into, with every framework's tags but gin's
// `form:` (see ginTarget).
type Target struct {
	ID   uint64 `path:"id" param:"id" uri:"id"`
	Num  int    `query:"num"`
	Flag bool   `query:"flag"`
	Name string `query:"name"`
}

// ginTarget is Target with gin's tags: gin reads the query through
// `form:`, which Tideway binds from form bodies. The two types differ only
// in tags, so a *Target converts to a *ginTarget for free.
type ginTarget struct {
	ID   uint64 `uri:"id"`
	Num  int    `form:"num"`
	Flag bool   `form:"flag"`
	Name string `form:"name"`
}

// The request they bind, and what it binds to.
const bindOnlyTarget = "/message/42?num=5&flag=true&name=abc"

var bindOnlyWant = Target{ID: 42, Num: 5, Flag: true, Name: "abc"}

// binder is one framework's way of binding: setup prepares the routed
// request and returns the op, which binds it into *dst (reused by every
// op) and returns the binding error.
type binder struct {
	name  string
	setup func(dst *Target) (op func() error, err error)
}

// binders lists the frameworks of BenchmarkBindOnly, in the order they run.
var binders = []binder{
	{"tideway", setupTidewayBind},
	{"handwritten", setupHandScan},
	{"gin", setupGinBind},
	{"echo", setupEchoBind},
	{"huma", setupHumaBind},
}

// setupTidewayBind binds with bind.NewBinder and Binder.Bind, the path
// values coming from a route.Tree lookup made once, as the App makes it
// per request.
func setupTidewayBind(dst *Target) (func() error, error) {
	b, err := bind.NewBinder[Target](bind.Options{
		Route: "GET /message/{id}", Params: []string{"id"},
		Validator: bind.NewValidator(), Query: bind.NewQueryDecoder(),
	})
	if err != nil {
		return nil, err
	}
	tree := route.New[int]()
	tree.MustAdd("GET", "/message/{id}", 0)
	r := httptest.NewRequest("GET", bindOnlyTarget, nil)
	ps := tree.NewParams()
	if tree.Lookup("GET", r.URL.Path, ps).Status != route.Found {
		return nil, errors.New("tideway: /message/{id} not found")
	}
	v := &httpView{r}
	ctx := r.Context()
	return func() error { return b.Bind(ctx, v, ps, dst) }, nil
}

// setupHandScan binds by hand: r.PathValue and strconv, and one pass over
// the raw query without url.ParseQuery, unescaping only values that need
// it.
func setupHandScan(dst *Target) (func() error, error) {
	r := httptest.NewRequest("GET", bindOnlyTarget, nil)
	r.SetPathValue("id", "42")
	return func() error { return handScan(r, dst) }, nil
}

func handScan(r *http.Request, dst *Target) error {
	*dst = Target{}
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil {
		return err
	}
	dst.ID = id
	for q := r.URL.RawQuery; q != ""; {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		key, val, _ := strings.Cut(pair, "=")
		if strings.ContainsAny(val, "%+") {
			if val, err = url.QueryUnescape(val); err != nil {
				return err
			}
		}
		switch key {
		case "num":
			if dst.Num, err = strconv.Atoi(val); err != nil {
				return err
			}
		case "flag":
			if dst.Flag, err = strconv.ParseBool(val); err != nil {
				return err
			}
		case "name":
			dst.Name = val
		}
	}
	return nil
}

// setupGinBind binds with ShouldBindUri and ShouldBindQuery on a
// gin.Context whose params the router would have set.
func setupGinBind(dst *Target) (func() error, error) {
	gin.SetMode(gin.ReleaseMode)
	c, _ := gin.CreateTestContext(newNopWriter())
	c.Request = httptest.NewRequest("GET", bindOnlyTarget, nil)
	c.Params = gin.Params{{Key: "id", Value: "42"}}
	return func() error {
		*dst = Target{}
		g := (*ginTarget)(dst)
		if err := c.ShouldBindUri(g); err != nil {
			return err
		}
		return c.ShouldBindQuery(g)
	}, nil
}

// setupEchoBind binds with c.Bind (path params, then the query for GET).
// The context is reset and given its params per op, as echo's router does
// per request: echo caches the parsed query in the context.
func setupEchoBind(dst *Target) (func() error, error) {
	e := echo.New()
	r, w := httptest.NewRequest("GET", bindOnlyTarget, nil), newNopWriter()
	c := e.NewContext(r, w)
	names, values := []string{"id"}, []string{"42"}
	return func() error {
		c.Reset(r, w)
		c.SetPath("/message/:id")
		c.SetParamNames(names...)
		c.SetParamValues(values...)
		*dst = Target{}
		return c.Bind(dst)
	}, nil
}

// setupHumaBind calls the handler huma.Register builds for an operation,
// which binds and validates its input, straight from a capturing adapter
// with humago's context, so no routing is done. Huma has no binder of its
// own outside an operation, so the op also includes huma's writing of the
// empty 204 answer; the handler only copies the input out.
func setupHumaBind(dst *Target) (func() error, error) {
	var ad captureAdapter
	api := huma.NewAPI(humaConfig(), &ad)
	huma.Register(api, huma.Operation{OperationID: "bind", Method: http.MethodGet, Path: "/message/{id}"},
		func(_ context.Context, in *Target) (*struct{}, error) {
			*dst = *in
			return nil, nil
		})
	r, w := httptest.NewRequest("GET", bindOnlyTarget, nil), newNopWriter()
	r.SetPathValue("id", "42")
	return func() error {
		*dst = Target{}
		ad.handler(humago.NewContext(ad.op, r, w))
		return nil
	}, nil
}

// captureAdapter is a huma.Adapter that keeps the one operation
// registered on it instead of routing.
type captureAdapter struct {
	op      *huma.Operation
	handler func(huma.Context)
}

func (a *captureAdapter) Handle(op *huma.Operation, h func(huma.Context)) { a.op, a.handler = op, h }
func (a *captureAdapter) ServeHTTP(http.ResponseWriter, *http.Request)    {}
