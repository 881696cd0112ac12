// Package nethttp serves a Tideway app over net/http.
//
// Handler turns an app into an http.Handler for any server or router:
//
//	http.ListenAndServe(":4321", nethttp.Handler(app))
//	mux.Handle("/api/", http.StripPrefix("/api", nethttp.Handler(app)))
//
// ListenAndServe runs a server with safe defaults and shuts it down
// gracefully on SIGINT, SIGTERM or the cancellation of its context.
// Handlers that need the raw request or writer take a view.Request or
// view.Response parameter and call Request or ResponseWriter on it.
//
// The app routes on the request's escaped path (URL.EscapedPath), so
// "%2F" inside a segment stays inside that parameter.
package nethttp

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/view"
)

// App is what this adapter serves: *tideway.App implements it.
type App interface {
	ServeView(w view.Response, r view.Request)
}

// slotServer is an App that can keep its per-request state in the
// adapter's pooled views (*tideway.App does).
type slotServer interface {
	ServeSlot(s *tideway.Slot, w view.Response, r view.Request) bool
}

// Handler returns an http.Handler that serves app.
//
// Standard net/http middleware (func(http.Handler) http.Handler, such as a
// CORS or tracing handler) wraps the app at its outermost level, the first
// given outermost; it sees every request before Tideway routes it.
func Handler(app App, mw ...func(http.Handler) http.Handler) http.Handler {
	h := &handler{app: app, views: sync.Pool{New: func() any { return new(views) }}}
	h.tw, _ = app.(*tideway.App)
	h.slots, _ = app.(slotServer)
	return wrap(h, mw)
}

// wrap applies mw around h, the first outermost.
func wrap(h http.Handler, mw []func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

type handler struct {
	app   App
	tw    *tideway.App // app, when it is one: called directly
	slots slotServer   // app, when it can use a Slot
	views sync.Pool    // *views
}

// views holds both views of one request and the app's state for it, so
// serving allocates nothing and takes one pool round trip.
type views struct {
	req  request
	resp response
	slot tideway.Slot
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v := h.views.Get().(*views)
	v.req.r = r
	v.resp.w, v.resp.status = w, 0
	switch {
	case h.tw != nil:
		if sentAsIs(r) || noEscapes(r.URL) { // the path the app routes on; see request.Path
			v.slot.Target(r.Method, r.URL.Path, len(r.URL.RawQuery), true)
		}
		if !h.tw.ServeSlot(&v.slot, &v.resp, &v.req) {
			return // a detached request may still use the views
		}
	case h.slots != nil:
		if !h.slots.ServeSlot(&v.slot, &v.resp, &v.req) {
			return
		}
	default:
		h.app.ServeView(&v.resp, &v.req)
	}
	v.req.r, v.resp.w = nil, nil
	h.views.Put(v)
}

// request is the view of an *http.Request.
type request struct{ r *http.Request }

var _ view.Request = (*request)(nil)

func (q *request) Context() context.Context { return q.r.Context() }
func (q *request) Method() string           { return q.r.Method }
func (q *request) RawQuery() string         { return q.r.URL.RawQuery }
func (q *request) Host() string             { return q.r.Host }
func (q *request) RemoteAddr() string       { return q.r.RemoteAddr }
func (q *request) ContentLength() int64     { return q.r.ContentLength }
func (q *request) Raw() any                 { return q.r }

func (q *request) Header(name string) (string, bool) {
	// The server stores canonical keys, and callers mostly ask for them
	// ("Content-Type"): try the key as given before canonicalizing it.
	if v := q.r.Header[name]; len(v) > 0 {
		return v[0], true
	}
	v := q.r.Header.Values(name)
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

func (q *request) Body() io.Reader {
	if q.r.Body == nil {
		return http.NoBody
	}
	return q.r.Body
}

// response is the view of an http.ResponseWriter.
type response struct {
	w      http.ResponseWriter
	status int
}

var (
	_ view.Response     = (*response)(nil)
	_ view.LengthSetter = (*response)(nil)
	_ io.StringWriter   = (*response)(nil)
)

func (s *response) SetHeader(name, value string) {
	if shared, ok := sharedValues[value]; ok && name == "Content-Type" {
		// A shared one-element slice saves an allocation per response;
		// net/http never writes into header value slices.
		s.w.Header()[name] = shared
		return
	}
	s.w.Header().Set(name, value)
}

// sharedValues are the Content-Type values Tideway's responders send.
var sharedValues = map[string][]string{
	"application/json":          {"application/json"},
	"application/problem+json":  {"application/problem+json"},
	"text/plain; charset=utf-8": {"text/plain; charset=utf-8"},
	"application/octet-stream":  {"application/octet-stream"},
}

func (s *response) AddHeader(name, value string) { s.w.Header().Add(name, value) }
func (s *response) DelHeader(name string)        { s.w.Header().Del(name) }
func (s *response) GetHeader(name string) string { return s.w.Header().Get(name) }
func (s *response) Status() int                  { return s.status }
func (s *response) Raw() any                     { return s.w }

// SetContentLength sets the length of a body about to be written whole.
// net/http works it out itself for a body that small, written at once
// before the handler returns, so the header is only set for larger ones:
// formatting and storing it costs two allocations per response.
func (s *response) SetContentLength(n int) {
	if n < smallBody {
		return
	}
	s.w.Header().Set("Content-Length", strconv.Itoa(n))
}

// smallBody is net/http's buffer before it switches to chunked encoding
// (bufferBeforeChunkingSize in net/http/server.go).
const smallBody = 2048

func (s *response) WriteHeader(status int) {
	if s.status != 0 {
		return
	}
	s.status = status
	s.w.WriteHeader(status)
}

func (s *response) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.WriteHeader(http.StatusOK)
	}
	return s.w.Write(p)
}

