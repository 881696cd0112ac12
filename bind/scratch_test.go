package bind

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/tideway-go/tideway/view"
)

type scratchQuery struct {
	Limit int    `query:"limit"`
	Tag   string `query:"tag"`
}

// TestScratch calls two plans, one plain and one through the general
// path, one after another through one Scratch: each call answers as a
// fresh struct would (fields a request does not send are zero, even after
// an error or a panic), the structs of a plan called twice in a row are
// reused, and calling another plan takes its own.
func TestScratch(t *testing.T) {
	plain, err := Compile(func(in plainIn) (plainIn, error) { return in, nil }, Options{Params: []string{"id", "name"}, States: []any{&appState{Name: "state"}}})
	if err != nil {
		t.Fatal(err)
	}
	panics := false
	query, err := Compile(func(q scratchQuery) scratchQuery {
		if panics {
			panic("handler panics")
		}
		return q
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !plain.plain || query.plain || !plain.zero || !query.zero {
		t.Fatalf("plain plan: plain %v zero %v; query plan: plain %v zero %v", plain.plain, plain.zero, query.plain, query.zero)
	}
	var s Scratch
	for i, tc := range []struct {
		plan    *Plan
		path    pathValues
		target  string
		headers []string
		panic   bool
		want    any // nil: a bind error (or the panic)
		reused  bool
	}{
		{plan: plain, path: pathValues{"1", "a"}, headers: []string{"X-N", "5", "X-F", "2.5"}, want: plainIn{ID: 1, Name: "a", N: 5, F: 2.5}},
		{plan: plain, path: pathValues{"2", "b"}, want: plainIn{ID: 2, Name: "b"}, reused: true},
		{plan: plain, path: pathValues{"3", "c"}, headers: []string{"X-N", "7", "X-F", "x"}, reused: true},
		{plan: plain, path: pathValues{"4", "d"}, want: plainIn{ID: 4, Name: "d"}, reused: true},
		{plan: query, target: "/?limit=3&tag=go", want: scratchQuery{Limit: 3, Tag: "go"}},
		{plan: query, target: "/?tag=x", want: scratchQuery{Tag: "x"}, reused: true},
		{plan: query, target: "/?limit=9&tag=y", panic: true},
		{plan: query, target: "/?limit=5", want: scratchQuery{Limit: 5}},
		{plan: plain, path: pathValues{"5", "e"}, want: plainIn{ID: 5, Name: "e"}},
		{plan: query, target: "/", want: scratchQuery{}},
	} {
		target := tc.target
		if target == "" {
			target = "/"
		}
		before := s.set
		panics = tc.panic
		out, err := callRecovering(tc.plan, &s, newRequest("GET", target, "", tc.headers...), tc.path)
		switch {
		case tc.panic:
			if err == nil || s.set != nil {
				t.Errorf("%d: panic: err %v, scratch structs %v; want the panic and none kept", i, err, s.set)
			}
			continue
		case tc.want == nil:
			if err == nil {
				t.Errorf("%d: got %v, want a bind error", i, out)
			}
		case err != nil:
			t.Errorf("%d: %v", i, err)
		default:
			if p, ok := out.(plainIn); ok {
				p.State = nil
				out = p
			}
			if !reflect.DeepEqual(out, tc.want) {
				t.Errorf("%d: got %+v, want %+v", i, out, tc.want)
			}
		}
		if s.plan != tc.plan || s.set == nil {
			t.Errorf("%d: the scratch does not hold the structs of the plan just called", i)
		}
		if reused := before != nil && s.set == before; reused != tc.reused {
			t.Errorf("%d: structs reused %v, want %v", i, reused, tc.reused)
		}
	}
}

// callRecovering is CallWith, with a panic of the handler returned as an
// error.
func callRecovering(p *Plan, s *Scratch, req view.Request, path pathValues) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return p.CallWith(s, newResponse(), req, path, 0)
}
