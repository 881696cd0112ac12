package route

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in    string
		shape string
		names []string
	}{
		{"/", "/", nil},
		{"/users", "/users", nil},
		{"/users/", "/users/", nil},
		{"/users/{id}", "/users/{}", []string{"id"}},
		{"/users/{}/help", "/users/{}/help", []string{""}},
		{"/{}/{}", "/{}/{}", []string{"", ""}},
		{"/files/*", "/files/*", []string{""}},
		{"/files/{path...}", "/files/*", []string{"path"}},
		{"/*", "/*", []string{""}},
		{"/a//b", "/a//b", nil},
		{"/a%2Fb/c", "/a%2Fb/c", nil},
		{"/caf%C3%A9", "/caf%C3%A9", nil},
		{"/v1/things:batchGet", "/v1/things:batchGet", nil},
		{"/{_x1}/{Y}", "/{}/{}", []string{"_x1", "Y"}},
	} {
		p, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if p.String() != tc.in {
			t.Errorf("Parse(%q).String() = %q", tc.in, p.String())
		}
		if got := p.Shape(); got != tc.shape {
			t.Errorf("Parse(%q).Shape() = %q, want %q", tc.in, got, tc.shape)
		}
		if got := p.Params(); !reflect.DeepEqual(got, tc.names) {
			t.Errorf("Parse(%q).Params() = %q, want %q", tc.in, got, tc.names)
		}
		if p.NumParams() != len(tc.names) {
			t.Errorf("Parse(%q).NumParams() = %d, want %d", tc.in, p.NumParams(), len(tc.names))
		}
		if _, ok := p.Match(p.Sample()); !ok {
			t.Errorf("Parse(%q) does not match its own sample %q", tc.in, p.Sample())
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in     string
		offset int
		msg    string
	}{
		{"", 0, "empty pattern"},
		{"users", 0, "must start with"},
		{"/users/{id", 7, "without a closing"},
		{"/users/{id}x", 11, "whole segment"},
		{"/users/x{id}", 8, "inside a literal"},
		{"/users/}", 7, "inside a literal"},
		{"/files/*/x", 7, "must be the last"},
		{"/files/{p...}/x", 7, "must be the last"},
		{"/{id}/{id}", 6, "duplicate parameter name \"id\""},
		{"/{id}/{id...}", 6, "duplicate parameter name"},
		{"/{...}", 1, "needs a name"},
		{"/{1a}", 2, "must be letters"},
		{"/{a-b}", 3, "must be letters"},
		{"/:id", 1, "write \"{id}\""},
		{"/*path", 1, "write \"{path...}\""},
		{"/a%zz", 2, "invalid percent-escape"},
		{"/a%2", 2, "invalid percent-escape"},
	} {
		_, err := Parse(tc.in)
		var pe *PatternError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want *PatternError", tc.in, err)
			continue
		}
		if pe.Offset != tc.offset || !strings.Contains(pe.Error(), tc.msg) || pe.Pattern != tc.in {
			t.Errorf("Parse(%q) = %q at %d, want offset %d and %q", tc.in, pe.Error(), pe.Offset, tc.offset, tc.msg)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if _, ok := recover().(*PatternError); !ok {
			t.Error("MustParse did not panic with *PatternError")
		}
	}()
	MustParse("nope")
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		vals          []string
		ok            bool
	}{
		{"/", "/", nil, true},
		{"/", "/a", nil, false},
		{"/a", "/a/", nil, false},
		{"/a/", "/a/", nil, true},
		{"/a/{x}", "/a/b", []string{"b"}, true},
		{"/a/{x}", "/a/", nil, false},
		{"/a/{x}", "/a/b/c", nil, false},
		{"/a/{x}", "/a/b%2Fc", []string{"b%2Fc"}, true},
		{"/a/*", "/a", nil, false},
		{"/a/*", "/a/", []string{""}, true},
		{"/a/{p...}", "/a/b/c/", []string{"b/c/"}, true},
		{"/*", "/", []string{""}, true},
		{"/caf%C3%A9", "/caf%c3%a9", nil, true},
		{"/a%2Fb", "/a/b", nil, false},
		{"/a%2Fb", "/a%2fb", nil, true},
		{"/user", "/us%65r", nil, true},
		{"/x", "x", nil, false},
	} {
		vals, ok := MustParse(tc.pattern).Match(tc.path)
		if ok != tc.ok || !reflect.DeepEqual(vals, tc.vals) {
			t.Errorf("%s.Match(%q) = %q, %v; want %q, %v", tc.pattern, tc.path, vals, ok, tc.vals, tc.ok)
		}
	}
}

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"/users/new", "/users/{}", +1},
		{"/users/{}", "/users/*", +1},
		{"/users/new", "/users/*", +1},
		{"/{p}/z", "/x/a", -1},
		{"/x/{}", "/{}/z", +1},
		{"/a/{}/c", "/a/{}/{}", +1},
		{"/a/{x}", "/a/{y}", 0},
		{"/a", "/b", 0},
		{"/a/*", "/a/{}/b", -1},
	} {
		a, b := MustParse(tc.a), MustParse(tc.b)
		if got := Compare(a, b); got != tc.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Compare(b, a); got != -tc.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}

func TestSample(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/users/{id}/files/{path...}", "/users/id/files/path"},
		{"/users/{}/*", "/users/x/rest"},
		{"/a%2Fb/%7B", "/a%2Fb/%7B"},
	} {
		if got := MustParse(tc.in).Sample(); got != tc.want {
			t.Errorf("Sample(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Glob: "*", Param: "{}", Literal: "literal"} {
		if k.String() != want {
			t.Errorf("%d.String() = %q, want %q", k, k.String(), want)
		}
	}
}
