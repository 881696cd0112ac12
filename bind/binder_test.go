package bind

import (
	"errors"
	"strings"
	"testing"
)

type bindOnly struct {
	ID   uint64 `path:"id"`
	Num  int    `query:"num"`
	Flag bool   `query:"flag"`
	Name string `query:"name"`
}

func TestBinder(t *testing.T) {
	b, err := NewBinder[bindOnly](Options{Params: []string{"id"}})
	if err != nil {
		t.Fatal(err)
	}
	req := newRequest("GET", "/x/42?num=5&flag=true&name=abc", "")
	var dst bindOnly
	if err := b.Bind(t.Context(), req, pathValues{"42"}, &dst); err != nil || dst != (bindOnly{42, 5, true, "abc"}) {
		t.Fatalf("Bind = %+v, %v", dst, err)
	}
	// Bind resets the destination: nothing of the last request survives.
	if err := b.Bind(t.Context(), newRequest("GET", "/x/1?num=2", ""), pathValues{"1"}, &dst); err != nil || dst != (bindOnly{1, 2, false, ""}) {
		t.Fatalf("second Bind = %+v, %v", dst, err)
	}
	err = b.Bind(t.Context(), newRequest("GET", "/x/y?num=z", ""), pathValues{"y"}, &dst)
	var be *Error
	if !errors.As(err, &be) || be.Status != 400 || len(be.Fields) != 2 || be.Fields[0].Key() != "path.id" || be.Fields[1].Key() != "query.num" {
		t.Errorf("errors: %v", err)
	}
	path := PathValues(pathValues{"42"})
	allocs := testing.AllocsPerRun(100, func() {
		if err := b.Bind(t.Context(), req, path, &dst); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Bind allocates %v times, want 0", allocs)
	}
}

func TestBinderErrors(t *testing.T) {
	if _, err := NewBinder[*bindOnly](Options{Params: []string{"id"}}); err == nil || !strings.Contains(err.Error(), "not a struct type") {
		t.Errorf("pointer type: %v", err)
	}
	if _, err := NewBinder[bindOnly](Options{}); err == nil || !strings.Contains(err.Error(), `path segment "id" is not in the route`) {
		t.Errorf("missing segment: %v", err)
	}
}
