package tideway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"mime/multipart"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/internal/oascheck"
	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/tidewaytest"
	"github.com/tideway-go/tideway/view"
)

// The shop app uses every feature the OpenAPI document describes.

type Address struct {
	Street string `json:"street" validate:"required"`
	City   string `json:"city"`
}

type Audit struct {
	Created time.Time  `json:"created"`
	Updated *time.Time `json:"updated,omitempty"`
}

// Node contains itself.
type Node struct {
	Name     string `json:"name"`
	Children []Node `json:"children"`
	Parent   *Node  `json:"parent,omitempty"`
}

// Level describes its own schema.
type Level int

func (Level) OpenAPISchema(*openapi.Generator) *openapi.Schema {
	return &openapi.Schema{Type: openapi.Types{"integer"}, Enum: []any{1, 2, 3}}
}

type Customer struct {
	Audit
	ID     uint64            `json:"id"`
	Name   string            `json:"name" validate:"required,min=2,max=50"`
	Email  string            `json:"email,omitempty" validate:"omitempty,email"`
	Kind   string            `json:"kind" validate:"oneof=person company"`
	Tags   []string          `json:"tags,omitempty" validate:"max=5,dive,min=1"`
	Attrs  map[string]int    `json:"attrs,omitempty"`
	Home   *Address          `json:"home,omitempty"`
	Level  Level             `json:"level"`
	Notes  map[int64]*string `json:"notes,omitempty"`
	Secret string            `json:"-"`
}

// Problem shares its name with respond.Problem.
type Problem struct {
	Code string `json:"code"`
}

type CustomerID struct {
	ID uint64 `path:"id"`
}

type Query struct {
	Kind   string   `query:"kind" validate:"omitempty,oneof=person company"`
	Limit  int      `query:"limit" validate:"omitempty,min=1,max=100"`
	Tags   []string `query:"tag"`
	Filter struct {
		Name  string    `query:"name"`
		Since time.Time `query:"since"`
	} `query:"filter"`
	Key     string `header:"X-Api-Key" validate:"required"`
	Session string `cookie:"session"`
}

// Rename binds a path segment and a body.
type Rename struct {
	ID   uint64  `path:"id"`
	Name *string `json:"name,omitempty" validate:"omitempty,min=2"`
}

type Upload struct {
	Title string                  `form:"title" validate:"required"`
	File  *multipart.FileHeader   `form:"file" validate:"required"`
	More  []*multipart.FileHeader `form:"more"`
}

type Login struct {
	User string `form:"user" validate:"required"`
	Pass string `form:"pass"`
}

type TreeRoot struct {
	Root string `path:""`
}

type FilePath struct {
	Path []string `path:"path"`
}

// CSV is a Responder that describes its responses.
type CSV struct{ Rows [][]string }

func (c CSV) Respond(w view.Response, _ view.Request) error {
	w.SetHeader("Content-Type", "text/csv")
	w.WriteHeader(200)
	for _, r := range c.Rows {
		fmt.Fprintln(w, strings.Join(r, ","))
	}
	return nil
}

func (CSV) OpenAPIResponses(*openapi.Generator) map[string]*openapi.Response {
	return map[string]*openapi.Response{"200": {Description: "Customers as CSV.", Content: map[string]*openapi.MediaType{"text/csv": {Schema: &openapi.Schema{Type: openapi.Types{"string"}}}}}}
}

// Opaque is a Responder that does not describe itself.
type Opaque struct{}

func (Opaque) Respond(w view.Response, _ view.Request) error { w.WriteHeader(200); return nil }

var (
	ann = Customer{ID: 1, Name: "Ann", Kind: "person", Level: 2, Audit: Audit{Created: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}}
)

func listCustomers(_ context.Context, q Query) ([]Customer, error) {
	if q.Kind == "company" {
		return []Customer{}, nil
	}
	return []Customer{ann}, nil
}

func getCustomer(id CustomerID) (*Customer, error) {
	switch id.ID {
	case 1:
		return &ann, nil
	case 2:
		return nil, nil // 204
	}
	return nil, respond.ErrNotFound
}

func createCustomer(c Customer) respond.Created[Customer] {
	c.ID = 7
	return respond.Created[Customer]{Location: "/customers/7", Value: c}
}

func renameCustomer(r Rename) (respond.JSON[Customer], error) {
	if r.ID != 1 {
		return respond.JSON[Customer]{}, respond.ErrNotFound
	}
	c := ann
	if r.Name != nil {
		c.Name = *r.Name
	}
	return respond.JSON[Customer]{Value: c}, nil
}

