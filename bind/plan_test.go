package bind

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/view"
)

type byID struct {
	ID uint64 `path:"id"`
}

type message struct {
	Contents string  `json:"contents" validate:"required,max=10"`
	Author   *string `json:"author,omitempty"`
}

type appState struct{ Name string }

type stateField struct {
	S *appState `state:""`
}

func TestCompileErrors(t *testing.T) {
	type twoTags struct {
		ID int `path:"id" query:"id"`
	}
	type badPathType struct {
		ID map[string]int `path:"id"`
	}
	type badQueryType struct {
		M map[string]int `query:"m"`
	}
	type wrongState struct {
		S *strings.Builder `state:""`
	}
	type badValidate struct {
		X int `query:"x" validate:"reqired"`
	}
	type unexported struct {
		id int `path:"id"`
	}
	type noTags struct{ X int }
	type missingName struct {
		X string `header:""`
	}
	type globInt struct {
		Rest int `path:"rest"`
	}
	type confusing struct {
		Limit int    `query:"id"`
		ID    string `path:"id"`
	}
	type caseFold struct {
		Lower string `query:"a"`
		Upper string `query:"A"`
	}
	_ = unexported{}.id
	for _, tc := range []struct {
		name   string
		fn     any
		params []string
		glob   bool
		want   string // part of the message
		field  string
	}{
		{"not a func", 42, nil, false, "handler (int): is not a func; a handler is a func", ""},
		{"nil", nil, nil, false, "handler (<nil>): is not a func; a handler is a func", ""},
		{"nil func", (func())(nil), nil, false, "handler (func()): is a nil func; a handler is a func", ""},
		{"path field with no segment", func(byID) {}, nil, false, `path segment "id" is not in the route; the route has no parameters`, "byID.ID"},
		{"segment with no field", func() {}, []string{"id"}, false, "route parameter {id} is not bound", ""},
		{"anonymous segment with no field", func() {}, []string{""}, false, "unnamed segment 1 is not bound", ""},
		{"path field bound twice", func(byID, byID) {}, []string{"id"}, false, `path segment "id" is bound twice`, "byID.ID"},
		{"unsupported path type", func(badPathType) {}, []string{"id"}, false, "cannot be parsed into", "badPathType.ID"},
		{"unsupported query type", func(badQueryType) {}, nil, false, "query string cannot be decoded", "badQueryType.M"},
		{"glob into int", func(globInt) {}, []string{"rest"}, true, "trailing glob", "globInt.Rest"},
		{"two body structs", func(message, message) {}, nil, false, "second body struct", ""},
		{"state without state", func(stateField) {}, nil, false, "the app has no state", "stateField.S"},
		{"state type mismatch", func(wrongState) {}, nil, false, "but the app's state is", "wrongState.S"},
		{"non-struct parameter", func(int) {}, nil, false, "parameter 1 has type int", ""},
		{"context not first", func(byID, context.Context) {}, []string{"id"}, false, "context.Context must be the first", ""},
		{"three results", func() (int, int, error) { return 0, 0, nil }, nil, false, "returns 3 results", ""},
		{"second result not error", func() (int, int) { return 0, 0 }, nil, false, "second result is int", ""},
		{"two errors", func() (error, error) { return nil, nil }, nil, false, "returns (error, error)", ""},
		{"variadic", func(...byID) {}, nil, false, "variadic", ""},
		{"unknown validate tag", func(badValidate) {}, nil, false, "bad validate tag", ""},
		{"conflicting tags", func(twoTags) {}, []string{"id"}, false, "has tags path and query", "twoTags.ID"},
		{"unexported tagged field", func(unexported) {}, []string{"id"}, false, "is unexported", "unexported.id"},
		{"struct with nothing to bind", func(noTags) {}, nil, false, "has no path:, query:", ""},
		{"header without a name", func(missingName) {}, nil, false, "header tag needs a header name", "missingName.X"},
		{"query key that gorilla/schema would confuse", func(confusing) {}, []string{"id"}, false, "would confuse", "confusing.Limit"},
		{"query keys that differ in case", func(caseFold) {}, nil, false, `query key "A" is also the key, up to case, of field caseFold.Lower`, "caseFold.Upper"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.fn, Options{Route: "GET /x", Params: tc.params, Glob: tc.glob, States: []any{&appState{}}[:stateCount(tc.want)]})
			var pe *PlanError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *PlanError", err)
			}
			if !strings.Contains(pe.Error(), tc.want) || pe.Field != tc.field || pe.Route != "GET /x" || !strings.Contains(pe.Error(), "GET /x: handler ") {
				t.Errorf("got %q (field %q), want %q (field %q)", pe.Error(), pe.Field, tc.want, tc.field)
			}
		})
	}
}

// stateCount gives the state-mismatch case an app state and the no-state
// case none.
func stateCount(want string) int {
	if strings.Contains(want, "no state") {
		return 0
	}
	return 1
}

