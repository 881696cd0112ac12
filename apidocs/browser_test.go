package apidocs

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/internal/browsertest"
	"github.com/tideway-go/tideway/respond"
)

// The app that testdata/openapi.json describes.

// Category holds items, and categories of its own.
type Category struct {
	Name     string     `json:"name" validate:"required"`
	Children []Category `json:"children,omitempty"`
}

// Item is one item on the shelf.
type Item struct {
	ID       uint64    `json:"id"`
	Name     string    `json:"name"`
	Category *Category `json:"category,omitempty"`
}

// NewItem is the body of POST /items.
type NewItem struct {
	Name     string    `json:"name" validate:"required,min=1,max=100"`
	Category *Category `json:"category,omitempty"`
}

type shelf struct {
	mu    sync.Mutex
	items []Item
}

type Shelf struct {
	S *shelf `state:""`
}

type ItemID struct {
	ID    uint64 `path:"id"`
	Upper bool   `query:"upper"`
}

func createItem(sh Shelf, in NewItem) respond.Created[Item] {
	sh.S.mu.Lock()
	defer sh.S.mu.Unlock()
	it := Item{ID: uint64(len(sh.S.items) + 1), Name: in.Name, Category: in.Category}
	sh.S.items = append(sh.S.items, it)
	return respond.Created[Item]{Location: "/items/" + strconv.FormatUint(it.ID, 10), Value: it}
}

func getItem(sh Shelf, id ItemID) (Item, error) {
	sh.S.mu.Lock()
	defer sh.S.mu.Unlock()
	if id.ID == 0 || id.ID > uint64(len(sh.S.items)) {
		return Item{}, respond.ErrNotFound
	}
	it := sh.S.items[id.ID-1]
	if id.Upper {
		it.Name = strings.ToUpper(it.Name)
	}
	return it, nil
}

