package bench

import (
	"net/http"
	"strings"

	"github.com/tideway-go/tideway/internal/routeset"
)

// net/http's ServeMux (Go 1.22 patterns) writes `:name` as `{name}` and
// `*name` as `{name...}`, with the method in front. A pattern ending in "/"
// would match every path below it, so it gets `{$}` to match exactly, as in
// every other router here.
func buildServeMux(routes []routeset.Route, p *probe) (http.Handler, error) {
	m := http.NewServeMux()
	err := registerAll(routes, func(i int, r routeset.Route) error {
		m.HandleFunc(servemuxPattern(r), servemuxHandle(i, r.Path, p))
		return nil
	})
	return m, err
}

func servemuxPattern(r routeset.Route) string {
	path := convert(r.Path,
		func(name string) string { return "{" + name + "}" },
		func(name string) string { return "{" + name + "...}" })
	if strings.HasSuffix(path, "/") {
		path += "{$}"
	}
	return r.Method + " " + path
}

func servemuxHandle(i int, path string, p *probe) http.HandlerFunc {
	if p == nil {
		return nopHandler
	}
	name, _ := firstParam(path)
	if name == "" {
		return func(http.ResponseWriter, *http.Request) { p.route, p.param = i, "" }
	}
	return func(_ http.ResponseWriter, r *http.Request) { p.route, p.param = i, r.PathValue(name) }
}
