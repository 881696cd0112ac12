package bench

import (
	"runtime"
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
	"github.com/tideway-go/tideway/route"
)

// benchBuildMem runs, for each router, the benchmark whose op builds the
// router for set (ns/op, B/op and allocs/op are the cost of registration),
// and reports as B-retained the live heap that one built router keeps, as
// the suite measures it. Handlers are one shared no-op function, so that
// the figure counts the router alone.
//
// router=tideway is the whole App behind its nethttp.Handler, as users
// serve it; router=tideway-tree is Tideway's routing table alone, a
// route.Tree[int] holding every route of the table (an int per route in
// place of the App's endpoint), the part comparable to a bare router.
func benchBuildMem(b *testing.B, set string) {
	routes := routeset.Load(set)
	for _, rt := range routers {
		b.Run("router="+rt.name, func(b *testing.B) {
			runBuildMem(b, func() any {
				h, err := rt.build(routes, nil)
				if err != nil {
					b.Fatalf("%s cannot register its table: %v", rt.name, err)
				}
				return h
			})
		})
	}
	b.Run("router=tideway-tree", func(b *testing.B) {
		runBuildMem(b, func() any {
			tree := route.New[int]()
			for i, r := range routes {
				if err := tree.Add(r.Method, routeset.Pattern(r.Path), i); err != nil {
					b.Fatalf("route.Tree cannot register %s %s: %v", r.Method, r.Path, err)
				}
			}
			return tree
		})
	})
}

// runBuildMem times build and reports the heap one result retains.
func runBuildMem(b *testing.B, build func() any) {
	b.ReportAllocs()
	for b.Loop() {
		build()
	}
	// Measured after the loop, so that one-time package set-up done by
	// the first build is not counted.
	b.ReportMetric(float64(retained(build)), "B-retained")
}

// retained returns how much the live heap grows when build runs and its
// result is kept alive.
func retained(build func() any) int64 {
	var before, after runtime.MemStats
	collect()
	runtime.ReadMemStats(&before)
	h := build()
	collect()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(h)
	return int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

// collect runs the garbage collector until sync.Pool caches and finalizers
// have been flushed too.
func collect() {
	for range 5 {
		runtime.GC()
	}
}

func BenchmarkStaticBuildMem(b *testing.B) { benchBuildMem(b, routeset.Static) }
func BenchmarkGitHubBuildMem(b *testing.B) { benchBuildMem(b, routeset.GitHub) }
func BenchmarkGPlusBuildMem(b *testing.B)  { benchBuildMem(b, routeset.GPlus) }
func BenchmarkParseBuildMem(b *testing.B)  { benchBuildMem(b, routeset.Parse) }
