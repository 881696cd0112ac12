package route

import (
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
)

// benchLookupAll looks up every route of a table once per op, requesting the
// pattern text itself as the go-http-routing-benchmark suite does.
func benchLookupAll(b *testing.B, name string) {
	routes := routeset.Load(name)
	tr := New[int]()
	for i, r := range routes {
		tr.MustAdd(r.Method, routeset.Pattern(r.Path), i)
	}
	ps := tr.NewParams()
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range routes {
			if tr.Lookup(r.Method, r.Path, ps).Status != Found {
				b.Fatalf("%s %s not found", r.Method, r.Path)
			}
		}
	}
}

func BenchmarkLookupAll(b *testing.B) {
	for _, name := range []string{routeset.Static, routeset.GitHub, routeset.GPlus, routeset.Parse} {
		b.Run(name, func(b *testing.B) { benchLookupAll(b, name) })
	}
}
