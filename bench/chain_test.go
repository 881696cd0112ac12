package bench

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// BenchmarkMiddlewareChain serves GET /ping through chainDepth no-op
// middleware per framework, and through none for Tideway (tideway-0).
func BenchmarkMiddlewareChain(b *testing.B) {
	run := func(name string, build func(int) http.Handler, n int) {
		b.Run("framework="+name, func(b *testing.B) {
			h := build(n)
			w, r := newNopWriter(), httptest.NewRequest("GET", "/ping", nil)
			b.ReportAllocs()
			for b.Loop() {
				resetWriter(w)
				h.ServeHTTP(w, r)
			}
		})
	}
	run("tideway-0", buildTidewayChain, 0)
	for _, c := range chainers {
		run(c.name, c.build, chainDepth)
	}
}

// TestMiddlewareChainAnswers checks that every chain reaches the handler.
func TestMiddlewareChainAnswers(t *testing.T) {
	for _, c := range chainers {
		for _, n := range []int{0, chainDepth} {
			w := httptest.NewRecorder()
			c.build(n).ServeHTTP(w, httptest.NewRequest("GET", "/ping", nil))
			if w.Code != 200 || w.Body.String() != string(pingBody) {
				t.Errorf("%s with %d middleware: %d %q, want 200 %q", c.name, n, w.Code, w.Body, pingBody)
			}
		}
	}
}

// TestTidewayChainNoAllocs checks the target that Tideway's chain adds no
// allocation: /ping allocates as much behind chainDepth middleware as
// behind none (nothing, in fact).
func TestTidewayChainNoAllocs(t *testing.T) {
	allocs := map[int]float64{}
	for _, n := range []int{0, chainDepth} {
		h := buildTidewayChain(n)
		w, r := newNopWriter(), httptest.NewRequest("GET", "/ping", nil)
		allocs[n] = testing.AllocsPerRun(100, func() { resetWriter(w); h.ServeHTTP(w, r) })
	}
	if allocs[chainDepth] != allocs[0] {
		t.Errorf("/ping allocates %v per request behind %d middleware, %v behind none",
			allocs[chainDepth], chainDepth, allocs[0])
	}
	t.Logf("allocs per request: %v with no middleware, %v with "+strconv.Itoa(chainDepth), allocs[0], allocs[chainDepth])
}
