package fasthttp

import (
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway"
)

type benchID struct {
	ID string `path:"id"`
}

// BenchmarkHandler serves a small GET through the adapter, in process.
func BenchmarkHandler(b *testing.B) {
	app := tideway.New(nil)
	app.At("/items/{id}").Get(func(p benchID) string { return p.ID })
	h := Handler(app)
	var req fasthttp.Request
	req.SetRequestURI("/items/42")
	var rc fasthttp.RequestCtx
	rc.Init(&req, nil, nil)
	b.ReportAllocs()
	for b.Loop() {
		rc.Response.Reset()
		h(&rc)
	}
	if string(rc.Response.Body()) != "42" {
		b.Fatalf("%q", rc.Response.Body())
	}
}
