package bench

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/tideway-go/tideway/internal/routeset"
)

// gorilla/mux writes `:name` as `{name}` and `*name` as `{name:.*}`; each
// route is limited to its method with Methods.
func buildGorillaMux(routes []routeset.Route, p *probe) (http.Handler, error) {
	m := mux.NewRouter()
	err := registerAll(routes, func(i int, r routeset.Route) error {
		return m.HandleFunc(gorillaPattern(r.Path), gorillaHandle(i, r.Path, p)).Methods(r.Method).GetError()
	})
	return m, err
}

func gorillaPattern(path string) string {
	return convert(path,
		func(name string) string { return "{" + name + "}" },
		func(name string) string { return "{" + name + ":.*}" })
}

func gorillaHandle(i int, path string, p *probe) http.HandlerFunc {
	if p == nil {
		return nopHandler
	}
	name, _ := firstParam(path)
	if name == "" {
		return func(http.ResponseWriter, *http.Request) { p.route, p.param = i, "" }
	}
	return func(_ http.ResponseWriter, r *http.Request) { p.route, p.param = i, mux.Vars(r)[name] }
}