// WriteString is Write for a string: net/http's writer copies it into its
// buffer without a conversion to []byte.
func (s *response) WriteString(p string) (int, error) {
	if s.status == 0 {
		s.WriteHeader(http.StatusOK)
	}
	return io.WriteString(s.w, p)
}

func (s *response) Flush() error {
	return http.NewResponseController(s.w).Flush()
}

// Path returns the path as the client sent it, for routing. Most often
// URL.Path is exactly that (see sentAsIs). Otherwise, when net/url kept
// no RawPath and the decoded Path holds no '%', Path differs from the sent
// path at most in escapes of bytes that are not '/' or '%' (net/url
// records RawPath whenever re-escaping Path would not give back what was
// sent, as for "%2F"), so it splits into the same segments with the same
// values, and the cost of EscapedPath's re-escaping is saved.
func (q *request) Path() string {
	if sentAsIs(q.r) || noEscapes(q.r.URL) {
		return q.r.URL.Path
	}
	return q.r.URL.EscapedPath()
}

// noEscapes reports whether net/url kept no RawPath for u and its decoded
// Path holds no '%'.
func noEscapes(u *url.URL) bool { return u.RawPath == "" && strings.IndexByte(u.Path, '%') < 0 }

// sentAsIs reports whether r.URL.Path is the path of the request target
// as the client sent it, RequestURI up to its query, and found so without
// comparing bytes: when the path has no escapes, the server does not copy
// it, so URL.Path starts where RequestURI does. That costs less than
// looking for a '%', and the path then holds none, since the server
// decodes every escape into something else. (A hand-made request whose
// RequestURI and URL.Path agree on a path with a '%' is routed on
// URL.Path with the '%' as a byte, which gives the values URL.Path, the
// decoded path, says.) When handlers before the adapter have changed
// URL.Path (http.StripPrefix, say), or the path held escapes, it is
// false.
func sentAsIs(r *http.Request) bool {
	s, p := r.RequestURI, r.URL.Path
	return len(p) > 0 && len(s) >= len(p) && unsafe.StringData(s) == unsafe.StringData(p) &&
		(len(s) == len(p) || s[len(p)] == '?')
}

// Request returns the *http.Request behind a request view, or nil if the
// view is not from this adapter.
func Request(r view.Request) *http.Request {
	if q, ok := r.Raw().(*http.Request); ok {
		return q
	}
	return nil
}

// ResponseWriter returns the http.ResponseWriter behind a response view,
// or nil if the view is not from this adapter.
func ResponseWriter(w view.Response) http.ResponseWriter {
	if s, ok := w.Raw().(http.ResponseWriter); ok {
		return s
	}
	return nil
}
