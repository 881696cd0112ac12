// Package viewtest has in-memory implementations of view.Request and
// view.Response for Tideway's own tests.
package viewtest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/tideway-go/tideway/view"
)

// Request is a view.Request built from plain fields.
type Request struct {
	Ctx      context.Context
	Verb     string
	URLPath  string // escaped
	Query    string
	Headers  http.Header
	BodyText string
	// Length is the declared Content-Length; NewRequest sets it from the
	// body, -1 means unknown.
	Length int64
}

var _ view.Request = (*Request)(nil)

// NewRequest returns a request for method and target ("/path?query"),
// with a body and header pairs ("Name", "value", ...).
func NewRequest(method, target, body string, headers ...string) *Request {
	path, query, _ := strings.Cut(target, "?")
	r := &Request{Ctx: context.Background(), Verb: method, URLPath: path, Query: query, Headers: http.Header{}, BodyText: body, Length: int64(len(body))}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Headers.Add(headers[i], headers[i+1])
	}
	return r
}

// Context implements view.Request.
func (r *Request) Context() context.Context { return r.Ctx }

// Method implements view.Request.
func (r *Request) Method() string { return r.Verb }

// Path implements view.Request.
func (r *Request) Path() string { return r.URLPath }

// RawQuery implements view.Request.
func (r *Request) RawQuery() string { return r.Query }

// Header implements view.Request.
func (r *Request) Header(name string) (string, bool) {
	v := r.Headers[textproto.CanonicalMIMEHeaderKey(name)]
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// Host implements view.Request.
func (r *Request) Host() string { return "example.com" }

// RemoteAddr implements view.Request.
func (r *Request) RemoteAddr() string { return "192.0.2.1:1234" }

// ContentLength implements view.Request.
func (r *Request) ContentLength() int64 { return r.Length }

// Body implements view.Request.
func (r *Request) Body() io.Reader { return strings.NewReader(r.BodyText) }

// Raw implements view.Request.
func (r *Request) Raw() any { return r }

// Response records what is written to it.
type Response struct {
	Code    int
	Headers http.Header
	Body    bytes.Buffer
	Flushes int
}

var _ view.Response = (*Response)(nil)

// NewResponse returns an empty Response.
func NewResponse() *Response { return &Response{Headers: http.Header{}} }

// SetHeader implements view.Response.
func (w *Response) SetHeader(name, value string) { w.Headers.Set(name, value) }

// AddHeader implements view.Response.
func (w *Response) AddHeader(name, value string) { w.Headers.Add(name, value) }

// DelHeader implements view.Response.
func (w *Response) DelHeader(name string) { w.Headers.Del(name) }

// GetHeader implements view.Response.
func (w *Response) GetHeader(name string) string { return w.Headers.Get(name) }

// WriteHeader implements view.Response.
func (w *Response) WriteHeader(status int) {
	if w.Code == 0 {
		w.Code = status
	}
}

// Write implements view.Response.
func (w *Response) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.Body.Write(p)
}

// Flush implements view.Response.
func (w *Response) Flush() error { w.Flushes++; return nil }

// Status implements view.Response.
func (w *Response) Status() int { return w.Code }

// Raw implements view.Response.
func (w *Response) Raw() any { return w }
