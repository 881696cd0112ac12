package openapi

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
)

// endpoint compiles fn for method and pattern, as tideway does.
func endpoint(t *testing.T, method, pattern string, fn any, doc Doc) Endpoint {
	t.Helper()
	p := route.MustParse(pattern)
	plan, err := bind.Compile(fn, bind.Options{Route: method + " " + pattern, Params: p.Params(), Glob: p.HasGlob()})
	if err != nil {
		t.Fatal(err)
	}
	d := plan.Describe()
	return Endpoint{Method: method, Pattern: p, Plan: &d, Doc: doc}
}

type (
	byID struct {
		ID int `path:"id"`
	}
	anon struct {
		A string `path:""`
		B int    `path:""`
	}
	rest struct {
		Rest string `path:"rest"`
	}
	ignored struct {
		_ struct{} `path:"x"`
	}
	search struct {
		Q      string `query:"q" validate:"required,min=3"`
		Paging struct {
			Page int  `query:"page" validate:"min=1"`
			Size *int `query:"size"`
		} `query:"paging"`
		Trace int64 `header:"X-Trace"`
	}
	item struct {
		Name string `json:"name" validate:"required"`
	}
	// Two parameter structs may bind the same keys.
	dupA struct {
		Limit int    `query:"limit"`
		Trace string `header:"X-Trace"`
	}
	dupB struct {
		Limit int    `query:"limit" validate:"required"`
		Trace string `header:"x-trace"`
		Sess  string `cookie:"limit"`
	}
)

