package tideway

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/internal/viewtest"
	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

type ctxKeyTyped struct{}

type pageQuery struct {
	Limit int    `query:"limit" validate:"omitempty,min=1,max=10"`
	Tag   string `query:"tag"`
}

// typedRoutes registers the same handlers on an app, each as it is and
// wrapped by Typed0..Typed4, under /plain and /typed.
var typedRoutes = []struct {
	pattern, method string
	plain           any
	typed           Typed
}{
	{"/zero", "GET", zeroHandler, Typed0(zeroHandler)},
	{"/one/{name}", "GET", oneHandler, Typed1(oneHandler)},
	{"/ptr/{name}", "GET", ptrHandler, Typed1(ptrHandler)},
	{"/two", "PUT", twoHandler, Typed2(twoHandler)},
	{"/three/{name}", "GET", threeHandler, Typed3(threeHandler)},
	{"/four/{name}", "POST", fourHandler, Typed4(fourHandler)},
	{"/views", "GET", viewsHandler, Typed2(viewsHandler)},
	{"/created", "POST", createdHandler, Typed1(createdHandler)},
	{"/writes", "GET", writesHandler, Typed1(writesHandler)},
	{"/html", "GET", htmlHandler, Typed0(htmlHandler)},
}

func zeroHandler() (string, error) { return "zero", nil }

func oneHandler(n byName) (string, error) {
	if n.Name == "missing" {
		return "", respond.ErrNotFound
	}
	return "one " + n.Name, nil
}

func ptrHandler(n *byName) (*note, error) {
	if n.Name == "nil" {
		return nil, nil // a nil pointer result is 204
	}
	return &note{Text: n.Name}, nil
}

func twoHandler(s stateOf, b note) (note, error) {
	return note{Text: s.S.name + ":" + b.Text}, nil
}

func threeHandler(ctx context.Context, n byName, q pageQuery) ([]string, error) {
	v, _ := ctx.Value(ctxKeyTyped{}).(string)
	return []string{v, n.Name, q.Tag, strings.Repeat("x", q.Limit)}, nil
}

func fourHandler(ctx context.Context, s *stateOf, n byName, b *note) (map[string]string, error) {
	if b.Text == "fail" {
		return map[string]string{"ignored": "value"}, errors.New("secret detail")
	}
	return map[string]string{"state": s.S.name, "name": n.Name, "text": b.Text}, nil
}

func viewsHandler(r view.Request, w view.Response) (respond.NoContent, error) {
	w.SetHeader("X-Method", r.Method())
	return respond.NoContent{}, nil
}

// writesHandler answers through the view and returns a string too: the
// string is not written (a Typed string result is answered by the
// wrapper, which must not add it to the body).
func writesHandler(w view.Response) (string, error) {
	w.WriteHeader(http.StatusAccepted)
	_, err := w.Write([]byte("own"))
	return "ignored", err
}

// html is a string type of its own: respond.Value answers it as JSON, not
// as text, and so must the wrapper.
type html string

func htmlHandler() (html, error) { return "<b>", nil }

func createdHandler(b note) (respond.Created[string], error) {
	return respond.Created[string]{Location: "/notes/" + b.Text, Value: b.Text}, nil
}

