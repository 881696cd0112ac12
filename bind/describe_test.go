package bind

import (
	"context"
	"fmt"
	"mime/multipart"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/view"
)

func TestDescribe(t *testing.T) {
	type path struct {
		ID   uint64 `path:"id"`
		Name string `path:"name"`
	}
	type strings2 struct {
		A string  `path:"a"`
		H *string `header:"X-H"`
	}
	type glob struct {
		Rest []string `path:"rest"`
	}
	type query struct {
		Q string `query:"q" validate:"required"`
	}
	type header struct {
		N int `header:"X-N" validate:"omitempty,min=1"`
	}
	type mixed struct {
		ID   uint64    `path:"id"`
		Body string    `json:"body" validate:"required"`
		Tags []string  `json:"tags"`
		S    *appState `state:""`
	}
	type cookie struct {
		S string `cookie:"s"`
	}
	type cookieInt struct {
		N int `cookie:"n"`
	}
	type form struct {
		Name string                `form:"name" validate:"required"`
		File *multipart.FileHeader `form:"file"`
	}
	for _, tc := range []struct {
		name     string
		fn       any
		params   []string
		inputs   string // location.name(param)[!] for each input, ! when required
		statuses []int
		body     string // "" for no body, else "whole" or "part"
	}{
		{"nothing", func() {}, nil, "", nil, ""},
		{"parsed path", func(path) {}, []string{"id", "name"}, "path.id(0)! path.name(1)!", []int{400}, ""},
		{"strings cannot fail", func(strings2) {}, []string{"a"}, "path.a(0)! header.X-H", nil, ""},
		{"glob", func(glob) {}, []string{"rest..."}, "path.rest(0)!", nil, ""},
		{"query", func(query) {}, nil, "query.q!", []int{400, 422}, ""},
		{"validated header", func(header) {}, nil, "header.X-N", []int{400, 422}, ""},
		{"state left out, body in part", func(mixed) {}, []string{"id"}, "path.id(0)! body.body! body.tags", []int{400, 413, 415, 422}, "part"},
		{"whole body", func(message) {}, nil, "body.contents! body.author", []int{400, 413, 415, 422}, "whole"},
		{"cookie string", func(cookie) {}, nil, "cookie.s", []int{400}, ""},
		{"cookie int", func(cookieInt) {}, nil, "cookie.n", []int{400}, ""},
		{"form", func(form) {}, nil, "form.name! form.file", []int{400, 413, 415, 422}, ""},
		{"raw views and context", func(context.Context, view.Request, view.Response) {}, nil, "", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{Route: "GET /", Params: tc.params, States: []any{&appState{}}}
			if n := len(tc.params); n > 0 && strings.HasSuffix(tc.params[n-1], "...") {
				o.Params = slices.Clone(tc.params)
				o.Params[n-1] = strings.TrimSuffix(o.Params[n-1], "...")
				o.Glob = true
			}
			p, err := Compile(tc.fn, o)
			if err != nil {
				t.Fatal(err)
			}
			d := p.Describe()
			var got []string
			for _, in := range d.Inputs {
				s := in.Location + "." + in.Name
				if in.Param >= 0 {
					s += fmt.Sprintf("(%d)", in.Param)
				}
				if in.Required {
					s += "!"
				}
				got = append(got, s)
				if in.Type() != in.Struct.FieldByIndex(in.Field.Index).Type {
					t.Errorf("%s: Type %s, but the field at its index is %s", s, in.Type(), in.Struct.FieldByIndex(in.Field.Index).Type)
				}
			}
			if g := strings.Join(got, " "); g != tc.inputs {
				t.Errorf("inputs %q, want %q", g, tc.inputs)
			}
			if !slices.Equal(d.Statuses, tc.statuses) {
				t.Errorf("statuses %v, want %v", d.Statuses, tc.statuses)
			}
			body := ""
			if d.Body != nil {
				body = map[bool]string{true: "whole", false: "part"}[d.Body.Whole]
			}
			if body != tc.body {
				t.Errorf("body %q, want %q", body, tc.body)
			}
			if d.Route != "GET /" || !slices.Equal(d.Params, o.Params) || d.Glob != o.Glob {
				t.Errorf("route %q %v %v", d.Route, d.Params, d.Glob)
			}
		})
	}
}

func TestDescribeResults(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fn       any
		result   reflect.Type
		err      bool
		response bool
	}{
		{"none", func() {}, nil, false, false},
		{"error", func() error { return nil }, nil, true, false},
		{"value", func() message { return message{} }, reflect.TypeFor[message](), false, false},
		{"both", func() (*message, error) { return nil, nil }, reflect.TypeFor[*message](), true, false},
		{"response", func(view.Response) {}, nil, false, true},
	} {
		p, err := Compile(tc.fn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		d := p.Describe()
		if d.Result != tc.result || d.Error != tc.err || d.TakesResponse != tc.response || d.Handler != p.Name() {
			t.Errorf("%s: %+v", tc.name, d)
		}
	}
}

// TestDescribeCopies checks that a Description cannot change the plan.
func TestDescribeCopies(t *testing.T) {
	type in struct {
		ID uint64 `path:"id"`
	}
	p, err := Compile(func(in) {}, Options{Params: []string{"id"}})
	if err != nil {
		t.Fatal(err)
	}
	d := p.Describe()
	d.Params[0] = "changed"
	d.Inputs[0].Field.Index[0] = 9
	if again := p.Describe(); again.Params[0] != "id" || again.Inputs[0].Field.Index[0] != 0 {
		t.Errorf("a Description changed the plan: %+v", again)
	}
}
