package apidocs_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/apidocs"
	"github.com/tideway-go/tideway/tidewaytest"
)

func Example() {
	app := tideway.New(nil)
	app.At("/openapi.json").Get(func(c *tideway.Call) error {
		c.Response.SetHeader("Content-Type", "application/json")
		_, err := c.Response.Write([]byte(`{"openapi":"3.1.0","info":{"title":"Hello","version":"1"},"paths":{}}`))
		return err
	})
	app.At("/docs").Get(apidocs.Handler("/openapi.json")) // open http://localhost:4321/docs

	res := tidewaytest.Get(app, "/docs")
	fmt.Println(res.Status, res.Header.Get("Content-Type"))
	fmt.Println(strings.HasPrefix(res.Header.Get("Content-Security-Policy"), "default-src 'none'"))
	fmt.Println(strings.Contains(res.Text(), `data-spec="/openapi.json"`))
	// Output:
	// 200 text/html; charset=utf-8
	// true
	// true
}

func ExampleNew() {
	page, err := apidocs.New("/openapi.json")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /docs", page)

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/docs", nil))
	etag := rec.Header().Get("ETag")
	fmt.Println(rec.Code, rec.Header().Get("Cache-Control"))

	rec = httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/docs", nil)
	req.Header.Set("If-None-Match", etag)
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body.Len())

	_, err = apidocs.New("javascript:alert(1)")
	fmt.Println(err)
	// Output:
	// 200 no-cache
	// 304 0
	// apidocs: spec URL "javascript:alert(1)": the scheme must be http or https
}