// registerTypedRoutes registers every route of typedRoutes on plain under
// plainPrefix with the handler as it is, and on typed under typedPrefix
// with the handler wrapped.
func registerTypedRoutes(t *testing.T, plain *App, plainPrefix string, typed *App, typedPrefix string) {
	t.Helper()
	for _, r := range typedRoutes {
		if err := plain.At(plainPrefix+r.pattern).Handle(r.method, r.plain, Config{}); err != nil {
			t.Fatal(err)
		}
		if err := typed.At(typedPrefix+r.pattern).Handle(r.method, r.typed, Config{}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTypedSameAsPlain checks that a handler wrapped by Typed0..Typed4
// answers every request exactly as the same handler registered as it is,
// successes, binding and validation errors and handler errors alike, and
// that the wrapped ones are really called directly.
func TestTypedSameAsPlain(t *testing.T) {
	app := quietApp(t)
	registerTypedRoutes(t, app, "/plain", app, "/typed")
	json := []string{"Content-Type", "application/json"}
	for _, tc := range []struct {
		method, target, body string
		headers              []string
		status               int
	}{
		{"GET", "/zero", "", nil, 200},
		{"HEAD", "/zero", "", nil, 200},
		{"GET", "/one/ann", "", nil, 200},
		{"GET", "/one/missing", "", nil, 404},
		{"GET", "/one/a%2Fb", "", nil, 200},
		{"GET", "/ptr/bob", "", nil, 200},
		{"GET", "/ptr/nil", "", nil, 204},
		{"PUT", "/two", `{"text":"hi"}`, json, 200},
		{"PUT", "/two", `{}`, json, 422},
		{"PUT", "/two", `{"text":"hi"}`, nil, 415},
		{"PUT", "/two", `{"text":`, json, 400},
		{"GET", "/three/ann?tag=t&limit=3", "", nil, 200},
		{"GET", "/three/ann?limit=30", "", nil, 422},
		{"GET", "/three/ann?limit=x", "", nil, 400},
		{"GET", "/three/ann?nope=1", "", nil, 400},
		{"POST", "/four/ann", `{"text":"hi"}`, json, 200},
		{"POST", "/four/ann", `{"text":"fail"}`, json, 500},
		{"GET", "/views", "", nil, 204},
		{"POST", "/created", `{"text":"n1"}`, json, 201},
		{"DELETE", "/one/ann", "", nil, 405},
		{"HEAD", "/one/ann", "", nil, 200},
		{"GET", "/writes", "", nil, 202},
		{"GET", "/html", "", nil, 200},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			var got [2]*viewtest.Response
			for i, prefix := range []string{"/plain", "/typed"} {
				req := viewtest.NewRequest(tc.method, prefix+tc.target, tc.body, tc.headers...)
				req.Ctx = context.WithValue(context.Background(), ctxKeyTyped{}, "ctx")
				w := viewtest.NewResponse()
				app.ServeView(w, req)
				got[i] = w
			}
			plain, typed := got[0], got[1]
			if plain.Code != tc.status {
				t.Errorf("plain: status %d, want %d (%s)", plain.Code, tc.status, plain.Body.String())
			}
			body := func(w *viewtest.Response) string {
				// Locations and problem instances name the prefix.
				return strings.ReplaceAll(strings.ReplaceAll(w.Body.String(), "/plain", ""), "/typed", "")
			}
			if typed.Code != plain.Code || body(typed) != body(plain) {
				t.Errorf("typed answered %d %s; plain answered %d %s", typed.Code, typed.Body.String(), plain.Code, plain.Body.String())
			}
			for _, h := range []string{"Content-Type", "Content-Length", "Allow", "X-Method"} {
				if p, ty := plain.Headers.Get(h), typed.Headers.Get(h); p != ty {
					t.Errorf("%s: typed %q, plain %q", h, ty, p)
				}
			}
			if p, ty := strings.TrimPrefix(plain.Headers.Get("Location"), "/plain"), strings.TrimPrefix(typed.Headers.Get("Location"), "/typed"); p != ty {
				t.Errorf("Location: typed %q, plain %q", ty, p)
			}
		})
	}

	// The wrapped handlers are called directly, the others through
	// reflection: the plans differ only in that.
	for _, r := range typedRoutes {
		for prefix, direct := range map[string]bool{"/plain": false, "/typed": true} {
			res := app.tree.Lookup(r.method, prefix+strings.ReplaceAll(r.pattern, "{name}", "x"), app.tree.NewParams())
			if res.Status != route.Found {
				t.Fatalf("%s%s: %v", prefix, r.pattern, res.Status)
			}
			if got := res.Route.Value.plan.Direct(); got != direct {
				t.Errorf("%s%s: Direct() = %v, want %v", prefix, r.pattern, got, direct)
			}
			if got, want := res.Route.Value.name(), funcName(r.plain); got != want {
				t.Errorf("%s%s: handler name %q, want %q", prefix, r.pattern, got, want)
			}
		}
	}
}

// TestTypedRegistrationErrors checks that a wrapped handler is verified at
// registration exactly as a plain one: the same *bind.PlanError.
func TestTypedRegistrationErrors(t *testing.T) {
	type badTag struct {
		N int `query:"n" validate:"nosuchrule"`
	}
	noSegment := func(n byName) (string, error) { return n.Name, nil }
	badValidate := func(b badTag) (string, error) { return "", nil }
	notStruct := func(n int) (string, error) { return "", nil }
	for _, tc := range []struct {
		name    string
		pattern string
		plain   any
		typed   Typed
	}{
		{"path field without a segment", "/x", noSegment, Typed1(noSegment)},
		{"segment without a field", "/x/{name}/{id}", noSegment, Typed1(noSegment)},
		{"unknown validate tag", "/x", badValidate, Typed1(badValidate)},
		{"parameter not a struct", "/x", notStruct, Typed1(notStruct)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errPlain := quietApp(t).At(tc.pattern).Handle(http.MethodGet, tc.plain, Config{})
			errTyped := quietApp(t).At(tc.pattern).Handle(http.MethodGet, tc.typed, Config{})
			var pe *bind.PlanError
			if !errors.As(errTyped, &pe) || errPlain == nil || errTyped.Error() != errPlain.Error() {
				t.Errorf("typed: %v\nplain: %v", errTyped, errPlain)
			}
		})
	}
}

