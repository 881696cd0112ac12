package bench

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/tideway-go/tideway/internal/routeset"
)

// chi writes `:name` as `{name}` and a catch-all as a bare `*`, whose value
// is the parameter "*".
func buildChi(routes []routeset.Route, p *probe) (http.Handler, error) {
	m := chi.NewRouter()
	err := registerAll(routes, func(i int, r routeset.Route) error {
		m.MethodFunc(r.Method, chiPattern(r.Path), chiHandle(i, r.Path, p))
		return nil
	})
	return m, err
}

func chiPattern(path string) string {
	return convert(path,
		func(name string) string { return "{" + name + "}" },
		func(string) string { return "*" })
}

func chiHandle(i int, path string, p *probe) http.HandlerFunc {
	if p == nil {
		return nopHandler
	}
	name, glob := firstParam(path)
	if name == "" {
		return func(http.ResponseWriter, *http.Request) { p.route, p.param = i, "" }
	}
	if glob {
		name = "*"
	}
	return func(_ http.ResponseWriter, r *http.Request) { p.route, p.param = i, chi.URLParam(r, name) }
}

func nopHandler(http.ResponseWriter, *http.Request) {}
