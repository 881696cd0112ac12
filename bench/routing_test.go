package bench

import (
	"net/http"
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
)

// newRequest returns the one request a benchmark reuses for every route.
func newRequest(b testing.TB) *http.Request {
	r, err := http.NewRequest("GET", "/", nil)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// setRequest points r at method and path, as the suite does between routes.
func setRequest(r *http.Request, method, path string) {
	r.Method = method
	r.RequestURI = path
	r.URL.Path = path
}

// mustBuild registers routes on rt and fails b if any route is refused.
func mustBuild(b testing.TB, rt router, routes []routeset.Route) http.Handler {
	h, err := rt.build(routes, new(probe))
	if err != nil {
		b.Fatalf("%s cannot register its table: %v", rt.name, err)
	}
	return h
}

// benchAll runs, for each router, the benchmark whose op sends every route
// of set through ServeHTTP once, in table order, requesting the pattern text
// itself (so "/users/:user" is requested as "/users/:user").
func benchAll(b *testing.B, set string) {
	routes := routeset.Load(set)
	for _, rt := range routers {
		b.Run("router="+rt.name, func(b *testing.B) {
			h := mustBuild(b, rt, routes)
			w, r := newNopWriter(), newRequest(b)
			b.ReportAllocs()
			for b.Loop() {
				for _, route := range routes {
					setRequest(r, route.Method, route.Path)
					h.ServeHTTP(w, r)
				}
			}
		})
	}
}

func BenchmarkStaticAll(b *testing.B) { benchAll(b, routeset.Static) }
func BenchmarkGitHubAll(b *testing.B) { benchAll(b, routeset.GitHub) }
func BenchmarkGPlusAll(b *testing.B)  { benchAll(b, routeset.GPlus) }
func BenchmarkParseAll(b *testing.B)  { benchAll(b, routeset.Parse) }

// single is one representative request to a router holding a whole table.
type single struct {
	set          string
	method, path string // the request
	pattern      string // the route that serves it, in the suite's syntax
	param        string // the value of its first parameter
}

// The single-request benchmarks, by benchmark name.
var (
	staticSingle = single{routeset.Static, "GET", "/gopher/pencil/gopherswim.jpg", "/gopher/pencil/gopherswim.jpg", ""}
	githubStatic = single{routeset.GitHub, "GET", "/user/repos", "/user/repos", ""}
	githubSingle = single{routeset.GitHub, "GET", "/repos/julienschmidt/httprouter/stargazers",
		"/repos/:owner/:repo/stargazers", "julienschmidt"}
	gplusSingle = single{routeset.GPlus, "GET", "/people/118051310819094153327/activities/123456789",
		"/people/:userId/activities/:collection", "118051310819094153327"}
	parseSingle = single{routeset.Parse, "GET", "/1/classes/go/123456789",
		"/1/classes/:className/:objectId", "go"}
)

// benchSingle runs, for each router, the benchmark whose op serves s once.
func benchSingle(b *testing.B, s single) {
	routes := routeset.Load(s.set)
	for _, rt := range routers {
		b.Run("router="+rt.name, func(b *testing.B) {
			h := mustBuild(b, rt, routes)
			w, r := newNopWriter(), newRequest(b)
			setRequest(r, s.method, s.path)
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(w, r)
			}
		})
	}
}

func BenchmarkStaticSingle(b *testing.B) { benchSingle(b, staticSingle) }
func BenchmarkGitHubStatic(b *testing.B) { benchSingle(b, githubStatic) }
func BenchmarkGitHubSingle(b *testing.B) { benchSingle(b, githubSingle) }
func BenchmarkGPlusSingle(b *testing.B)  { benchSingle(b, gplusSingle) }
func BenchmarkParseSingle(b *testing.B)  { benchSingle(b, parseSingle) }
