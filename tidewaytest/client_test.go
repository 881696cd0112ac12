package tidewaytest_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/tidewaytest"
	"github.com/tideway-go/tideway/view"
)

type item struct {
	Name  string `json:"name" validate:"required"`
	Count int    `json:"count"`
}

type byID struct {
	ID uint64 `path:"id"`
}

type filter struct {
	Limit int `query:"limit" validate:"omitempty,min=1"`
}

func newApp() *tideway.App {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/items").Post(func(it item) respond.Created[string] {
		return respond.Created[string]{Location: "/items/1", Value: it.Name}
	}).Get(func(f filter) []item { return []item{{Name: "a", Count: f.Limit}} })
	app.At("/items/{id}").Get(func(id byID) (item, error) {
		if id.ID != 1 {
			return item{}, respond.ErrNotFound
		}
		return item{Name: "a", Count: 1}, nil
	})
	app.At("/echo").Put(func(r struct {
		Key string `header:"X-Key"`
	}) string {
		return "key=" + r.Key
	})
	app.At("/bytes").Get(func() []byte { return []byte{1, 2, 3} })
	app.At("/redirect").Get(func() respond.Redirect { return respond.Redirect{Location: "/items"} })
	app.At("/stream").Get(func() respond.Stream {
		return respond.Stream{ContentType: "text/csv", Reader: strings.NewReader("a,b\n1,2\n")}
	})
	app.At("/broken").Get(func() respond.Stream {
		return respond.Stream{ContentType: "text/csv", Reader: io.MultiReader(strings.NewReader("a,b\n"), brokenReader{})}
	})
	app.At("/sniff").Get(func(w view.Response) {
		w.WriteHeader(418)
		w.Write([]byte("<html><body>teapot</body></html>"))
	})
	return app
}

type exchange struct {
	method, target string
	opts           []tidewaytest.Option
}

var table = []exchange{
	{"GET", "/items/1", nil},
	{"GET", "/items/2", nil},
	{"GET", "/items/x", nil},
	{"HEAD", "/items/1", nil},
	{"GET", "/items?limit=3", nil},
	{"GET", "/items?limit=0", nil},
	{"GET", "/items?bogus=1", nil},
	{"POST", "/items", []tidewaytest.Option{tidewaytest.JSON(item{Name: "n"})}},
	{"POST", "/items", []tidewaytest.Option{tidewaytest.JSON(map[string]any{"count": 1})}},
	{"POST", "/items", []tidewaytest.Option{tidewaytest.Body("text/plain", "hi")}},
	{"POST", "/items", []tidewaytest.Option{tidewaytest.Body("application/json", "{")}},
	{"DELETE", "/items/1", nil},
	{"OPTIONS", "/items/1", nil},
	{"PUT", "/echo", []tidewaytest.Option{tidewaytest.Header("X-Key", "k1")}},
	{"GET", "/bytes", nil},
	{"GET", "/redirect", nil},
	{"GET", "/stream", nil},
	{"GET", "/nowhere", nil},
	{"GET", "/sniff", nil},
}

// TestSameAsServer sends every request of the table in process and over
// a real socket, and requires the same status, headers and body.
func TestSameAsServer(t *testing.T) {
	app := newApp()
	client := tidewaytest.New(app)
	srv := httptest.NewServer(nethttp.Handler(app))
	defer srv.Close()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, x := range table {
		in := client.Do(x.method, x.target, x.opts...)

		req := httptest.NewRequest(x.method, x.target, nil)
		for _, o := range x.opts {
			o(req)
		}
		real, err := http.NewRequest(x.method, srv.URL+x.target, req.Body)
		if err != nil {
			t.Fatal(err)
		}
		real.Header = req.Header
		real.ContentLength = req.ContentLength
		res, err := noRedirect.Do(real)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		res.Header.Del("Date")
		if res.StatusCode != in.Status || string(body) != in.Text() || !reflect.DeepEqual(res.Header, in.Header) {
			t.Errorf("%s %s:\nin process %d %v %q\nserver     %d %v %q", x.method, x.target, in.Status, in.Header, in.Body, res.StatusCode, res.Header, body)
		}
	}
}

type brokenReader struct{}

func (brokenReader) Read([]byte) (int, error) { return 0, errors.New("backend went away") }

func TestCutShort(t *testing.T) {
	res := tidewaytest.Get(newApp(), "/broken")
	if res.Status != 200 || res.Err == nil || res.Text() != "a,b\n" || !strings.Contains(res.String(), "cut short") {
		t.Errorf("got %v", res)
	}
	if res := tidewaytest.Get(newApp(), "/sniff"); res.Status != 418 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("sniffing after WriteHeader: %v", res)
	}
}

func TestUnparsableTarget(t *testing.T) {
	res := tidewaytest.Get(newApp(), "/items/%zz")
	if res.Status != 400 || res.Text() != "400 Bad Request" {
		t.Errorf("got %v", res)
	}
}

func TestHelpers(t *testing.T) {
	app := newApp()
	if res := tidewaytest.Get(app, "/items/1"); res.Status != 200 {
		t.Fatalf("GET: %v", res)
	} else {
		var it item
		if err := res.JSON(&it); err != nil || it != (item{Name: "a", Count: 1}) {
			t.Errorf("JSON: %+v %v", it, err)
		}
		if _, err := res.Problem(); err == nil {
			t.Error("Problem accepted a JSON body")
		}
	}
	res := tidewaytest.Post(app, "/items", tidewaytest.JSON(map[string]int{"count": 1}))
	p, err := res.Problem()
	if err != nil || p.Status != 422 || len(p.Errors) != 1 || p.Errors[0].Key() != "body.name" {
		t.Errorf("Problem: %+v %v (%v)", p, err, res)
	}
	c := tidewaytest.New(app).WithHeader("X-Key", "fixed")
	if res := c.Put("/echo"); res.Text() != "key=fixed" {
		t.Errorf("WithHeader: %v", res)
	}
	if res := c.Patch("/echo"); res.Status != 405 || res.Header.Get("Allow") != "PUT" {
		t.Errorf("Patch: %v", res)
	}
	if res := c.Delete("/items/1"); res.Status != 405 {
		t.Errorf("Delete: %v", res)
	}
	var v any
	if err := (&tidewaytest.Response{Body: []byte("{} x")}).JSON(&v); err == nil {
		t.Error("JSON accepted trailing data")
	}
	if s := res.String(); !strings.Contains(s, "422") {
		t.Errorf("String() = %q", s)
	}
}