// TestTypedAllocs checks that the direct call saves the allocations of
// reflect.Value.Call.
func TestTypedAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	app := quietApp(t)
	get := func(n byName) (note, error) { return note{Text: n.Name}, nil }
	app.At("/plain/{name}").Get(get)
	app.At("/typed/{name}").Get(Typed1(get))
	allocs := func(target string) float64 {
		req := viewtest.NewRequest("GET", target, "")
		return testing.AllocsPerRun(200, func() {
			app.ServeView(viewtest.NewResponse(), req)
		})
	}
	plain, typed := allocs("/plain/ann"), allocs("/typed/ann")
	t.Logf("allocations per request: plain %v, typed %v", plain, typed)
	if typed > plain-2 {
		t.Errorf("typed handler: %v allocs per request, plain %v; want at least 2 fewer", typed, plain)
	}
	// A string result is answered without boxing it: as many allocations
	// as a raw handler writing the same text (those of the test's own
	// response).
	text := func() (string, error) { return textBody, nil }
	app.At("/text/typed").Get(Typed0(text))
	app.At("/text/raw").Get(func(c *Call) error { return respond.Text{Body: "ttt"}.Respond(c.Response, c.Request) })
	typedText, rawText := allocs("/text/typed"), allocs("/text/raw")
	if typedText > rawText {
		t.Errorf("typed string handler: %v allocs per request, raw %v; want no more", typedText, rawText)
	}
}

// textBody is TestTypedAllocs's text, in a variable so that returning it
// allocates nothing.
var textBody = "ttt"

// TestTypedSameDocument checks that wrapping handlers changes nothing in
// the OpenAPI document.
func TestTypedSameDocument(t *testing.T) {
	plain, typed := quietApp(t), quietApp(t)
	registerTypedRoutes(t, plain, "", typed, "")
	info := openapi.Info{Title: "typed", Version: "1"}
	p, err := plain.OpenAPI(info).JSON()
	if err != nil {
		t.Fatal(err)
	}
	ty, err := typed.OpenAPI(info).JSON()
	if err != nil {
		t.Fatal(err)
	}
	if string(p) != string(ty) {
		t.Errorf("documents differ:\nplain %s\ntyped %s", p, ty)
	}
	if !strings.Contains(string(p), `"/four/{name}"`) {
		t.Errorf("document lacks the routes: %s", p)
	}
}
