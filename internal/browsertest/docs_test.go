package browsertest

import (
	"slices"
	"strings"
	"testing"
)

func TestOperations(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec string
		want []string // nil with err
		err  bool
	}{
		{"plain", `{"paths":{"/b":{"post":{},"get":{}},"/a":{"delete":{"responses":{}}}}}`,
			[]string{"DELETE /a", "GET /b", "POST /b"}, false},
		{"not methods", `{"paths":{"/a":{"parameters":[],"summary":"x","x-get":{},"servers":[],"get":"not an object"}}}`, nil, false},
		{"all methods", `{"paths":{"/":{"get":{},"put":{},"post":{},"delete":{},"options":{},"head":{},"patch":{},"trace":{}}}}`,
			[]string{"DELETE /", "GET /", "HEAD /", "OPTIONS /", "PATCH /", "POST /", "PUT /", "TRACE /"}, false},
		{"path item by ref", `{"paths":{"/x":{"$ref":"#/components/pathItems/X"}},"components":{"pathItems":{"X":{"get":{}}}}}`,
			[]string{"GET /x"}, false},
		{"escaped ref", `{"paths":{"/x":{"$ref":"#/defs/a~1b%20c"}},"defs":{"a/b c":{"put":{}}}}`, []string{"PUT /x"}, false},
		{"ref into an array", `{"paths":{"/x":{"$ref":"#/list/1"}},"list":[{},{"get":{}}]}`, []string{"GET /x"}, false},
		{"ref chain", `{"paths":{"/x":{"$ref":"#/a"}},"a":{"$ref":"#/b"},"b":{"get":{}}}`, []string{"GET /x"}, false},
		{"ref cycle", `{"paths":{"/x":{"$ref":"#/a"}},"a":{"$ref":"#/a"}}`, nil, false},
		{"dangling ref", `{"paths":{"/x":{"$ref":"#/nowhere"},"/y":{"$ref":"other.json#/a"}}}`, nil, false},
		{"bad array index", `{"paths":{"/x":{"$ref":"#/list/01"}},"list":[{"get":{}},{"get":{}}]}`, nil, false},
		{"no paths", `{"openapi":"3.1.0","webhooks":{"w":{"post":{}}}}`, nil, false},
		{"not an object", `[1,2]`, nil, true},
		{"not JSON", `{"paths":`, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Operations([]byte(tc.spec))
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Operations = %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzOperations(f *testing.F) {
	for _, s := range []string{
		`{"paths":{"/b":{"post":{},"get":{}}}}`,
		`{"paths":{"/x":{"$ref":"#/a"}},"a":{"$ref":"#/a"}}`,
		`{"paths":{"/x":{"$ref":"#/list/1"}},"list":[{},{"get":{}}]}`,
		`{"paths":{"/x":{"$ref":"#/d/%zz"}},"d":{}}`,
		`{"paths":{"/x":{"$ref":"#"}},"get":{}}`,
		`{"paths":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		ops, err := Operations(spec)
		if err != nil {
			return
		}
		if !slices.IsSorted(ops) {
			t.Errorf("not sorted: %q", ops)
		}
		for _, op := range ops {
			method, _, ok := strings.Cut(op, " ")
			if !ok || !slices.Contains(methods[:], strings.ToLower(method)) {
				t.Errorf("operation %q", op)
			}
		}
	})
}

func TestCSSString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"GET /items/{id}", `"GET /items/{id}"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"line\nbreak\x7f", `"line\a break\7f "`},
		{"ünï", `"ünï"`},
	} {
		if got := cssString(tc.in); got != tc.want {
			t.Errorf("cssString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