func TestPlanErrorMessage(t *testing.T) {
	_, err := Compile(func(byID) {}, Options{Route: "GET /users/{name}", Params: []string{"name"}})
	want := `bind: GET /users/{name}: handler github.com/tideway-go/tideway/bind.TestPlanErrorMessage.func1: field byID.ID: path segment "id" is not in the route; the route has {name}`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestResults(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		fn      any
		hasR    bool
		wantOut any
		wantErr error
	}{
		{"nothing", func() {}, false, nil, nil},
		{"error nil", func() error { return nil }, false, nil, nil},
		{"error", func() error { return boom }, false, nil, boom},
		{"value", func() int { return 7 }, true, 7, nil},
		{"value and error", func() (string, error) { return "x", boom }, true, nil, boom}, // the error wins
		{"context", func(ctx context.Context) string { return ctx.Value(ctxKey{}).(string) }, true, "ctx value", nil},
		{"raw views", func(r view.Request, w view.Response) string { return r.Method() }, true, "GET", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Compile(tc.fn, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.HasResult() != tc.hasR {
				t.Errorf("HasResult = %v", p.HasResult())
			}
			req := newRequest("GET", "/", "")
			req.Ctx = context.WithValue(context.Background(), ctxKey{}, "ctx value")
			out, err := p.Call(newResponse(), req, noPath{}, 0)
			if out != tc.wantOut || err != tc.wantErr {
				t.Errorf("Call = %v, %v; want %v, %v", out, err, tc.wantOut, tc.wantErr)
			}
		})
	}
}

type ctxKey struct{}

type noPath struct{}

func (noPath) Value(int) string { panic("no path values") }
func (noPath) Raw(int) string   { panic("no path values") }

// TestPooledParamsDoNotLeak checks that by-value parameter structs, which
// are bound into pooled storage, reach the handler as copies: what one
// request's handler kept does not change when the storage is reused.
func TestPooledParamsDoNotLeak(t *testing.T) {
	type in struct {
		Tags []string `query:"tag"`
		N    *int     `query:"n"`
		Name string   `query:"name"`
	}
	var kept []in
	p, err := Compile(func(v in) { kept = append(kept, v) }, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"tag=a&tag=b&n=1&name=x", "tag=c&n=2", "name=y"} {
		if _, err := p.Call(newResponse(), newRequest("GET", "/?"+q, ""), noPath{}, 0); err != nil {
			t.Fatal(err)
		}
	}
	if len(kept) != 3 || strings.Join(kept[0].Tags, ",") != "a,b" || *kept[0].N != 1 || kept[0].Name != "x" ||
		strings.Join(kept[1].Tags, ",") != "c" || *kept[1].N != 2 || kept[1].Name != "" ||
		kept[2].Tags != nil || kept[2].N != nil || kept[2].Name != "y" {
		t.Errorf("kept %+v", kept)
	}
}

// TestDirect checks Options.Direct: the binder passes each parameter as
// documented (context, views, and a pointer to every bound struct, also
// for a by-value one, pooled and zeroed after the call), and Compile
// refuses a Direct for a handler it cannot serve.
func TestDirect(t *testing.T) {
	type in struct {
		Name string `query:"name"`
	}
	handler := func(ctx context.Context, v in, p *in, r view.Request) (string, error) {
		return ctx.Value(ctxKey{}).(string) + " " + v.Name + " " + p.Name + " " + r.Method(), nil
	}
	var seen []*in  // the by-value parameter's storage, as Direct saw it
	var views []any // the views Direct got
	direct := func(w view.Response, r view.Request, a0, a1, a2, a3 any) (any, error) {
		v := a1.(*in)
		seen = append(seen, v)
		views = append(views, w, r)
		return handler(a0.(context.Context), *v, a2.(*in), a3.(view.Request))
	}
	p, err := Compile(handler, Options{Direct: direct})
	if err != nil {
		t.Fatal(err)
	}
	req := newRequest("GET", "/?name=ann", "")
	req.Ctx = context.WithValue(context.Background(), ctxKey{}, "ctx")
	resp := newResponse()
	out, err := p.Call(resp, req, noPath{}, 0)
	if out != "ctx ann ann GET" || err != nil {
		t.Errorf("Call = %v, %v", out, err)
	}
	if len(views) != 2 || views[0] != view.Response(resp) || views[1] != view.Request(req) {
		t.Errorf("Direct got the views %v, want the response and request given to Call", views)
	}
	if len(seen) != 1 || seen[0].Name != "" {
		t.Errorf("the pooled struct was not zeroed after the call: %+v", seen)
	}

	// The handler is not called when binding fails.
	if _, err := p.Call(newResponse(), newRequest("GET", "/?nope=1", ""), noPath{}, 0); err == nil || len(seen) != 1 {
		t.Errorf("unknown key: err %v, calls %d", err, len(seen))
	}

	// An error drops the value, as without Direct.
	boom := errors.New("boom")
	p, err = Compile(func() (int, error) { return 1, boom }, Options{Direct: func(_ view.Response, _ view.Request, _, _, _, _ any) (any, error) { return 1, boom }})
	if err != nil {
		t.Fatal(err)
	}
	if out, err := p.Call(newResponse(), req, noPath{}, 0); out != nil || err != boom {
		t.Errorf("Call = %v, %v; want <nil>, boom", out, err)
	}

	for _, fn := range []any{
		func() error { return nil },
		func() int { return 0 },
		func() {},
		func(in, in, in, in, in) (int, error) { return 0, nil },
	} {
		_, err := Compile(fn, Options{Direct: direct})
		var pe *PlanError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "called directly") {
			t.Errorf("Compile(%T) with Direct: %v, want a *PlanError", fn, err)
		}
	}
}