type ByCID struct {
	CID uint64 `path:"cid"`
}

func replaceCustomer(id ByCID, c Customer) error { return nil }

func deleteCustomer(id CustomerID) error {
	if id.ID != 1 {
		return respond.ErrNotFound
	}
	return nil
}

func customersCSV() CSV { return CSV{Rows: [][]string{{"1", "Ann"}}} }

func opaque() Opaque { return Opaque{} }

func tree(r TreeRoot) Node {
	return Node{Name: r.Root, Children: []Node{{Name: "leaf", Children: []Node{}}}}
}

func file(p FilePath) respond.Stream {
	return respond.Stream{ContentType: "text/plain", Reader: strings.NewReader(strings.Join(p.Path, "/"))}
}

func events() respond.SSE {
	return respond.SSE{Events: iter.Seq[respond.Event](func(yield func(respond.Event) bool) { yield(respond.Event{Data: "hi"}) })}
}

func upload(u Upload) respond.Text { return respond.Text{Body: u.Title} }

func login(l Login) respond.Redirect { return respond.Redirect{Location: "/customers"} }

func health() string { return "ok" }

func ping() respond.NoContent { return respond.NoContent{} }

func problem() Problem { return Problem{Code: "x"} }

func anything() any { return 1 }

func raw(w view.Response) { w.WriteHeader(202) }

func secret() string { return "hidden" }

func newShop() *tideway.App {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Doc: openapi.Doc{Tags: []string{"shop"}}}))
	customers := app.Nest("/customers", nil).Config(tideway.Config{Doc: openapi.Doc{Tags: []string{"customers"}, Errors: []int{401}}})
	customers.At("").Config(tideway.Config{Doc: openapi.Doc{Summary: "List customers"}}).Get(listCustomers)
	customers.At("").Post(createCustomer)
	customers.At("/{id}").Get(getCustomer).Patch(renameCustomer).Delete(deleteCustomer)
	customers.At("/{cid}").Put(replaceCustomer) // the same shape, another name: filed under /customers/{id}
	customers.At("/csv").Config(tideway.Config{Doc: openapi.Doc{Deprecated: true, OperationID: "exportCustomers"}}).Get(customersCSV)
	app.At("/opaque").Get(opaque)
	app.At("/trees/{}").Get(tree)
	app.At("/files/{path...}").Get(file)
	app.At("/events").Get(events)
	app.At("/uploads").Post(upload)
	app.At("/login").Post(login)
	app.At("/health").Get(health)
	app.At("/ping").Post(ping)
	app.At("/problem").Get(problem)
	app.At("/anything").Get(anything)
	app.At("/raw-view").Get(raw)
	app.At("/again/{id}").Get(getCustomer) // the same handler again: getCustomer2
	app.At("/closure/{id}").Get(func(id CustomerID) string { return "x" })
	app.At("/raw/{name}/{}").Get(func(c *tideway.Call) error { return respond.Text{Body: c.Param("name")}.Respond(c.Response, c.Request) })
	app.At("/secret").Config(tideway.Config{Doc: openapi.Doc{Hidden: true}}).Get(secret)
	app.At("/openapi.json").Get(app.OpenAPIHandler(openapi.Info{Title: "Shop", Version: "2.1.0"}))
	return app
}

