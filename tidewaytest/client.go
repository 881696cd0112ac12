// Package tidewaytest drives a Tideway app in process, without a socket,
// the way Thruster's testing module does:
//
//	res := tidewaytest.Get(app, "/plaintext")
//	if res.Status != 200 || res.Text() != "Hello, World!" { ... }
//
// Requests go through the same net/http adapter a server uses
// (adapters/nethttp), into an httptest.ResponseRecorder, so a response
// here has the status, headers and body a client of a real server would
// get (less the Date header the server adds).
package tidewaytest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
)

// Client sends requests to one app in process. Its zero value is not
// usable; create it with New. A Client is safe for concurrent use.
type Client struct {
	handler http.Handler
	header  http.Header
}

// New returns a Client for app (a *tideway.App).
func New(app nethttp.App) *Client {
	return &Client{handler: nethttp.Handler(app), header: http.Header{}}
}

// WithHeader returns a copy of c that adds the header to every request.
func (c *Client) WithHeader(name, value string) *Client {
	h := c.header.Clone()
	h.Add(name, value)
	return &Client{handler: c.handler, header: h}
}

// Option adds something to one request.
type Option func(*http.Request)

// Header adds a request header.
func Header(name, value string) Option {
	return func(r *http.Request) { r.Header.Add(name, value) }
}

// JSON sends v encoded as JSON with Content-Type application/json. It
// panics if v cannot be encoded: that is a mistake in the test.
func JSON(v any) Option {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("tidewaytest.JSON: %v", err))
	}
	return Body("application/json", string(b))
}

// Body sends body as is, with the given Content-Type ("" sends none).
func Body(contentType, body string) Option {
	return func(r *http.Request) {
		r.Body = io.NopCloser(strings.NewReader(body))
		r.ContentLength = int64(len(body))
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
	}
}

// Do sends a request with the given method and target ("/path?query").
// A target net/http would refuse to parse (such as "/a%zz") gets the 400
// that a net/http server answers before any handler runs.
func (c *Client) Do(method, target string, opts ...Option) *Response {
	if _, err := url.ParseRequestURI(target); err != nil {
		return &Response{
			Status: http.StatusBadRequest,
			Header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "Connection": {"close"}},
			Body:   []byte("400 Bad Request"),
		}
	}
	req := httptest.NewRequest(method, target, nil)
	for k, v := range c.header {
		req.Header[k] = append([]string(nil), v...)
	}
	for _, o := range opts {
		o(req)
	}
	rec := httptest.NewRecorder()
	c.handler.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: body}
}

// Get sends a GET request.
func (c *Client) Get(target string, opts ...Option) *Response {
	return c.Do(http.MethodGet, target, opts...)
}

// Post sends a POST request.
func (c *Client) Post(target string, opts ...Option) *Response {
	return c.Do(http.MethodPost, target, opts...)
}

// Put sends a PUT request.
func (c *Client) Put(target string, opts ...Option) *Response {
	return c.Do(http.MethodPut, target, opts...)
}

// Patch sends a PATCH request.
func (c *Client) Patch(target string, opts ...Option) *Response {
	return c.Do(http.MethodPatch, target, opts...)
}

// Delete sends a DELETE request.
func (c *Client) Delete(target string, opts ...Option) *Response {
	return c.Do(http.MethodDelete, target, opts...)
}

// Get sends a GET request to app, in process.
func Get(app nethttp.App, target string, opts ...Option) *Response {
	return New(app).Get(target, opts...)
}

// Post sends a POST request to app, in process.
func Post(app nethttp.App, target string, opts ...Option) *Response {
	return New(app).Post(target, opts...)
}

// Response is what the app answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Text returns the body as a string.
func (r *Response) Text() string { return string(r.Body) }

// JSON decodes the body into v, failing on trailing data.
func (r *Response) JSON(v any) error {
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("tidewaytest: decoding %d response: %w (body %q)", r.Status, err, r.Body)
	}
	if dec.More() {
		return fmt.Errorf("tidewaytest: data after the JSON value in %q", r.Body)
	}
	return nil
}

// Problem decodes an RFC 9457 problem body, failing unless the response
// has Content-Type application/problem+json.
func (r *Response) Problem() (respond.Problem, error) {
	var p respond.Problem
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		return p, fmt.Errorf("tidewaytest: %d response has Content-Type %q, not application/problem+json (body %q)", r.Status, ct, r.Body)
	}
	return p, r.JSON(&p)
}

// String summarises the response for test failure messages.
func (r *Response) String() string {
	return fmt.Sprintf("%d %s %q", r.Status, r.Header.Get("Content-Type"), r.Body)
}
