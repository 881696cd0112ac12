package tideway

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/route"
)

// OpenAPI returns the OpenAPI 3.1 document of the app's table of
// contents, worked out from the same binding plans that serve requests,
// so it cannot drift from them: path, query, header and cookie
// parameters, the JSON or form request body, the success response of
// each handler's result and the error responses binding can give, with
// the Doc of each endpoint's Config (see openapi.Build for the rules).
// Raw func(*Call) error handlers are documented with their path
// parameters and an open response. The handler OpenAPIHandler returns is
// left out. Call it after every route is registered; each call builds a
// new document, which the caller may change (to add servers, say).
func (a *App) OpenAPI(info openapi.Info) *openapi.Document {
	var eps []openapi.Endpoint
	self := funcName((&openAPIDoc{}).serve) // the same for every openAPIDoc
	a.tree.Walk(func(r *route.Route[*endpoint]) {
		ep := r.Value
		name := ep.name()
		if name == self {
			return
		}
		e := openapi.Endpoint{Method: r.Method, Pattern: r.Pattern, Handler: name}
		e.Doc = a.docs[ep]
		if ep.plan != nil {
			d := ep.plan.Describe()
			e.Plan = &d
		}
		eps = append(eps, e)
	})
	return openapi.Build(info, eps)
}

// OpenAPIHandler returns a raw handler that serves the app's OpenAPI
// document (see OpenAPI) as application/json. The document is built on
// the first request, when every route is registered, and cached:
//
//	app.At("/openapi.json").Get(app.OpenAPIHandler(openapi.Info{Title: "Messages", Version: "1.0.0"}))
func (a *App) OpenAPIHandler(info openapi.Info) func(*Call) error {
	d := &openAPIDoc{}
	d.build = sync.OnceValues(func() ([]byte, error) { return a.OpenAPI(info).JSON() })
	return d.serve
}

// openAPIDoc is the handler OpenAPIHandler returns.
type openAPIDoc struct {
	build func() ([]byte, error)
}

func (d *openAPIDoc) serve(c *Call) error {
	body, err := d.build()
	if err != nil {
		return err
	}
	w := c.Response
	w.SetHeader("Content-Type", "application/json")
	w.SetHeader("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(body)
	return err
}