func shopDocument(t *testing.T) []byte {
	t.Helper()
	b, err := newShop().OpenAPI(openapi.Info{Title: "Shop", Version: "2.1.0"}).JSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenAPIShopValid(t *testing.T) {
	if err := oascheck.Validate(shopDocument(t)); err != nil {
		t.Fatal(err)
	}
}

// at returns the value at a JSON pointer in v.
func at(t *testing.T, v any, ptr string) any {
	t.Helper()
	for _, part := range strings.Split(ptr, "/")[1:] {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[part]; !ok {
				t.Fatalf("%s: no %q", ptr, part)
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(part, &i); err != nil || i >= len(x) {
				t.Fatalf("%s: no %q", ptr, part)
			}
			v = x[i]
		default:
			t.Fatalf("%s: %q is inside a %T", ptr, part, v)
		}
	}
	return v
}

func TestOpenAPIShop(t *testing.T) {
	var doc any
	if err := json.Unmarshal(shopDocument(t), &doc); err != nil {
		t.Fatal(err)
	}
	problem := `{"application/problem+json":{"schema":{"$ref":"#/components/schemas/respond.Problem"}}}`
	for _, tc := range []struct {
		name, ptr, want string
	}{
		{"info", "/info", `{"title":"Shop","version":"2.1.0"}`},
		{"paths, with the document's own route and hidden ones left out", "", ""},
		{"tags accumulate", "/paths/~1customers/get/tags", `["shop","customers"]`},
		{"summary", "/paths/~1customers/get/summary", `"List customers"`},
		{"operationId from the handler", "/paths/~1customers/get/operationId", `"listCustomers"`},
		{"operationId from Doc", "/paths/~1customers~1csv/get/operationId", `"exportCustomers"`},
		{"deprecated", "/paths/~1customers~1csv/get/deprecated", `true`},
		{"operationId, first in the table of contents", "/paths/~1again~1{id}/get/operationId", `"getCustomer"`},
		{"operationId made unique", "/paths/~1customers~1{id}/get/operationId", `"getCustomer2"`},
		{"operationId of a closure", "/paths/~1closure~1{id}/get/operationId", `"getClosureById"`},
		{"query enum", "/paths/~1customers/get/parameters/0", `{"name":"kind","in":"query","schema":{"type":"string","enum":["person","company"]}}`},
		{"query bounds", "/paths/~1customers/get/parameters/1/schema", `{"type":"integer","format":"int64","minimum":1,"maximum":100}`},
		{"query slice", "/paths/~1customers/get/parameters/2", `{"name":"tag","in":"query","schema":{"type":"array","items":{"type":"string"}}}`},
		{"query struct, flattened", "/paths/~1customers/get/parameters/3", `{"name":"filter.name","in":"query","schema":{"type":"string"}}`},
		{"query time", "/paths/~1customers/get/parameters/4/schema", `{"type":"string","format":"date-time"}`},
		{"required header", "/paths/~1customers/get/parameters/5", `{"name":"X-Api-Key","in":"header","required":true,"schema":{"type":"string"}}`},
		{"cookie", "/paths/~1customers/get/parameters/6", `{"name":"session","in":"cookie","schema":{"type":"string"}}`},
		{"list result", "/paths/~1customers/get/responses/200/content/application~1json/schema", `{"type":"array","items":{"$ref":"#/components/schemas/Customer"}}`},
		{"errors: 400 from the query, 422 from validate, 401 from Doc; no 404 without path params", "/paths/~1customers/get/responses", ""},
		{"400", "/paths/~1customers/get/responses/400/content", problem},
		{"Doc errors", "/paths/~1customers/get/responses/401/content", problem},
		{"body is the struct", "/paths/~1customers/post/requestBody", `{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Customer"}}},"required":true}`},
		{"Created", "/paths/~1customers/post/responses/201", `{"description":"Created","headers":{"Location":{"description":"The URL of the resource.","required":true,"schema":{"type":"string","format":"uri-reference"}}},"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Customer"}}}}`},
		{"pointer result", "/paths/~1customers~1{id}/get/responses/204", `{"description":"No Content"}`},
		{"404 with params and an error", "/paths/~1customers~1{id}/get/responses/404/content", problem},
		{"path param", "/paths/~1customers~1{id}/get/parameters", `[{"name":"id","in":"path","required":true,"schema":{"type":"integer","minimum":0}}]`},
		{"same shape, first name", "/paths/~1customers~1{id}/put/parameters/0/name", `"id"`},
		{"mixed body, inline", "/paths/~1customers~1{id}/patch/requestBody/content/application~1json/schema", `{"type":"object","properties":{"name":{"type":["string","null"],"minLength":2}}}`},
		{"JSON[T]", "/paths/~1customers~1{id}/patch/responses/200/content/application~1json/schema", `{"$ref":"#/components/schemas/Customer"}`},
		{"no result", "/paths/~1customers~1{id}/delete/responses/204", `{"description":"No Content"}`},
		{"ResponseDescriber", "/paths/~1customers~1csv/get/responses/200/content", `{"text/csv":{"schema":{"type":"string"}}}`},
		{"custom Responder", "/paths/~1opaque/get/responses", `{"200":{"description":"OK","content":{"*/*":{}}}}`},
		{"{} takes the field's name", "/paths/~1trees~1{Root}/get/parameters", `[{"name":"Root","in":"path","required":true,"schema":{"type":"string"}}]`},
		{"recursive result", "/paths/~1trees~1{Root}/get/responses/200/content/application~1json/schema", `{"$ref":"#/components/schemas/Node"}`},
		{"glob", "/paths/~1files~1{path}/get/parameters/0", `{"name":"path","in":"path","description":"The rest of the path, which may contain \"/\" and may be empty.","required":true,"schema":{"type":"string"}}`},
		{"Stream", "/paths/~1files~1{path}/get/responses/200/content", `{"*/*":{}}`},
		{"SSE", "/paths/~1events/get/responses/200/content", `{"text/event-stream":{"schema":{"type":"string"}}}`},
		{"multipart form", "/paths/~1uploads/post/requestBody/content", `{"multipart/form-data":{"schema":{"type":"object","properties":{"title":{"type":"string"},"file":{"type":"string","contentMediaType":"application/octet-stream"},"more":{"type":"array","items":{"type":"string","contentMediaType":"application/octet-stream"}}},"required":["title","file"]}}}`},
		{"Text", "/paths/~1uploads/post/responses/200/content", `{"text/plain":{"schema":{"type":"string"}}}`},
		{"urlencoded form", "/paths/~1login/post/requestBody/content/application~1x-www-form-urlencoded/schema/required", `["user"]`},
		{"Redirect", "/paths/~1login/post/responses/3XX/headers/Location/required", `true`},
		{"string", "/paths/~1health/get/responses", `{"200":{"description":"OK","content":{"text/plain":{"schema":{"type":"string"}}}}}`},
		{"NoContent", "/paths/~1ping/post/responses", `{"204":{"description":"No Content"}}`},
		{"name clash", "/paths/~1problem/get/responses/200/content/application~1json/schema", `{"$ref":"#/components/schemas/tideway_test.Problem"}`},
		{"interface result", "/paths/~1anything/get/responses", `{"default":{"description":"A response whose status and body the handler chooses.","content":{"*/*":{}}}}`},
		{"takes view.Response", "/paths/~1raw-view/get/responses", `{"204":{"description":"No Content"},"default":{"description":"A response whose status and body the handler chooses.","content":{"*/*":{}}}}`},
		{"raw handler", "/paths/~1raw~1{name}~1{param2}/get", `{"operationId":"getRawByNameByParam2","parameters":[{"name":"name","in":"path","required":true,"schema":{"type":"string"}},{"name":"param2","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"default":{"description":"A response whose status and body the handler chooses.","content":{"*/*":{}}}},"tags":["shop"]}`},
		{"component: embedded, maps, pointers, times, enums", "/components/schemas/Customer", `{"type":"object","properties":{
			"created":{"type":"string","format":"date-time"},
			"updated":{"type":["string","null"],"format":"date-time"},
			"id":{"type":"integer","minimum":0},
			"name":{"type":"string","minLength":2,"maxLength":50},
			"email":{"type":"string","format":"email"},
			"kind":{"type":"string","enum":["person","company"]},
			"tags":{"type":"array","items":{"type":"string","minLength":1},"maxItems":5},
			"attrs":{"type":"object","additionalProperties":{"type":"integer","format":"int64"}},
			"home":{"anyOf":[{"$ref":"#/components/schemas/Address"},{"type":"null"}]},
			"level":{"type":"integer","enum":[1,2,3]},
			"notes":{"type":"object","additionalProperties":{"type":["string","null"]},"propertyNames":{"pattern":"^-?[0-9]+$"}}},
			"required":["name"]}`},
		{"component: recursive", "/components/schemas/Node", `{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/components/schemas/Node"}},"parent":{"anyOf":[{"$ref":"#/components/schemas/Node"},{"type":"null"}]}}}`},
		{"component: the problem", "/components/schemas/respond.Problem/required", `["type","title","status"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			switch tc.name {
			case "paths, with the document's own route and hidden ones left out":
				paths := at(t, doc, "/paths").(map[string]any)
				for _, p := range []string{"/openapi.json", "/secret", "/customers/{cid}"} {
					if paths[p] != nil {
						t.Errorf("%s is documented", p)
					}
				}
				if len(paths) != 17 {
					t.Errorf("%d paths, want 17", len(paths))
				}
				return
			case "errors: 400 from the query, 422 from validate, 401 from Doc; no 404 without path params":
				var codes []string
				for k := range at(t, doc, tc.ptr).(map[string]any) {
					codes = append(codes, k)
				}
				if got := strings.Join(sortStrings(codes), " "); got != "200 400 401 422" {
					t.Errorf("responses %s, want 200 400 401 422", got)
				}
				return
			}
			got := at(t, doc, tc.ptr)
			var want any
			if err := json.Unmarshal([]byte(tc.want), &want); err != nil {
				t.Fatalf("bad want: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				t.Errorf("%s\n got %s\nwant %s", tc.ptr, g, tc.want)
			}
		})
	}
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// TestOpenAPIShopContract sends requests that reach every kind of
// response and checks each answer against the document.
func TestOpenAPIShopContract(t *testing.T) {
	contract, err := oascheck.NewContract(shopDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	c := tidewaytest.New(newShop())
	defer c.Close()
	key := tidewaytest.Header("X-Api-Key", "k")
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("title", "report")
	fw, _ := mw.CreateFormFile("file", "r.txt")
	fw.Write([]byte("data"))
	mw.Close()
	for _, x := range []struct {
		method, target string
		opts           []tidewaytest.Option
		status         int
	}{
		{"GET", "/customers", []tidewaytest.Option{key}, 200},
		{"GET", "/customers?kind=company&limit=5&tag=a&filter.name=x", []tidewaytest.Option{key}, 200},
		{"GET", "/customers", nil, 422},
		{"GET", "/customers?limit=x", []tidewaytest.Option{key}, 400},
		{"GET", "/customers?limit=500", []tidewaytest.Option{key}, 422},
		{"GET", "/customers/1", nil, 200},
		{"GET", "/customers/2", nil, 204},
		{"GET", "/customers/3", nil, 404},
		{"GET", "/customers/x", nil, 400},
		{"POST", "/customers", []tidewaytest.Option{tidewaytest.JSON(map[string]any{"name": "Bo", "kind": "company", "level": 3, "created": "2024-01-01T00:00:00Z"})}, 201},
		{"POST", "/customers", []tidewaytest.Option{tidewaytest.JSON(map[string]any{"name": "B", "kind": "x"})}, 422},
		{"POST", "/customers", []tidewaytest.Option{tidewaytest.Body("text/plain", "x")}, 415},
		{"POST", "/customers", []tidewaytest.Option{tidewaytest.Body("application/json", "{")}, 400},
		{"PATCH", "/customers/1", []tidewaytest.Option{tidewaytest.JSON(map[string]any{"name": "Annie"})}, 200},
		{"PATCH", "/customers/9", []tidewaytest.Option{tidewaytest.JSON(map[string]any{})}, 404},
		{"DELETE", "/customers/1", nil, 204},
		{"GET", "/customers/csv", nil, 200},
		{"GET", "/trees/oak", nil, 200},
		{"GET", "/files/a/b.txt", nil, 200},
		{"GET", "/events", nil, 200},
		{"POST", "/uploads", []tidewaytest.Option{tidewaytest.Body(mw.FormDataContentType(), form.String())}, 200},
		{"POST", "/login", []tidewaytest.Option{tidewaytest.Body("application/x-www-form-urlencoded", "user=ann&pass=x")}, 303},
		{"POST", "/login", []tidewaytest.Option{tidewaytest.Body("application/x-www-form-urlencoded", "pass=x")}, 422},
		{"GET", "/health", nil, 200},
		{"POST", "/ping", nil, 204},
		{"GET", "/problem", nil, 200},
		{"GET", "/raw-view", nil, 202},
		{"GET", "/raw/x/y", nil, 200},
	} {
		res := c.Do(x.method, x.target, x.opts...)
		if res.Err != nil || res.Status != x.status {
			t.Errorf("%s %s: %v; want %d", x.method, x.target, res, x.status)
			continue
		}
		path, _, _ := strings.Cut(x.target, "?")
		if err := contract.Check(x.method, path, res.Status, res.Header.Get("Content-Type"), res.Body); err != nil {
			t.Error(err)
		}
	}
}

// TestOpenAPIHandler serves the document, built once, and leaves its own
// route out of it.
func TestOpenAPIHandler(t *testing.T) {
	app := newShop()
	c := tidewaytest.New(app)
	defer c.Close()
	first := c.Get("/openapi.json")
	if first.Status != 200 || first.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /openapi.json: %v", first)
	}
	want, err := app.OpenAPI(openapi.Info{Title: "Shop", Version: "2.1.0"}).JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Body, want) {
		t.Errorf("served document differs from App.OpenAPI's:\n%s", first.Body)
	}
	if again := c.Get("/openapi.json"); !bytes.Equal(again.Body, first.Body) {
		t.Error("the document changed between requests")
	}
	if head := c.Do(http.MethodHead, "/openapi.json"); head.Status != 200 || len(head.Body) != 0 {
		t.Errorf("HEAD /openapi.json: %v", head)
	}
}