func TestBuildOperations(t *testing.T) {
	problem := `{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}`
	for _, tc := range []struct {
		name string
		ep   Endpoint
		ptr  string // a path into the operation's JSON, dot-separated
		want string
	}{
		{"named param, parsed: 400; error and a param: 404",
			endpoint(t, "GET", "/items/{id}", func(byID) (item, error) { return item{}, nil }, Doc{}),
			"", `{"operationId":"getItemsById","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"integer","format":"int64"}}],
			"responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/item"}}}},"400":{"description":"Bad Request","content":` + problem + `},"404":{"description":"Not Found","content":` + problem + `}}}`},
		{"unnamed params take their fields' names",
			endpoint(t, "GET", "/a/{}/{}", func(anon) {}, Doc{}),
			"parameters", `[{"name":"A","in":"path","required":true,"schema":{"type":"string"}},{"name":"B","in":"path","required":true,"schema":{"type":"integer","format":"int64"}}]`},
		{"glob",
			endpoint(t, "GET", "/files/{rest...}", func(rest) {}, Doc{}),
			"parameters", `[{"name":"rest","in":"path","description":"The rest of the path, which may contain \"/\" and may be empty.","required":true,"schema":{"type":"string"}}]`},
		{"an ignored segment is still a parameter; no error result: no 404",
			endpoint(t, "DELETE", "/x/{x}", func(ignored) {}, Doc{}),
			"", `{"operationId":"deleteXByX","parameters":[{"name":"x","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"204":{"description":"No Content"}}}`},
		{"query, nested query, header",
			endpoint(t, "GET", "/search", func(search) []item { return nil }, Doc{}),
			"parameters", `[{"name":"q","in":"query","required":true,"schema":{"type":"string","minLength":3}},
			{"name":"paging.page","in":"query","schema":{"type":"integer","format":"int64","minimum":1}},
			{"name":"paging.size","in":"query","schema":{"type":"integer","format":"int64"}},
			{"name":"X-Trace","in":"header","schema":{"type":"integer","format":"int64"}}]`},
		{"doc",
			endpoint(t, "POST", "/items", func(item) respond.Created[int] { return respond.Created[int]{} },
				Doc{Summary: "Add", Description: "More.", Tags: []string{"t"}, Deprecated: true, OperationID: "add", Errors: []int{409, 200, 999}}),
			"", `{"tags":["t"],"summary":"Add","description":"More.","operationId":"add","deprecated":true,
			"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/item"}}}},
			"responses":{"201":{"description":"Created","headers":{"Location":{"description":"The URL of the resource.","required":true,"schema":{"type":"string","format":"uri-reference"}}},"content":{"text/plain":{"schema":{"type":"string"}}}},
			"400":{"description":"Bad Request","content":` + problem + `},"409":{"description":"Conflict","content":` + problem + `},
			"413":{"description":"Request Entity Too Large","content":` + problem + `},"415":{"description":"Unsupported Media Type","content":` + problem + `},
			"422":{"description":"Unprocessable Entity","content":` + problem + `}}}`},
		{"a key bound by two structs is one parameter, required if either requires it",
			endpoint(t, "GET", "/dup", func(dupA, dupB) {}, Doc{}),
			"parameters", `[{"name":"limit","in":"query","required":true,"schema":{"type":"integer","format":"int64"}},
			{"name":"X-Trace","in":"header","schema":{"type":"string"}},
			{"name":"limit","in":"cookie","schema":{"type":"string"}}]`},
		{"raw handler",
			Endpoint{Method: "GET", Pattern: route.MustParse("/raw/{name}/*"), Handler: "example.com/app.serveRaw"},
			"", `{"operationId":"serveRaw","parameters":[{"name":"name","in":"path","required":true,"schema":{"type":"string"}},
			{"name":"rest","in":"path","description":"The rest of the path, which may contain \"/\" and may be empty.","required":true,"schema":{"type":"string"}}],
			"responses":{"default":{"description":"A response whose status and body the handler chooses.","content":{"*/*":{}}}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Build(Info{}, []Endpoint{tc.ep})
			if len(doc.Paths) != 1 {
				t.Fatalf("paths %v", doc.Paths)
			}
			var op *Operation
			for _, item := range doc.Paths {
				op = *item.slot(tc.ep.Method)
			}
			var got any = op
			if tc.ptr != "" {
				got = reflect.ValueOf(op).Elem().FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, tc.ptr) }).Interface()
			}
			if g := jsonOf(t, got); !sameJSON(t, g, tc.want) {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

func TestBuildDocument(t *testing.T) {
	get := func(id byID) (item, error) { return item{}, nil }
	eps := []Endpoint{
		endpoint(t, "GET", "/items/{id}", get, Doc{}),
		endpoint(t, "PUT", "/items/{key}", func(struct {
			Key int `path:"key"`
		}) error {
			return nil
		}, Doc{}),
		endpoint(t, "PURGE", "/items/{id}", get, Doc{}),
		endpoint(t, "GET", "/hidden", get2, Doc{Hidden: true}),
		endpoint(t, "GET", "/", func() string { return "" }, Doc{}),
	}
	doc := Build(Info{}, eps)
	if doc.OpenAPI != "3.1.0" || doc.Info.Title != "API" || doc.Info.Version != "0.0.0" {
		t.Errorf("header %q %+v", doc.OpenAPI, doc.Info)
	}
	var paths []string
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	if len(paths) != 2 || doc.Paths["/"] == nil || doc.Paths["/items/{id}"] == nil {
		t.Fatalf("paths %v", paths)
	}
	item := doc.Paths["/items/{id}"]
	if item.Get == nil || item.Put == nil || item.Put.Parameters[0].Name != "id" {
		t.Errorf("routes of one shape: %s", jsonOf(t, item))
	}
	if got := jsonOf(t, doc.Components); !strings.Contains(got, `"item"`) || !strings.Contains(got, `"Problem"`) || !strings.Contains(got, `"FieldError"`) {
		t.Errorf("components %s", got)
	}
	if got := jsonOf(t, doc.Components.Schemas["Problem"].Required); got != `["type","title","status"]` {
		t.Errorf("Problem requires %s", got)
	}
}

func get2() string { return "" }

func TestOperationIDs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"example.com/app.getMessage", "getMessage"},
		{"main.getMessage", "getMessage"},
		{"example.com/app.(*Server).list-fm", "list"},
		{"example.com/app.newApp.func1", ""},
		{"example.com/app.list[...]", "list"},
		{"example.com/app.newApp.func1.2", ""},
		{"", ""},
		{"app._", ""},
	} {
		if got := funcID(tc.in); got != tc.want {
			t.Errorf("funcID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ method, pattern, want string }{
		{"GET", "/message/{id}", "getMessageById"},
		{"POST", "/", "post"},
		{"PUT", "/user-profiles/{user_id}/photo.jpg", "putUserProfilesByUserIdPhotoJpg"},
		{"GET", "/a/{}/{rest...}", "getAByParam1ByRest"},
	} {
		b := &builder{g: NewGenerator(), paths: map[string]*PathItem{}, shapes: map[string]shape{}, ids: map[string]bool{}}
		ep := Endpoint{Method: tc.method, Pattern: route.MustParse(tc.pattern)}
		if got := b.operationID(ep, b.shape(ep)); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.method, tc.pattern, got, tc.want)
		}
	}
	taken := map[string]bool{"a": true, "a2": true}
	if got := unique("a", taken); got != "a3" {
		t.Errorf("unique = %q", got)
	}
}

func TestDocMerge(t *testing.T) {
	app := Doc{Tags: []string{"api"}, Errors: []int{401}, Summary: "app"}
	router := Doc{Tags: []string{"users", "api"}, Deprecated: true}
	endpoint := Doc{Summary: "Get a user", OperationID: "getUser", Errors: []int{404, 401}, Description: "d"}
	got := app.Merge(router).Merge(endpoint)
	want := Doc{Summary: "Get a user", Description: "d", OperationID: "getUser", Tags: []string{"api", "users"}, Errors: []int{401, 404}, Deprecated: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if (Doc{}).Merge(Doc{}).Tags != nil {
		t.Error("merging nothing made tags")
	}
	outer := Doc{Tags: []string{"a"}}
	_ = outer.Merge(Doc{Tags: []string{"b"}})
	if len(outer.Tags) != 1 {
		t.Error("Merge changed its receiver's tags")
	}
}
