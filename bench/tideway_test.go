package bench

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
)

// TestTidewayRouterAnswers checks that the app serving the benchmarks
// answers as it should: the route's handler, 404, 405 with Allow, and
// parameters matched on the escaped path. (net/http never delivers a path
// with a bad escape, so the 400 answer cannot be reached through it.)
func TestTidewayRouterAnswers(t *testing.T) {
	routes := routeset.Load(routeset.GitHub)
	p := new(probe)
	h, err := buildTideway(routes, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, target string
		code           int
		allow, param   string
	}{
		{"GET", "/users/ann/repos", http.StatusOK, "", "ann"},
		{"HEAD", "/users/ann/repos", http.StatusOK, "", "ann"},
		{"GET", "/users/a%2Fb/repos", http.StatusOK, "", "a/b"},
		{"GET", "/users/100%25/repos", http.StatusOK, "", "100%"},
		{"GET", "/nowhere", http.StatusNotFound, "", ""},
		{"PATCH", "/user/repos", http.StatusMethodNotAllowed, "GET, HEAD, POST", ""},
	} {
		*p = probe{}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(tc.method, tc.target, nil))
		if w.Code != tc.code || w.Header().Get("Allow") != tc.allow || p.param != tc.param {
			t.Errorf("%s %s: status %d, Allow %q, parameter %q; want %d, %q, %q",
				tc.method, tc.target, w.Code, w.Header().Get("Allow"), p.param, tc.code, tc.allow, tc.param)
		}
	}
}

// TestTidewayZeroAllocs checks the target that serving any benchmark table
// through the app and adapters/nethttp allocates nothing.
func TestTidewayZeroAllocs(t *testing.T) {
	for _, set := range benchSets {
		routes := routeset.Load(set)
		h := mustBuild(t, router{"tideway", buildTideway}, routes)
		w, r := newNopWriter(), newRequest(t)
		allocs := testing.AllocsPerRun(100, func() {
			for _, route := range routes {
				setRequest(r, route.Method, route.Path)
				h.ServeHTTP(w, r)
			}
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocs per run of the table, want 0", set, allocs)
		}
	}
}
