package route

import (
	"fmt"
	"strings"
	"testing"
)

// dump prints the shape of the tree under n, one node a line, indented by
// depth: static children as their quoted text (slash nodes marked), then
// "{}" and "*", and "=" for a node with routes.
func dump(n *node) string {
	var b strings.Builder
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		if n.leaf != nil {
			fmt.Fprintf(&b, "%s=\n", strings.Repeat("  ", depth))
		}
		if n.empty != nil {
			fmt.Fprintf(&b, "%s\"\"\n", strings.Repeat("  ", depth))
			walk(n.empty, depth+1)
		}
		for _, c := range n.statics {
			mark := ""
			if c.slash {
				mark = " (slash)"
			}
			fmt.Fprintf(&b, "%s%q%s\n", strings.Repeat("  ", depth), c.text, mark)
			walk(c, depth+1)
		}
		if n.param != nil {
			fmt.Fprintf(&b, "%s{}\n", strings.Repeat("  ", depth))
			walk(n.param, depth+1)
		}
		if n.glob != nil {
			fmt.Fprintf(&b, "%s*\n", strings.Repeat("  ", depth))
		}
	}
	walk(n, 0)
	return b.String()
}

// TestChains checks how chains of literal segments are kept and split, in
// every registration order.
func TestChains(t *testing.T) {
	for _, tc := range []struct {
		name   string
		routes []string
		want   string
	}{
		{"one chain", []string{"GET /a/b/c"}, `
"a/b/c"
  =
`},
		{"split by a sibling", []string{"GET /a/b/c", "GET /a/b/d/e"}, `
"a/b"
  "c"
    =
  "d/e"
    =
`},
		{"split by a route", []string{"GET /a/b/c", "GET /a"}, `
"a"
  =
  "b/c"
    =
`},
		{"split by a param", []string{"GET /a/b/c", "GET /a/{x}/c"}, `
"a"
  "b/c"
    =
  {}
    "c"
      =
`},
		{"split by a glob", []string{"GET /a/b/c", "GET /a/b/*"}, `
"a/b"
  "c"
    =
  *
`},
		{"split twice", []string{"GET /a/b/c/d", "GET /a/b", "GET /a/b/c/x", "GET /a/y"}, `
"a"
  "b"
    =
    "c"
      "d"
        =
      "x"
        =
  "y"
    =
`},
		{"empty segment stops a chain", []string{"GET /x//y/z"}, `
"x"
  ""
    "y/z"
      =
`},
		{"trailing slash stops a chain", []string{"GET /x/y/", "GET /x/y"}, `
"x/y"
  =
  ""
    =
`},
		{"escaped slash stops a chain", []string{"GET /a/b%2Fc/d/e"}, `
"a"
  "b/c" (slash)
    "d/e"
      =
`},
		{"slash node beside a chain", []string{"GET /a%2Fb", "GET /a/b", "GET /a%2Fb/c"}, `
"a/b"
  =
"a/b" (slash)
  =
  "c"
    =
`},
		{"sorted by first segment", []string{"GET /ab/x", "GET /ab-c"}, `
"ab/x"
  =
"ab-c"
  =
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for perm := range permutations(len(tc.routes)) {
				routes := make([]string, len(tc.routes))
				for i, j := range perm {
					routes[i] = tc.routes[j]
				}
				tr := build(t, routes...)
				if got := "\n" + dump(&tr.root); got != tc.want {
					t.Fatalf("order %q: tree\n%s\nwant%s", routes, got, tc.want)
				}
			}
		})
	}
}

// TestChainLookups resolves paths against chains: escapes inside a chain,
// "%2F" that must not stand for a chain's '/', and empty segments.
func TestChainLookups(t *testing.T) {
	tr := build(t,
		"GET /a/b/c",
		"GET /a/b/c/d/e",
		"GET /a%2Fb/c",
		"GET /{x}/b/{y}",
		"GET /x//y",
		"GET /x/{p}/y",
		"GET /long/segment-name/more",
		"GET /long/segment-nam",
		"DELETE /a/b/c/d/e",
	)
	checkLookups(t, tr, []lookupCase{
		{"GET", "/a/b/c", Found, "GET /a/b/c", nil, ""},
		{"GET", "/a/%62/c", Found, "GET /a/b/c", nil, ""},
		{"GET", "/%61/b/%63", Found, "GET /a/b/c", nil, ""},
		{"GET", "/a%2Fb/c", Found, "GET /a%2Fb/c", nil, ""},
		{"GET", "/a%2fb/c", Found, "GET /a%2Fb/c", nil, ""},
		{"GET", "/a/b%2Fc", NotFound, "", nil, ""},
		{"GET", "/a/b/c/d/e", Found, "GET /a/b/c/d/e", nil, ""},
		{"GET", "/a/b/c%2Fd/e", NotFound, "", nil, ""},
		{"GET", "/a/b/c/d", NotFound, "", nil, ""},
		{"GET", "/a/b/c/d/", NotFound, "", nil, ""},
		{"GET", "/a/b/c/", NotFound, "", nil, ""},
		{"GET", "/a/b/cd", Found, "GET /{x}/b/{y}", []string{"a", "cd"}, ""},
		{"GET", "/a/b/x", Found, "GET /{x}/b/{y}", []string{"a", "x"}, ""},
		{"GET", "/a/bc/c", NotFound, "", nil, ""},
		{"GET", "/x//y", Found, "GET /x//y", nil, ""},
		{"GET", "/x/%2F/y", Found, "GET /x/{p}/y", []string{"%2F"}, ""},
		{"GET", "/x///y", NotFound, "", nil, ""},
		{"GET", "/long/segment-name/more", Found, "GET /long/segment-name/more", nil, ""},
		{"GET", "/long/segment-nam", Found, "GET /long/segment-nam", nil, ""},
		{"GET", "/long/segment-namX/more", NotFound, "", nil, ""},
		{"GET", "/long/segment-name/mor", NotFound, "", nil, ""},
		{"GET", "/long/segment-nam%65/more", Found, "GET /long/segment-name/more", nil, ""},
		{"POST", "/a/b/c/d/e", MethodNotAllowed, "", nil, "GET, HEAD, DELETE"},
		{"HEAD", "/a/b/c/d/e", Found, "GET /a/b/c/d/e", nil, ""},
	})
}

// TestExactTable checks the table of fully literal paths on its own,
// through enough keys to grow it several times.
func TestExactTable(t *testing.T) {
	var e exactTable
	if e.get("/a") != nil {
		t.Fatal("empty table found /a")
	}
	leaves := map[string]*leaf{}
	for i := range 300 {
		key := fmt.Sprintf("/k/%d%s", i, strings.Repeat("x", i%13))
		l := &leaf{}
		leaves[key] = l
		e.put(key, l)
	}
	for key, l := range leaves {
		if e.get(key) != l {
			t.Errorf("get(%q) is not its leaf", key)
		}
		if e.get(key+"/") != nil || e.get(key+"y") != nil {
			t.Errorf("get found a neighbour of %q", key)
		}
	}
	for _, tc := range []struct {
		segs string
		key  string
		ok   bool
	}{
		{"/", "/", true},
		{"/a/b", "/a/b", true},
		{"/x//y/", "/x//y/", true},
		{"/a%2Fb", "", false},
		{"/a%25b", "", false},
		{"/us%65r", "/user", true},
		{"/a/{x}", "", false},
		{"/a/*", "", false},
	} {
		key, ok := exactKey(MustParse(tc.segs).segments())
		if key != tc.key || ok != tc.ok {
			t.Errorf("exactKey(%s) = %q, %v; want %q, %v", tc.segs, key, ok, tc.key, tc.ok)
		}
	}
}

// TestSegmentEnd checks the eight-bytes-at-a-time search for '/' that the
// lookup uses for {} segments, at every offset of the slash.
func TestSegmentEnd(t *testing.T) {
	tr := build(t, "GET /{a}/{b}", "GET /{a}")
	for n := 1; n <= 40; n++ {
		for _, c := range []string{"x", "\xaf", "\x2e", "\x30", "\xff"} {
			seg := strings.Repeat(c, n)
			ps := tr.NewParams()
			res := tr.Lookup("GET", "/"+seg+"/z", ps)
			if res.Status != Found || ps.Len() != 2 || ps.Raw(0) != seg || ps.Raw(1) != "z" {
				t.Fatalf("/%s/z: %v %q", seg, res.Status, raws(ps))
			}
			res = tr.Lookup("GET", "/"+seg, ps)
			if res.Status != Found || ps.Len() != 1 || ps.Raw(0) != seg {
				t.Fatalf("/%s: %v %q", seg, res.Status, raws(ps))
			}
		}
	}
}
