package fasthttp

import (
	"net/url"
	"testing"
	"unsafe"
)

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		uri               string
		path, query, host string
		ok                bool
	}{
		{"/", "/", "", "", true},
		{"/items/7?limit=5;tag=x", "/items/7", "limit=5;tag=x", "", true},
		{"/a%2Fb/%2e%2e/../c", "/a%2Fb/%2e%2e/../c", "", "", true},
		{"/a?", "/a", "", "", true},
		{"/a??b", "/a", "?b", "", true},
		{"/q?x=%zz", "/q", "x=%zz", "", true},
		{"/caf\xc3\xa9", "/caf%C3%A9", "", "", true},
		{"/a#b?c", "/a%23b", "c", "", true},
		{"/a b", "/a%20b", "", "", true},
		{"/!$&'()*+,;=:@[]~", "/!$&'()*+,;=:@[]~", "", "", true},
		{"*", "*", "", "", true},
		{"/abcdefghij%2Fk?q=1", "/abcdefghij%2Fk", "q=1", "", true}, // past the first eight bytes
		{"/abcdefgh?q=1", "/abcdefgh", "q=1", "", true},
		{"/abcdefghijkl mn", "/abcdefghijkl%20mn", "", "", true},
		{"/abcdefghijkl%zz", "", "", "", false},
		{"http://Example.com:80/x%2Fy?q=1", "/x%2Fy", "q=1", "Example.com:80", true},
		{"http://example.com", "", "", "example.com", true},
		{"/a%zz", "", "", "", false},
		{"/a%2", "", "", "", false},
		{"/a%", "", "", "", false},
		{"a/b", "", "", "", false},
		{"", "", "", "", false},
	} {
		got, ok := parseTarget([]byte(tc.uri))
		want := target{tc.path, tc.query, tc.host}
		if ok != tc.ok || ok && got != want {
			t.Errorf("parseTarget(%q) = %+v, %v; want %+v, %v", tc.uri, got, ok, want, tc.ok)
		}
	}
}

// FuzzParseTarget checks the fast path against net/url, which net/http's
// server uses to parse the request-target.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"/", "/a%2Fb?x", "/%zz", "/é", "/a#b", "*", "http://h/p?q", "/a?b#c", "/%41"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		got, ok := parseTarget([]byte(uri))
		u, err := url.ParseRequestURI(uri)
		if uri == "*" {
			return // ParseRequestURI accepts it too; its EscapedPath is "*"
		}
		if (err == nil) != ok {
			t.Fatalf("parseTarget(%q) ok = %v, net/url err = %v", uri, ok, err)
		}
		if ok && (got.path != u.EscapedPath() || got.query != u.RawQuery || got.host != u.Host) {
			t.Fatalf("parseTarget(%q) = %+v; net/url %q %q %q", uri, got, u.EscapedPath(), u.RawQuery, u.Host)
		}
	})
}

// TestParseTargetReuse checks that the previous path is handed out again
// when the path is the same, and which paths are plain.
func TestParseTargetReuse(t *testing.T) {
	prev := "/items/7"
	for _, tc := range []struct {
		uri           string
		reused, plain bool
	}{
		{"/items/7", true, true},
		{"/items/7?x=1", true, true},
		{"/items/8", false, true},
		{"/items/7/", false, true},
		{"/a%2Fb", false, false},
		{"/a b", false, false}, // net/url escapes it: not plain
		{"*", false, true},
	} {
		got, plain, ok := parseTargetReuse([]byte(tc.uri), prev)
		want, wantOK := parseTarget([]byte(tc.uri))
		if !ok || !wantOK || got != want {
			t.Errorf("parseTargetReuse(%q) = %+v, %v; parseTarget gives %+v, %v", tc.uri, got, ok, want, wantOK)
		}
		if reused := unsafe.StringData(got.path) == unsafe.StringData(prev); reused != tc.reused || plain != tc.plain {
			t.Errorf("parseTargetReuse(%q): reused %v, plain %v; want %v, %v", tc.uri, reused, plain, tc.reused, tc.plain)
		}
	}
}

// TestRequestParseTarget serves a sequence of targets with one request
// view, as pooled views are: each gives what parseTargetReuse gives, the
// previous path's string is handed out again when the path repeats, and
// an invalid target leaves the previous one in place.
func TestRequestParseTarget(t *testing.T) {
	var q request
	for i, tc := range []struct {
		uri    string
		reused bool // the path is the previous one's string
	}{
		{"/items/7", false},
		{"/items/7", true}, // answered from memory
		{"/items/7", true},
		{"/items/7?x=1", true},
		{"/items/7", true}, // scanned again: the previous target had a query
		{"/items/8", false},
		{"/a%2Fb", false},
		{"/a%2Fb", true},          // not plain: scanned again
		{"/a b", false},           // escaped: parseSlow
		{"/a%20b", true},          // the same path, now sent escaped
		{"http://h/a%20b", false}, // parseSlow makes a new string
		{"/a%20b", true},
		{"*", false},
		{"*", true},
		{"/%zz", false}, // invalid
		{"*", true},
		{"/x", false},
		{"/x?", true},
		{"/x", true},
	} {
		prev := q.t
		plain, ok := q.parseTarget([]byte(tc.uri))
		want, wantPlain, wantOK := parseTargetReuse([]byte(tc.uri), "")
		if ok != wantOK || plain != wantPlain {
			t.Errorf("%d: parseTarget(%q) = %v, %v; want %v, %v", i, tc.uri, plain, ok, wantPlain, wantOK)
		}
		if !ok {
			if q.t != prev {
				t.Errorf("%d: parseTarget(%q) failed but changed the target to %+v", i, tc.uri, q.t)
			}
			continue
		}
		if q.t != want {
			t.Errorf("%d: parseTarget(%q) set %+v, want %+v", i, tc.uri, q.t, want)
		}
		if reused := unsafe.StringData(q.t.path) == unsafe.StringData(prev.path); reused != tc.reused {
			t.Errorf("%d: parseTarget(%q): path reused %v, want %v", i, tc.uri, reused, tc.reused)
		}
	}
}

// FuzzRequestParseTarget checks that what a request remembers of the
// previous target never changes the answer for the next: each target of
// a sequence, parsed on one request view, gives what it gives alone.
func FuzzRequestParseTarget(f *testing.F) {
	for _, s := range [][2]string{{"/a", "/a"}, {"/a", "/a?"}, {"/a?", "/a"}, {"/a b", "/a%20b"},
		{"*", "*"}, {"/a", "/%zz"}, {"http://h/a", "/a"}, {"/a%2F", "/a%2F"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var q request
		for _, uri := range []string{a, b, b, a} {
			prev := q.t
			plain, ok := q.parseTarget([]byte(uri))
			want, wantPlain, wantOK := parseTargetReuse([]byte(uri), "")
			if ok != wantOK || plain != wantPlain || ok && q.t != want || !ok && q.t != prev {
				t.Fatalf("after %q, %q: parseTarget(%q) = %v, %v, %+v; want %v, %v, %+v",
					a, b, uri, plain, ok, q.t, wantPlain, wantOK, want)
			}
		}
	})
}
