package route

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
)

// oracle is a brute-force reference for Tree.Lookup: it checks every
// registered pattern on its own and picks the most specific match by the
// rule of the package documentation.
type oracle struct {
	routes []oracleRoute
}

type oracleRoute struct {
	method  string
	pattern *Pattern
}

func (o *oracle) add(method, pattern string) {
	o.routes = append(o.routes, oracleRoute{method, MustParse(pattern)})
}

// lookup returns the serving route's index (or -1), the status and the
// sorted set of allowed methods.
func (o *oracle) lookup(method, path string) (int, Status, []string) {
	if path == "" || path[0] != '/' {
		return -1, NotFound, nil
	}
	if !ValidPath(path) {
		return -1, BadPath, nil
	}
	best := -1
	allowed := map[string]bool{}
	serves := func(i int) bool {
		r := o.routes[i]
		if r.method == method {
			return true
		}
		if method != "HEAD" || r.method != "GET" {
			return false
		}
		// GET serves HEAD unless the same shape has its own HEAD route.
		for _, s := range o.routes {
			if s.method == "HEAD" && s.pattern.Shape() == r.pattern.Shape() {
				return false
			}
		}
		return true
	}
	for i, r := range o.routes {
		if _, ok := r.pattern.Match(path); !ok {
			continue
		}
		allowed[r.method] = true
		if r.method == "GET" {
			allowed["HEAD"] = true
		}
		if serves(i) && (best < 0 || Compare(r.pattern, o.routes[best].pattern) > 0) {
			best = i
		}
	}
	switch {
	case best >= 0:
		return best, Found, nil
	case len(allowed) > 0:
		var a []string
		for m := range allowed {
			a = append(a, m)
		}
		slices.Sort(a)
		return -1, MethodNotAllowed, a
	}
	return -1, NotFound, nil
}

// check compares tr (whose values are oracle indexes) with o on one request.
func (o *oracle) check(t testing.TB, tr *Tree[int], ps *Params, method, path string) {
	t.Helper()
	want, status, allow := o.lookup(method, path)
	res := tr.Lookup(method, path, ps)
	got := -1
	if res.Route != nil {
		got = res.Route.Value
	}
	var gotAllow []string
	if res.Allow != "" {
		gotAllow = strings.Split(res.Allow, ", ")
		slices.Sort(gotAllow)
	}
	if got != want || res.Status != status || !slices.Equal(gotAllow, allow) {
		name := func(i int) string {
			if i < 0 {
				return "none"
			}
			return o.routes[i].method + " " + o.routes[i].pattern.String()
		}
		t.Fatalf("%s %s: tree %v %s allow %q; oracle %v %s allow %q\n%s",
			method, path, res.Status, name(got), gotAllow, status, name(want), allow, tr.Explain(method, path))
	}
	if res.Route != nil {
		vals, _ := res.Route.Pattern.Match(path)
		if ps.Len() != len(vals) {
			t.Fatalf("%s %s: %d params, want %q", method, path, ps.Len(), vals)
		}
		for i, v := range vals {
			if ps.Raw(i) != v {
				t.Fatalf("%s %s: param %d = %q, want %q", method, path, i, ps.Raw(i), v)
			}
		}
	}
}

var (
	// "a%25b" is a literal whose text holds a '%', which only an escaped
	// path's segment can match; the path segments hold escapes, escaped
	// '%'s and invalid escapes.
	oracleSegs    = []string{"a", "b", "c", "{}", "{}", "*", "", "a%25b"}
	oraclePathSeg = []string{"a", "b", "c", "d", "", "%61", "a%2Fb", "%2F", "a%25b", "%25", "a%b", "a%2"}
	oracleMethods = []string{"GET", "POST", "HEAD"}
)

// TestOracle builds many small random tables and checks every tree against
// the brute-force oracle on many random paths.
func TestOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tables, paths := 2000, 60
	if testing.Short() {
		tables = 200
	}
	for range tables {
		tr, o := New[int](), &oracle{}
		for range 1 + rng.IntN(12) {
			var b strings.Builder
			n := 1 + rng.IntN(4)
			for i := range n {
				s := oracleSegs[rng.IntN(len(oracleSegs))]
				if s == "*" && i != n-1 {
					s = "{}"
				}
				b.WriteString("/" + s)
			}
			m := oracleMethods[rng.IntN(len(oracleMethods))]
			if err := tr.Add(m, b.String(), len(o.routes)); err != nil {
				continue // a conflict with an earlier random route
			}
			o.add(m, b.String())
		}
		ps := tr.NewParams()
		for range paths {
			var b strings.Builder
			for range rng.IntN(6) {
				b.WriteString("/" + oraclePathSeg[rng.IntN(len(oraclePathSeg))])
			}
			path := b.String()
			if path == "" {
				path = "/"
			}
			o.check(t, tr, ps, oracleMethods[rng.IntN(len(oracleMethods))], path)
		}
	}
}

// fuzzTable is a fixed table for FuzzLookup: the 239 GitHub routes plus
// routes that exercise escapes, empty segments, HEAD and globs.
func fuzzTable(t testing.TB) (*Tree[int], *oracle) {
	tr, o := New[int](), &oracle{}
	add := func(m, p string) {
		if err := tr.Add(m, p, len(o.routes)); err != nil {
			t.Fatal(err)
		}
		o.add(m, p)
	}
	for _, r := range append(routeset.Load(routeset.GitHub), routeset.Load(routeset.GitHubDisabled)...) {
		add(r.Method, routeset.Pattern(r.Path))
	}
	for _, p := range []string{"/", "/a%2Fb/{x}", "/x//y", "/x/{}/", "/*", "/users/{}/*", "/caf%C3%A9"} {
		add("GET", p)
	}
	add("HEAD", "/users/{user}")
	return tr, o
}

// FuzzLookup checks the tree against the oracle on arbitrary paths.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"/", "/users/x/repos", "/repos/o/r/git/refs/heads/main", "/a%2Fb/1", "/%zz", "//", "/x//y", "/caf%c3%a9", "/users/new/x/y", ""} {
		f.Add("GET", s)
	}
	f.Add("HEAD", "/users/x")
	f.Add("PATCH", "/user")
	tr, o := fuzzTable(f)
	ps := tr.NewParams()
	f.Fuzz(func(t *testing.T, method, path string) {
		o.check(t, tr, ps, method, path)
		tr.Explain(method, path)
	})
}

// FuzzParse checks that Parse never panics and that what it accepts
// round-trips through Shape and Sample.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"/", "/a/{b}/{}/{c...}", "/*", "/{", "/a%2F", "/{x}/{x}", "/:x", "/{...}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			if _, ok := err.(*PatternError); !ok {
				t.Fatalf("Parse(%q) error %T", s, err)
			}
			return
		}
		q, err := Parse(p.Shape())
		if err != nil || q.Shape() != p.Shape() {
			t.Fatalf("Parse(%q).Shape() = %q does not re-parse to itself: %v", s, p.Shape(), err)
		}
		if _, ok := p.Match(p.Sample()); !ok {
			t.Fatalf("Parse(%q) does not match its sample %q", s, p.Sample())
		}
	})
}