// itemsApp serves the items API, its OpenAPI document, the page for it,
// and a page for a document that does not exist.
func itemsApp(t *testing.T) *tideway.App {
	spec, err := os.ReadFile("testdata/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	app := tideway.New(&shelf{})
	app.At("/items").Post(createItem)
	app.At("/items/{id}").Get(getItem)
	app.At("/openapi.json").Get(func(c *tideway.Call) error {
		c.Response.SetHeader("Content-Type", "application/json")
		_, err := c.Response.Write(spec)
		return err
	})
	app.At("/docs").Get(Handler("/openapi.json"))
	app.At("/broken/docs").Get(Handler("missing.json"))
	hostile := hostileSpec(t)
	app.At("/hostile.json").Get(func(c *tideway.Call) error {
		c.Response.SetHeader("Content-Type", "application/json")
		_, err := c.Response.Write(hostile)
		return err
	})
	app.At("/hostile/docs").Get(Handler("/hostile.json"))
	return app
}

// hostileSpec is a document made to trip the page up: reference cycles
// everywhere $ref may be, a schema that names another ten times at each of
// nine levels (a billion paths if expanded naively), markup in names, and
// values of the wrong type where the page expects objects and arrays.
func hostileSpec(t *testing.T) []byte {
	type m = map[string]any
	ref := func(to string) m { return m{"$ref": to} }
	schemas := m{
		"S9": m{"type": "string"},
		"A":  m{"allOf": []any{ref("#/components/schemas/B")}},
		"B":  m{"oneOf": []any{ref("#/components/schemas/A"), true, false}},
	}
	for i := 8; i >= 0; i-- {
		props := m{}
		for j := range 10 {
			props["p"+strconv.Itoa(j)] = ref("#/components/schemas/S" + strconv.Itoa(i+1))
		}
		schemas["S"+strconv.Itoa(i)] = m{"type": "object", "properties": props}
	}
	spec := m{
		"openapi": "3.1.0",
		"info":    "not an object",
		"tags":    "not an array",
		"servers": []any{m{"url": "{scheme}://{host}/api", "variables": m{"scheme": m{"default": "javascript"}}}},
		"paths": m{
			"/dag": m{"post": m{
				"requestBody": m{"content": m{"application/json": m{"schema": ref("#/components/schemas/S0")}}},
				"responses":   m{"200": m{"description": "ok", "content": m{"application/json": m{"schema": ref("#/components/schemas/S0")}}}},
			}},
			"/cycle":      m{"get": m{"parameters": []any{ref("#/components/parameters/P1"), "junk", 7}, "responses": "junk"}},
			"/weird/{x}":  m{"put": m{"parameters": "not an array", "requestBody": ref("#/nowhere"), "responses": m{"200": ref("#/components/responses/R"), "default": m{"description": 5}}}},
			"/num":        5,
			"/__proto__":  m{"get": m{"tags": []any{7, "<i>t</i>"}}},
			"/markup<b>":  m{"delete": m{"summary": "<script>document.body.dataset.injected=1</script>", "description": m{"obj": 1}, "tags": []any{"<i>t</i>"}}},
			"/types":      m{"patch": m{"requestBody": m{"content": m{"application/x-www-form-urlencoded": m{"schema": m{"type": "object", "properties": m{"a": m{"type": []any{"null", "integer"}}, "b": m{"type": "array", "items": m{"type": "string", "format": "date-time"}}, "c": m{"type": "string", "format": "constructor"}}}}, "text/plain": m{"schema": m{"type": "string", "minLength": 100000}}}}}},
			"/ref-path":   ref("#/paths/~1ref-path"),
			"/proto":      m{"post": m{"requestBody": m{"content": m{"application/json": m{"schema": m{"allOf": []any{m{"properties": m{"__proto__": m{"type": "string"}}}, m{"properties": m{"x": m{"type": "integer"}}}}}}}}}},
			"/other-path": ref("#/paths/~1types"),
		},
		"components": m{
			"schemas":    schemas,
			"parameters": m{"P1": ref("#/components/parameters/P2"), "P2": ref("#/components/parameters/P1")},
			"responses":  m{"R": m{"description": "cyclic", "content": m{"application/json": m{"schema": m{"allOf": []any{ref("#/components/schemas/A"), ref("#/components/schemas/B")}}}}}},
		},
	}
	// A path that is a URL of another host, with a header to fill in.
	spec["paths"].(m)["//elsewhere.invalid/steal"] = m{"get": m{"parameters": []any{m{"name": "Authorization", "in": "header"}}, "responses": m{"200": m{"description": "ok"}}}}
	b, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBrowser loads the page in headless Chromium and uses it as a person
// would. It skips where Chromium is not installed. Its subtests share one
// browser; each loads the page itself.
func TestBrowser(t *testing.T) {
	s := browsertest.Open(t)
	srv := httptest.NewServer(nethttp.Handler(itemsApp(t)))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 240*time.Second)
	defer cancel()
	check := browsertest.DocsCheck{BaseURL: srv.URL}
	// start loads the page for a subtest, and keeps a screenshot of it
	// if the subtest fails (go test -artifacts keeps it after the run).
	start := func(t *testing.T) {
		t.Cleanup(func() {
			if t.Failed() {
				if path, err := s.SaveScreenshot(ctx, t.ArtifactDir(), "page.png"); err == nil {
					t.Logf("screenshot: %s", path)
				}
			}
		})
		if err := check.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	// text returns the text of the first element matching css.
	text := func(t *testing.T, css string) string {
		t.Helper()
		el, err := s.Find(ctx, css)
		if err != nil {
			t.Fatal(err)
		}
		text, err := el.Text(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return text
	}

	t.Run("every operation listed", func(t *testing.T) {
		start(t)
		if err := check.Listed(ctx, s); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("document text stays text", func(t *testing.T) {
		start(t)
		var got struct {
			Description string `json:"description"`
			Injected    bool   `json:"injected"`
			Scripts     int    `json:"scripts"`
			Title       string `json:"title"`
		}
		err := s.Execute(ctx, &got, `return {
			description: document.getElementById("description").textContent,
			injected: document.getElementById("injected") !== null || "injected" in document.body.dataset,
			scripts: document.scripts.length,
			title: document.title};`)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.Description, "<img src=x id=injected>") || !strings.Contains(got.Description, "<script>") {
			t.Errorf("description %q: want the markup as text", got.Description)
		}
		if got.Injected || got.Scripts != 1 {
			t.Errorf("markup from the document became elements: injected %v, %d scripts", got.Injected, got.Scripts)
		}
		if got.Title != "Items · API reference" {
			t.Errorf("title %q", got.Title)
		}
	})

	t.Run("content security policy", func(t *testing.T) {
		start(t)
		var got struct {
			MethodColor string `json:"methodColor"`
			Sink        string `json:"sink"`
			Inline      bool   `json:"inline"`
		}
		// The style ran under its hash (the badge is white on colour);
		// Trusted Types refuse an HTML string; a script added at run time
		// does not run.
		err := s.Execute(ctx, &got, `
			let sink = "allowed";
			try { document.createElement("div").innerHTML = "<b>x</b>"; } catch (e) { sink = e.name; }
			try {
				const sc = document.createElement("script");
				sc.append(document.createTextNode("document.body.dataset.inline = 1"));
				document.body.append(sc);
			} catch (e) { /* refused outright: fine too */ }
			return {methodColor: getComputedStyle(document.querySelector(".method")).color, sink: sink,
				inline: "inline" in document.body.dataset};`)
		if err != nil {
			t.Fatal(err)
		}
		if got.MethodColor != "rgb(255, 255, 255)" || got.Sink != "TypeError" || got.Inline {
			t.Errorf("style applied: %q (want white); innerHTML: %s (want TypeError); injected script ran: %v",
				got.MethodColor, got.Sink, got.Inline)
		}
	})

	t.Run("operation details", func(t *testing.T) {
		start(t)
		summary, err := s.Find(ctx, `details.op[data-op="GET /items/{id}"] summary`)
		if err != nil {
			t.Fatal(err)
		}
		if err := summary.Click(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WaitFind(ctx, 30*time.Second, `details.op[data-op="GET /items/{id}"][open] .op-body`); err != nil {
			t.Fatal(err)
		}
		for css, want := range map[string]string{
			`[data-op="GET /items/{id}"] tr[data-param="path:id"]`:     "path id integer (int64) ≥ 1 required The item's id.", // from the path item, by $ref
			`[data-op="GET /items/{id}"] tr[data-param="query:upper"]`: "query upper boolean default false optional Upper-case the name.",
			`[data-op="GET /items/{id}"] [data-code="200"]`:            "200 The item.\napplication/json Item object\nid read-only",
			`[data-op="GET /items/{id}"] [data-code="400"]`:            "400 An RFC 9457 problem.\napplication/problem+json Problem object",
			`[data-op="GET /items/{id}"] [data-code="404"] .schema`:    "Problem (as above)",
		} {
			if got := text(t, css); !strings.Contains(got, want) && !strings.Contains(got, strings.ReplaceAll(want, "read-only", "integer (int64) read-only")) {
				t.Errorf("%s: %q, want %q in it", css, got, want)
			}
		}
		// Category contains itself: named, not expanded again.
		if got := text(t, `[data-op="GET /items/{id}"] [data-code="200"]`); !strings.Contains(got, "children array\nitems: Category (recursive: see above)") {
			t.Errorf("the recursive schema is shown as %q", got)
		}
	})

	t.Run("example body", func(t *testing.T) {
		start(t)
		area, err := s.Find(ctx, `details.op[data-op="POST /items"] textarea.body`)
		if err != nil {
			t.Fatal(err)
		}
		var value string
		if err := area.Property(ctx, "value", &value); err != nil {
			t.Fatal(err)
		}
		want := "{\n  \"name\": \"sample\",\n  \"category\": {\n    \"name\": \"string\",\n    \"children\": []\n  }\n}"
		if value != want {
			t.Errorf("example body:\n%s\nwant:\n%s", value, want)
		}
		// The example is a body the app accepts.
		if _, err := check.Send(ctx, s, browsertest.Try{Op: "POST /items", Status: 201, Contains: `"name": "sample"`}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("post then get", func(t *testing.T) {
		start(t)
		body, err := check.Send(ctx, s, browsertest.Try{Op: "POST /items", Body: `{"name": "widget"}`, Status: 201, Contains: `"name": "widget"`})
		if err != nil {
			t.Fatal(err)
		}
		var item Item
		if err := json.Unmarshal([]byte(body), &item); err != nil || item.ID == 0 {
			t.Fatalf("created body %q: %v", body, err)
		}
		id := strconv.FormatUint(item.ID, 10)
		if headers := text(t, `details.op[data-op="POST /items"] .result .headers`); !strings.Contains(headers, "location: /items/"+id) {
			t.Errorf("headers shown: %q, want the Location", headers)
		}
		for _, try := range []browsertest.Try{
			{Op: "GET /items/{id}", Params: map[string]string{"id": id, "upper": "true"}, Status: 200, Contains: `"name": "WIDGET"`},
			{Op: "GET /items/{id}", Params: map[string]string{"id": id, "upper": ""}, Status: 200, Contains: `"name": "widget"`},
			{Op: "GET /items/{id}", Params: map[string]string{"id": "99"}, Status: 404, Contains: `"status": 404`},
			// The value is escaped into one segment, so the app sees it whole.
			{Op: "GET /items/{id}", Params: map[string]string{"id": "x/../" + id}, Status: 400, Contains: `"location": "path"`},
			{Op: "POST /items", Body: `{"name": ""}`, Status: 422, Contains: `"field": "name"`},
			{Op: "POST /items", Body: `{"name": `, Status: 400, Contains: `"status": 400`},
		} {
			if _, err := check.Send(ctx, s, try); err != nil {
				t.Error(err)
			}
		}
		if status := text(t, `details.op[data-op="GET /items/{id}"] .result .status`); !strings.Contains(status, "GET /items/x%2F..%2F"+id) {
			t.Errorf("status line %q: want the escaped path", status)
		}
	})

	t.Run("missing path parameter", func(t *testing.T) {
		start(t)
		_, err := check.Send(ctx, s, browsertest.Try{Op: "GET /items/{id}", Status: 200})
		if err == nil || !strings.Contains(err.Error(), "missing path id") {
			t.Errorf("sent without its path parameter: %v", err)
		}
	})

	t.Run("hostile document", func(t *testing.T) {
		hostile := browsertest.DocsCheck{BaseURL: srv.URL, DocsPath: "/hostile/docs", SpecPath: "/hostile.json", Timeout: 40 * time.Second}
		if err := hostile.Listed(ctx, s); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Injected bool   `json:"injected"`
			Summary  string `json:"summary"`
			Chars    int    `json:"chars"`
			Example  int    `json:"example"`
			Form     string `json:"form"`
			Proto    string `json:"proto"`
		}
		err := s.Execute(ctx, &got, `const q = (css) => document.querySelector(css);
			return {injected: "injected" in document.body.dataset,
				summary: q('[data-op="DELETE /markup<b>"] .summary').textContent,
				chars: document.body.textContent.length,
				example: q('[data-op="POST /dag"] textarea.body').value.length,
				form: q('[data-op="PATCH /types"] textarea.body').value,
				proto: q('[data-op="POST /proto"] textarea.body').value};`)
		if err != nil {
			t.Fatal(err)
		}
		if got.Injected || got.Summary != "<script>document.body.dataset.injected=1</script>" {
			t.Errorf("summary shown as %q; injected: %v", got.Summary, got.Injected)
		}
		t.Logf("the page holds %d characters, the DAG example %d", got.Chars, got.Example)
		if got.Chars > 200_000 || got.Example > 200_000 || got.Example == 0 {
			t.Errorf("the page holds %d characters and the DAG example %d: want both bounded, the example not empty", got.Chars, got.Example)
		}
		if got.Form != "a=0&b=2024-01-01T00%3A00%3A00Z&c=string" {
			t.Errorf("form example %q", got.Form)
		}
		if want := "{\n  \"__proto__\": \"string\",\n  \"x\": 0\n}"; got.Proto != want {
			t.Errorf("example with a __proto__ property: %q, want %q", got.Proto, want)
		}
		// A path that is a URL of another host is not followed there.
		_, err = hostile.Send(ctx, s, browsertest.Try{Op: "GET //elsewhere.invalid/steal", Params: map[string]string{"Authorization": "secret"}, Status: 200})
		if err == nil || !strings.Contains(err.Error(), "Not sent: the path //elsewhere.invalid/steal leads to another origin") {
			t.Errorf("a path to another host: %v", err)
		}
		// No server on the document's own origin: requests go to this one.
		if _, err := hostile.Send(ctx, s, browsertest.Try{Op: "GET /cycle", Status: 404}); err != nil {
			t.Error(err)
		}
	})

	t.Run("document not found", func(t *testing.T) {
		err := browsertest.DocsCheck{BaseURL: srv.URL, DocsPath: "/broken/docs"}.Load(ctx, s)
		if want := "Could not show the API description: 404 Not Found from missing.json"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("a page whose document is missing: %v, want %q", err, want)
		}
	})
}
