package route

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/internal/routeset"
)

// build returns a tree whose values are "METHOD pattern".
func build(t testing.TB, routes ...string) *Tree[string] {
	t.Helper()
	tr := New[string]()
	for _, r := range routes {
		method, pattern, _ := strings.Cut(r, " ")
		if err := tr.Add(method, pattern, r); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

type lookupCase struct {
	method, path string
	status       Status
	want         string   // the serving route's value
	params       []string // raw values
	allow        string
}

// raws returns the raw values in ps.
func raws(ps *Params) []string {
	var out []string
	for i := 0; i < ps.Len(); i++ {
		out = append(out, ps.Raw(i))
	}
	return out
}

func checkLookups(t *testing.T, tr *Tree[string], cases []lookupCase) {
	t.Helper()
	for _, tc := range cases {
		ps := tr.NewParams()
		res := tr.Lookup(tc.method, tc.path, ps)
		got := ""
		if res.Route != nil {
			got = res.Route.Value
		}
		var params []string
		for i := 0; i < ps.Len(); i++ {
			params = append(params, ps.Raw(i))
		}
		if res.Status != tc.status || got != tc.want || res.Allow != tc.allow || !reflect.DeepEqual(params, tc.params) {
			t.Errorf("Lookup(%s %s) = %v %q params %q allow %q; want %v %q params %q allow %q",
				tc.method, tc.path, res.Status, got, params, res.Allow, tc.status, tc.want, tc.params, tc.allow)
		}
		if !strings.Contains(tc.path, "%") {
			// LookupPlain must answer a path without escapes the same.
			pp := tr.NewParams()
			plain := tr.LookupPlain(tc.method, tc.path, pp)
			if plain != res || !reflect.DeepEqual(raws(pp), raws(ps)) {
				t.Errorf("LookupPlain(%s %s) = %+v params %q; Lookup gave %+v params %q",
					tc.method, tc.path, plain, raws(pp), res, raws(ps))
			}
		}
		// Explain is the brute-force reference and must agree.
		e := tr.Explain(tc.method, tc.path)
		if e.Status != res.Status || e.Allow != res.Allow || (res.Route != nil && e.Served != res.Route.Pattern.String()) {
			t.Errorf("Explain(%s %s) disagrees with Lookup:\n%s", tc.method, tc.path, e)
		}
	}
}

func TestSpecificity(t *testing.T) {
	// The Tide sketch's example, registered in an order that would break a
	// first-match router.
	tr := build(t,
		"GET /users/{}",
		"GET /users/{}/help",
		"GET /users/new/help",
		"GET /users/new",
		"GET /users/*",
		"GET /x/a",
		"GET /{p}/z",
		"GET /files/{path...}",
		"GET /files/readme",
		"GET /",
	)
	checkLookups(t, tr, []lookupCase{
		{"GET", "/users/new", Found, "GET /users/new", nil, ""},
		{"GET", "/users/new/help", Found, "GET /users/new/help", nil, ""},
		{"GET", "/users/ann", Found, "GET /users/{}", []string{"ann"}, ""},
		{"GET", "/users/ann/help", Found, "GET /users/{}/help", []string{"ann"}, ""},
		{"GET", "/users/ann/x", Found, "GET /users/*", []string{"ann/x"}, ""},
		{"GET", "/users/", Found, "GET /users/*", []string{""}, ""},
		{"GET", "/users", NotFound, "", nil, ""},
		// Backtracking: the literal "x" leads nowhere, so {p} serves.
		{"GET", "/x/z", Found, "GET /{p}/z", []string{"x"}, ""},
		{"GET", "/x/a", Found, "GET /x/a", nil, ""},
		{"GET", "/y/z", Found, "GET /{p}/z", []string{"y"}, ""},
		{"GET", "/files/readme", Found, "GET /files/readme", nil, ""},
		{"GET", "/files/readme/x", Found, "GET /files/{path...}", []string{"readme/x"}, ""},
		{"GET", "/files/", Found, "GET /files/{path...}", []string{""}, ""},
		{"GET", "/", Found, "GET /", nil, ""},
		{"GET", "//z", NotFound, "", nil, ""}, // {} never matches an empty segment
		{"GET", "", NotFound, "", nil, ""},
		{"GET", "*", NotFound, "", nil, ""},
	})
}

func TestRegistrationOrderIrrelevant(t *testing.T) {
	routes := []string{"GET /a/{x}/c", "GET /a/b/{y}", "GET /a/*", "GET /{z}/b/c", "GET /a/b/c/"}
	paths := []string{"/a/b/c", "/a/x/c", "/a/b/x", "/q/b/c", "/a/b/c/", "/a/"}
	var first []string
	for perm := range permutations(len(routes)) {
		ordered := make([]string, len(routes))
		for i, j := range perm {
			ordered[i] = routes[j]
		}
		tr := build(t, ordered...)
		var got []string
		for _, p := range paths {
			res := tr.Lookup("GET", p, tr.NewParams())
			if res.Route == nil {
				got = append(got, "")
			} else {
				got = append(got, res.Route.Value)
			}
		}
		if first == nil {
			first = got
		} else if !reflect.DeepEqual(got, first) {
			t.Fatalf("order %v gives %q, order 0 gives %q", perm, got, first)
		}
	}
	want := []string{"GET /a/b/{y}", "GET /a/{x}/c", "GET /a/b/{y}", "GET /{z}/b/c", "GET /a/b/c/", "GET /a/*"}
	if !reflect.DeepEqual(first, want) {
		t.Errorf("got %q, want %q", first, want)
	}
}

// permutations yields every permutation of 0..n-1.
func permutations(n int) func(func([]int) bool) {
	return func(yield func([]int) bool) {
		p := make([]int, n)
		for i := range p {
			p[i] = i
		}
		var gen func(k int) bool
		gen = func(k int) bool {
			if k == n {
				return yield(p)
			}
			for i := k; i < n; i++ {
				p[k], p[i] = p[i], p[k]
				if !gen(k + 1) {
					return false
				}
				p[k], p[i] = p[i], p[k]
			}
			return true
		}
		gen(0)
	}
}

func TestMethods(t *testing.T) {
	tr := build(t,
		"GET /items",
		"POST /items",
		"GET /items/{id}",
		"PUT /items/{id}",
		"DELETE /items/new",
		"HEAD /head-only",
		"PURGE /cache/{key}",
		"POST /form/*",
		"GET /form/{}",
	)
	checkLookups(t, tr, []lookupCase{
		{"GET", "/items", Found, "GET /items", nil, ""},
		{"POST", "/items", Found, "POST /items", nil, ""},
		{"HEAD", "/items", Found, "GET /items", nil, ""},
		{"PUT", "/items", MethodNotAllowed, "", nil, "GET, HEAD, POST"},
		{"get", "/items", MethodNotAllowed, "", nil, "GET, HEAD, POST"},
		{"BREW", "/items", MethodNotAllowed, "", nil, "GET, HEAD, POST"},
		// A less specific pattern serves a method the more specific lacks.
		{"GET", "/items/new", Found, "GET /items/{id}", []string{"new"}, ""},
		{"DELETE", "/items/new", Found, "DELETE /items/new", nil, ""},
		// Allow joins every matching pattern.
		{"POST", "/items/new", MethodNotAllowed, "", nil, "GET, HEAD, PUT, DELETE"},
		{"POST", "/items/7", MethodNotAllowed, "", nil, "GET, HEAD, PUT"},
		{"HEAD", "/head-only", Found, "HEAD /head-only", nil, ""},
		{"GET", "/head-only", MethodNotAllowed, "", nil, "HEAD"},
		{"PURGE", "/cache/k", Found, "PURGE /cache/{key}", []string{"k"}, ""},
		{"GET", "/cache/k", MethodNotAllowed, "", nil, "PURGE"},
		{"GET", "/form/a", Found, "GET /form/{}", []string{"a"}, ""},
		{"POST", "/form/a", Found, "POST /form/*", []string{"a"}, ""},
		{"GET", "/form/a/b", MethodNotAllowed, "", nil, "POST"},
		{"GET", "/nothing", NotFound, "", nil, ""},
	})
}

func TestExplicitHeadBeatsGet(t *testing.T) {
	tr := build(t, "GET /a", "HEAD /a")
	checkLookups(t, tr, []lookupCase{
		{"HEAD", "/a", Found, "HEAD /a", nil, ""},
		{"GET", "/a", Found, "GET /a", nil, ""},
	})
}

func TestEscaping(t *testing.T) {
	tr := build(t,
		"GET /files/{name}",
		"GET /files/{name}/raw",
		"GET /a%2Fb",
		"GET /caf%C3%A9/{x}",
		"GET /glob/{rest...}",
		"GET /user",
	)
	checkLookups(t, tr, []lookupCase{
		{"GET", "/files/a%2Fb", Found, "GET /files/{name}", []string{"a%2Fb"}, ""},
		{"GET", "/files/a%2Fb/raw", Found, "GET /files/{name}/raw", []string{"a%2Fb"}, ""},
		{"GET", "/files/a/b", NotFound, "", nil, ""},
		{"GET", "/a%2Fb", Found, "GET /a%2Fb", nil, ""},
		{"GET", "/a%2fb", Found, "GET /a%2Fb", nil, ""},
		{"GET", "/a/b", NotFound, "", nil, ""},
		{"GET", "/caf%c3%a9/1", Found, "GET /caf%C3%A9/{x}", []string{"1"}, ""},
		{"GET", "/us%65r", Found, "GET /user", nil, ""},
		{"GET", "/glob/a%2Fb/c", Found, "GET /glob/{rest...}", []string{"a%2Fb/c"}, ""},
		{"GET", "/files/%zz", BadPath, "", nil, ""},
		{"GET", "/nowhere/%", BadPath, "", nil, ""},
	})
	ps := tr.NewParams()
	tr.Lookup("GET", "/files/a%2Fb%20c", ps)
	if got := ps.Value(0); got != "a/b c" {
		t.Errorf("Value(0) = %q, want %q", got, "a/b c")
	}
}

func TestConflicts(t *testing.T) {
	for _, tc := range []struct {
		first, second string
		sample        string
	}{
		{"GET /users/{id}", "GET /users/{name}", "/users/name"},
		{"GET /users/{}", "GET /users/{id}", "/users/id"},
		{"GET /files/*", "GET /files/{path...}", "/files/path"},
		{"GET /a%2Fb", "GET /a%2fb", "/a%2Fb"},
		{"PURGE /x", "PURGE /x", "/x"},
	} {
		tr := New[int]()
		m1, p1, _ := strings.Cut(tc.first, " ")
		m2, p2, _ := strings.Cut(tc.second, " ")
		tr.MustAdd(m1, p1, 1)
		err := tr.Add(m2, p2, 2)
		var ce *ConflictError
		if !errors.As(err, &ce) {
			t.Errorf("%s then %s: err = %v, want *ConflictError", tc.first, tc.second, err)
			continue
		}
		if ce.Existing != p1 || ce.New != p2 || ce.Sample != tc.sample || ce.Method != m2 {
			t.Errorf("%s then %s: %+v", tc.first, tc.second, ce)
		}
		if !strings.HasSuffix(ce.At.File, "tree_test.go") || !strings.HasSuffix(ce.NewAt.File, "tree_test.go") || ce.At.Line == ce.NewAt.Line {
			t.Errorf("sources %s and %s do not point at the two calls", ce.At, ce.NewAt)
		}
		msg := err.Error()
		for _, want := range []string{p1, p2, tc.sample, "tree_test.go:"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q lacks %q", msg, want)
			}
		}
		if tr.Len() != 1 {
			t.Errorf("a failed Add changed the tree: Len = %d", tr.Len())
		}
	}
	// Not conflicts: other method, other shape, HEAD beside GET.
	build(t, "GET /a/{x}", "POST /a/{y}", "GET /a/b", "GET /a/*", "HEAD /a/{z}", "GET /a/{x}/")
}

func TestAddErrors(t *testing.T) {
	tr := New[int]()
	var pe *PatternError
	if err := tr.Add("GET", "/a/{", 1); !errors.As(err, &pe) {
		t.Errorf("bad pattern: %v", err)
	}
	for _, tc := range []struct{ method, standard string }{
		{"", ""}, {"GE T", ""}, {"GET\n", ""}, {"ÄÖ", ""},
		// Valid tokens, but methods are case-sensitive: these would never
		// serve a request.
		{"get", "GET"}, {"Post", "POST"}, {"pAtCh", "PATCH"}, {"options", "OPTIONS"},
	} {
		var me *MethodError
		err := tr.Add(tc.method, "/a", 1)
		if !errors.As(err, &me) || me.Standard != tc.standard || !strings.Contains(err.Error(), "/a") ||
			tc.standard != "" && !strings.Contains(err.Error(), `register "`+tc.standard+`"`) {
			t.Errorf("method %q: %v, want a *MethodError naming %q", tc.method, err, tc.standard)
		}
	}
	// A custom method in any case is the user's own.
	for _, m := range []string{"PURGE", "purge", "Report"} {
		if err := tr.Add(m, "/custom", 1); err != nil {
			t.Errorf("custom method %q: %v", m, err)
		}
	}
	var tm *TooManyMethodsError
	var err error
	for i := 0; err == nil; i++ {
		err = tr.Add("M"+strings.Repeat("X", i), "/m", i)
	}
	if !errors.As(err, &tm) {
		t.Errorf("too many methods: %v", err)
	}
	if want := maxMethods - numStandard; tr.Len() != want {
		t.Errorf("Len = %d, want %d", tr.Len(), want)
	}
	defer func() {
		if _, ok := recover().(*ConflictError); !ok {
			t.Error("MustAdd did not panic with *ConflictError")
		}
	}()
	tr.MustAdd("GET", "/x", 1)
	tr.MustAdd("GET", "/x", 2)
}

func TestManyMethodsAllow(t *testing.T) {
	tr := New[int]()
	var want []string
	for i := 0; i < maxMethods-numStandard; i++ {
		m := "M" + strings.Repeat("X", i)
		tr.MustAdd(m, "/m", i)
		want = append(want, m)
	}
	res := tr.Lookup("GET", "/m", tr.NewParams())
	if res.Status != MethodNotAllowed || res.Allow != strings.Join(want, ", ") {
		t.Errorf("got %v %q", res.Status, res.Allow)
	}
	last := want[len(want)-1]
	if res := tr.Lookup(last, "/m", tr.NewParams()); res.Status != Found || res.Route.Method != last {
		t.Errorf("Lookup(%s) = %+v", last, res)
	}
}

// TestRouteSets loads the real API tables and resolves a concrete request for
// every route to that route, with the right parameter values.
func TestRouteSets(t *testing.T) {
	sets := map[string][]routeset.Route{
		"github+disabled": append(routeset.Load(routeset.GitHub), routeset.Load(routeset.GitHubDisabled)...),
		"gplus":           routeset.Load(routeset.GPlus),
		"parse":           routeset.Load(routeset.Parse),
		"static":          routeset.Load(routeset.Static),
	}
	for name, routes := range sets {
		t.Run(name, func(t *testing.T) {
			tr := New[routeset.Route]()
			for _, r := range routes {
				if err := tr.Add(r.Method, routeset.Pattern(r.Path), r); err != nil {
					t.Fatal(err)
				}
			}
			if tr.Len() != len(routes) {
				t.Fatalf("Len = %d, want %d", tr.Len(), len(routes))
			}
			ps := tr.NewParams()
			for _, r := range routes {
				path := routeset.Request(r.Path)
				res := tr.Lookup(r.Method, path, ps)
				if plain := tr.LookupPlain(r.Method, path, tr.NewParams()); plain != res {
					t.Errorf("%s %s: LookupPlain gave %+v, Lookup %+v", r.Method, path, plain, res)
				}
				if res.Status != Found || res.Route.Value != r {
					t.Errorf("%s %s (%s) resolved to %+v\n%s", r.Method, path, r.Path, res, tr.Explain(r.Method, path))
					continue
				}
				names := res.Route.Pattern.Params()
				for i, n := range names {
					want := "v-" + n
					if i == len(names)-1 && res.Route.Pattern.HasGlob() {
						want = "r-" + n + "/x"
					}
					if ps.Value(i) != want {
						t.Errorf("%s %s: param %s = %q, want %q", r.Method, path, n, ps.Value(i), want)
					}
				}
			}
		})
	}
	if n := len(sets["github+disabled"]); n != 239 {
		t.Errorf("github+disabled has %d routes, want 239", n)
	}
}

func TestValueAfterPlainAndEscapedLookups(t *testing.T) {
	tr := build(t, "GET /f/{name}")
	ps := tr.NewParams() // one Params across lookups, as a pool reuses it
	for _, tc := range []struct {
		path, want string
		plain      bool // look it up with LookupPlain
	}{
		{"/f/a%20b", "a b", false},
		{"/f/plain", "plain", true},
		{"/f/a%2Fb", "a/b", false},
		{"/f/a+b", "a+b", false},
		{"/f/x", "x", true},
	} {
		lookup := tr.Lookup
		if tc.plain {
			lookup = tr.LookupPlain
		}
		if res := lookup("GET", tc.path, ps); res.Status != Found {
			t.Fatalf("%s: %v", tc.path, res.Status)
		}
		if got := ps.Value(0); got != tc.want {
			t.Errorf("%s: Value(0) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestLookupAllocs(t *testing.T) {
	tr := build(t,
		"GET /static/path/here",
		"GET /user/{name}",
		"GET /{a}/{b}/{c}/{d}/{e}",
		"GET /files/{path...}",
		"POST /only-post",
		"GET /esc/{x}",
	)
	ps := tr.NewParams()
	for _, tc := range []struct {
		name, method, path string
		status             Status
	}{
		{"static", "GET", "/static/path/here", Found},
		{"one param", "GET", "/user/gopher", Found},
		{"five params", "GET", "/1/2/3/4/5", Found},
		{"glob", "GET", "/files/a/b/c.txt", Found},
		{"escaped", "GET", "/esc/a%2Fb", Found},
		{"404", "GET", "/nowhere/at/all/x/y/z", NotFound},
		{"405", "GET", "/only-post", MethodNotAllowed},
		{"400", "GET", "/esc/%zz", BadPath},
	} {
		var res Result[string]
		allocs := testing.AllocsPerRun(100, func() { res = tr.Lookup(tc.method, tc.path, ps) })
		if res.Status != tc.status {
			t.Errorf("%s: status %v, want %v", tc.name, res.Status, tc.status)
		}
		if allocs != 0 {
			t.Errorf("%s: %v allocs per lookup, want 0", tc.name, allocs)
		}
	}
}

func TestParamsReset(t *testing.T) {
	tr := build(t, "GET /a/{x}/{y}")
	var ps Params // the zero value works; it grows on first use
	tr.Lookup("GET", "/a/1/2", &ps)
	if ps.Len() != 2 || ps.Raw(1) != "2" {
		t.Fatalf("params %q", raws(&ps))
	}
	ps.Reset()
	if ps.Len() != 0 || cap(ps.vals) < 2 || ps.path != "" {
		t.Errorf("Reset left %d values and the path %q", ps.Len(), ps.path)
	}
}

func TestTableString(t *testing.T) {
	tr := New[int]()
	src := Source{File: "app.go", Line: 10}
	for i, r := range []string{"GET /users/{id}", "POST /users", "GET /users/new", "GET /users", "GET /*", "DELETE /users/{id}"} {
		m, p, _ := strings.Cut(r, " ")
		src.Line++
		if err := tr.AddFrom(src, m, p, i); err != nil {
			t.Fatal(err)
		}
	}
	want := `GET     /users       app.go:14
POST    /users       app.go:12
GET     /users/new   app.go:13
GET     /users/{id}  app.go:11
DELETE  /users/{id}  app.go:16
GET     /*           app.go:15
`
	if got := tr.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{NotFound: "not found", Found: "found", MethodNotAllowed: "method not allowed", BadPath: "bad path", 99: "unknown status"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", s, s.String(), want)
		}
	}
	if (Source{}).String() != "unknown" {
		t.Error("zero Source")
	}
}
