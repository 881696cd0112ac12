// Package tidewaytest drives a Tideway app in process, without a socket,
// the way Thruster's testing module does:
//
//	res := tidewaytest.Get(app, "/plaintext")
//	if res.Status != 200 || res.Text() != "Hello, World!" { ... }
//
// Requests go to a real net/http server running the app through the same
// adapter a deployment uses (adapters/nethttp), over in-memory pipes
// instead of a socket, with net/http's client. So a response here is
// exactly what a client of a real server gets: the server's own answers to
// malformed requests, its Content-Type sniffing and Content-Length, and a
// response cut short (Response.Err) when a stream fails half way.
package tidewaytest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/internal/memnet"
	"github.com/tideway-go/tideway/respond"
)

// Client sends requests to one app in process. Create it with New and
// Close it when done. A Client is safe for concurrent use.
type Client struct {
	srv    *server
	client *http.Client
	header http.Header
}

// server is the app's net/http server on an in-memory listener; Clients
// made by WithHeader share it.
type server struct {
	ln  *memnet.Listener
	srv *http.Server
}

// New returns a Client for app (a *tideway.App), serving it on an
// in-memory listener until Close.
func New(app nethttp.App) *Client {
	s := &server{ln: memnet.NewListener(), srv: &http.Server{Handler: nethttp.Handler(app)}}
	go s.srv.Serve(s.ln)
	return &Client{
		srv: s,
		client: &http.Client{
			Transport: &http.Transport{DialContext: s.ln.DialContext, DisableCompression: true},
			// A test sees a redirect as the app sent it.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		header: http.Header{},
	}
}

// Close stops the server. Requests in flight are cut off.
func (c *Client) Close() error {
	c.client.CloseIdleConnections()
	return c.srv.srv.Close()
}

// WithHeader returns a copy of c that adds the header to every request.
func (c *Client) WithHeader(name, value string) *Client {
	h := c.header.Clone()
	h.Add(name, value)
	return &Client{srv: c.srv, client: c.client, header: h}
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
		if body == "" {
			r.Body = http.NoBody
		}
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
	}
}

// Do sends a request with the given method and target ("/path?query"),
// which is sent exactly as written, so a test can send what a browser
// would not (the server answers a target it cannot parse, such as
// "/a%zz", with its own 400). If the request cannot be sent, or the
// response is cut short, Response.Err says why.
func (c *Client) Do(method, target string, opts ...Option) *Response {
	req, err := http.NewRequestWithContext(context.Background(), method, "http://tidewaytest/", nil)
	if err != nil {
		return &Response{Err: err}
	}
	req.URL.Opaque = target
	for k, v := range c.header {
		req.Header[k] = append([]string(nil), v...)
	}
	for _, o := range opts {
		o(req)
	}
	res, err := c.client.Do(req)
	if err != nil {
		return &Response{Err: err}
	}
	defer res.Body.Close()
	r := &Response{Status: res.StatusCode, Header: res.Header}
	r.Body, r.Err = io.ReadAll(res.Body)
	r.Header.Del("Date") // the only part of a response that changes by itself
	return r
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
	return once(app, http.MethodGet, target, opts)
}

// Post sends a POST request to app, in process.
func Post(app nethttp.App, target string, opts ...Option) *Response {
	return once(app, http.MethodPost, target, opts)
}

func once(app nethttp.App, method, target string, opts []Option) *Response {
	c := New(app)
	defer c.Close()
	return c.Do(method, target, opts...)
}

// Response is what the app answered.
type Response struct {
	Status int
	Header http.Header // without Date
	Body   []byte
	// Err is why no response came, or why the body ended early (a stream
	// the app cut short after an error).
	Err error
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
	if r.Err != nil && r.Status == 0 {
		return "no response: " + r.Err.Error()
	}
	s := fmt.Sprintf("%d %s %q", r.Status, r.Header.Get("Content-Type"), r.Body)
	if r.Err != nil {
		s += " (cut short: " + r.Err.Error() + ")"
	}
	return s
}
