package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
)

// benchSets are the tables the benchmarks use.
var benchSets = []string{routeset.Static, routeset.GitHub, routeset.GPlus, routeset.Parse}

// serve sends method and path through h on the reused request r and returns
// the status h answered with.
func serve(h http.Handler, r *http.Request, method, path string) int {
	setRequest(r, method, path)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code
}

// wantParam returns the value the first parameter of pattern (suite syntax)
// takes in the request path, which has the same segments up to it. A
// catch-all's value is the rest of the path, without the leading slash
// that some routers keep.
func wantParam(pattern, path string) string {
	psegs, segs := strings.Split(pattern, "/"), strings.Split(path, "/")
	for k, s := range psegs {
		switch {
		case strings.HasPrefix(s, ":"):
			return segs[k]
		case strings.HasPrefix(s, "*"):
			return strings.Join(segs[k:], "/")
		}
	}
	return ""
}

// problems registers routes on rt and sends each route's pattern text (as
// the benchmarks do) and a concrete path for it (routeset.Request) through
// it, twice each. It lists every route the router refused and every request
// that did not reach its own route's handler with the right parameter.
func problems(rt router, routes []routeset.Route) []string {
	var out []string
	p := new(probe)
	h, err := rt.build(routes, p)
	if err != nil {
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			first, _, _ := strings.Cut(e.Error(), "\n")
			out = append(out, "cannot register "+first)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	seen := map[string]bool{}
	for range 2 { // again, in case a router's state changes after a request
		for i, route := range routes {
			for _, path := range []string{route.Path, routeset.Request(route.Path)} {
				*p = probe{route: -1, param: "(unset)"}
				code := serve(h, r, route.Method, path)
				got, want := strings.TrimPrefix(p.param, "/"), wantParam(route.Path, path)
				var msg string
				switch {
				case p.route < 0:
					msg = fmt.Sprintf("%s %s: status %d, no handler ran", route.Method, path, code)
				case p.route != i:
					msg = fmt.Sprintf("%s %s: served by %s %s, want %s",
						route.Method, path, routes[p.route].Method, routes[p.route].Path, route.Path)
				case got != want:
					msg = fmt.Sprintf("%s %s: first parameter %q, want %q", route.Method, path, got, want)
				case code != http.StatusOK:
					msg = fmt.Sprintf("%s %s: status %d after the handler ran", route.Method, path, code)
				}
				if msg != "" && !seen[msg] {
					seen[msg] = true
					out = append(out, msg)
				}
			}
		}
	}
	return out
}

// TestEveryRouteReached checks that every router registers every route of
// every benchmark table and serves each request with that route's handler.
// A router that cannot fails the test: none is skipped.
func TestEveryRouteReached(t *testing.T) {
	for _, set := range benchSets {
		routes := routeset.Load(set)
		for _, rt := range routers {
			t.Run(set+"/"+rt.name, func(t *testing.T) {
				for _, msg := range problems(rt, routes) {
					t.Error(msg)
				}
			})
		}
	}
}

// TestSingleReached checks that each single-request benchmark's request
// reaches the route it is meant to, with the expected parameter value.
func TestSingleReached(t *testing.T) {
	for name, s := range map[string]single{
		"StaticSingle": staticSingle, "GitHubStatic": githubStatic, "GitHubSingle": githubSingle,
		"GPlusSingle": gplusSingle, "ParseSingle": parseSingle,
	} {
		routes := routeset.Load(s.set)
		want := slices.Index(routes, routeset.Route{Method: s.method, Path: s.pattern})
		if want < 0 {
			t.Fatalf("%s: %s %s is not in the %s table", name, s.method, s.pattern, s.set)
		}
		for _, rt := range routers {
			p := &probe{route: -1}
			h, err := rt.build(routes, p)
			if err != nil {
				t.Errorf("%s/%s: %v", name, rt.name, err)
				continue
			}
			code := serve(h, httptest.NewRequest("GET", "/", nil), s.method, s.path)
			if p.route != want || p.param != s.param {
				t.Errorf("%s/%s: %s %s: status %d, route %d with parameter %q; want route %d (%s) with %q",
					name, rt.name, s.method, s.path, code, p.route, p.param, want, s.pattern, s.param)
			}
		}
	}
}

// TestFullGitHub reports how each router copes with the whole GitHub API:
// the benchmark table plus the 36 routes the suite leaves out (PATCH,
// catch-alls, literals beside parameters). It only logs: these routes are
// not part of any benchmark. Run with -v to see the report.
func TestFullGitHub(t *testing.T) {
	routes := append(routeset.Load(routeset.GitHub), routeset.Load(routeset.GitHubDisabled)...)
	for _, rt := range routers {
		msgs := problems(rt, routes)
		if len(msgs) == 0 {
			t.Logf("%s: all %d routes registered and reached", rt.name, len(routes))
			continue
		}
		t.Logf("%s: %d problems:\n\t%s", rt.name, len(msgs), strings.Join(msgs, "\n\t"))
	}
}
