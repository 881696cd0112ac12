package bench

import (
	"net/http"

	"github.com/julienschmidt/httprouter"
	"github.com/tideway-go/tideway/internal/routeset"
)

// httprouter takes the suite's `:name` and `*name` syntax as it is.
func buildHTTPRouter(routes []routeset.Route, p *probe) (http.Handler, error) {
	h := httprouter.New()
	err := registerAll(routes, func(i int, r routeset.Route) error {
		h.Handle(r.Method, r.Path, httprouterHandle(i, r.Path, p))
		return nil
	})
	return h, err
}

func httprouterNop(http.ResponseWriter, *http.Request, httprouter.Params) {}

func httprouterHandle(i int, path string, p *probe) httprouter.Handle {
	if p == nil {
		return httprouterNop
	}
	name, _ := firstParam(path)
	if name == "" {
		return func(http.ResponseWriter, *http.Request, httprouter.Params) { p.route, p.param = i, "" }
	}
	return func(_ http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
		p.route, p.param = i, ps.ByName(name)
	}
}
