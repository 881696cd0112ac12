package bench

import (
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
	"github.com/tideway-go/tideway/route"
)

// benchLookupAll is benchAll for route.Tree.Lookup alone, without ServeHTTP:
// the cost of matching, with nothing of net/http around it.
func benchLookupAll(b *testing.B, set string) {
	routes := routeset.Load(set)
	b.Run("router=tideway", func(b *testing.B) {
		tree := route.New[int]()
		for i, r := range routes {
			tree.MustAdd(r.Method, routeset.Pattern(r.Path), i)
		}
		ps := tree.NewParams()
		b.ReportAllocs()
		for b.Loop() {
			for _, r := range routes {
				if tree.Lookup(r.Method, r.Path, ps).Status != route.Found {
					b.Fatalf("%s %s: not found", r.Method, r.Path)
				}
			}
		}
	})
}

func BenchmarkLookupStaticAll(b *testing.B) { benchLookupAll(b, routeset.Static) }
func BenchmarkLookupGitHubAll(b *testing.B) { benchLookupAll(b, routeset.GitHub) }
func BenchmarkLookupGPlusAll(b *testing.B)  { benchLookupAll(b, routeset.GPlus) }
func BenchmarkLookupParseAll(b *testing.B)  { benchLookupAll(b, routeset.Parse) }
