package bind

import (
	"net/url"
	"strings"

	"github.com/tideway-go/tideway/internal/viewtest"
)

func newRequest(method, target, body string, headers ...string) *viewtest.Request {
	return viewtest.NewRequest(method, target, body, headers...)
}

func newResponse() *viewtest.Response { return viewtest.NewResponse() }

// pathValues is a PathValues over raw (escaped) values.
type pathValues []string

func (p pathValues) Raw(i int) string { return p[i] }
func (p pathValues) Value(i int) string {
	s, err := url.PathUnescape(p[i])
	if err != nil {
		return p[i]
	}
	return s
}

// run compiles fn for a route with the given parameter names, binds the
// request and returns what the handler returned.
func run(fn any, params []string, vals pathValues, req *viewtest.Request, opts ...func(*Options)) (any, error) {
	o := Options{Route: "TEST /", Params: params, States: []any{&appState{Name: "state"}}}
	if n := len(params); n > 0 && strings.HasSuffix(params[n-1], "...") {
		o.Params[n-1] = strings.TrimSuffix(params[n-1], "...")
		o.Glob = true
	}
	for _, f := range opts {
		f(&o)
	}
	p, err := Compile(fn, o)
	if err != nil {
		return nil, err
	}
	return p.Call(newResponse(), req, vals, 0)
}
