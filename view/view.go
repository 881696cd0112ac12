// Package view is the small vocabulary that every layer of Tideway shares:
// the request and response views that each server adapter implements over
// its own types, and the field errors that binding reports and responders
// render. It has no dependencies beyond the standard library, so route,
// bind, respond and the adapters can all import it.
//
// An adapter implements Request and Response directly over its server's
// types (net/http's *http.Request and http.ResponseWriter, fasthttp's
// *fasthttp.RequestCtx); nothing converts between servers.
//
// Views belong to one request: adapters reuse them, and the body reader
// behind them, once the app has served it. Code that outlives the request
// copies what it needs first (as mw.Timeout does).
package view

import (
	"context"
	"io"
)

// Request is a read-only view of an HTTP request.
type Request interface {
	// Context returns the request's context: cancelled when the client
	// goes away (as far as the server can tell) or the request ends.
	Context() context.Context
	// Method returns the request method, exactly as sent (case-sensitive).
	Method() string
	// Path returns the request path, still percent-escaped as sent.
	Path() string
	// RawQuery returns the query string without the '?', still escaped.
	RawQuery() string
	// Header returns the first value of the named header (case-insensitive)
	// and whether the request had it at all.
	Header(name string) (string, bool)
	// Host returns the Host header (or the authority of an absolute URL).
	Host() string
	// RemoteAddr returns the client's network address.
	RemoteAddr() string
	// ContentLength returns the declared body length, or -1 if unknown.
	ContentLength() int64
	// Body returns the request body. It may be read once.
	Body() io.Reader
	// Raw returns the server's own request value (*http.Request for
	// net/http, *fasthttp.RequestCtx for fasthttp), for escape hatches.
	Raw() any
}

// Response is a write-only view of an HTTP response.
//
// A Response may also implement io.StringWriter, to take a string body
// without a conversion to []byte; the standard responders use it when it
// is there. A wrapper that changes what Write does must not expose its
// inner response's WriteString.
type Response interface {
	// SetHeader replaces the named response header.
	SetHeader(name, value string)
	// AddHeader adds a value to the named response header.
	AddHeader(name, value string)
	// DelHeader removes the named response header.
	DelHeader(name string)
	// GetHeader returns the first value of the named response header.
	GetHeader(name string) string
	// WriteHeader sends the status line and headers. Only the first call
	// has an effect.
	WriteHeader(status int)
	// Write writes body bytes, sending a 200 status first if none was sent.
	Write(p []byte) (int, error)
	// Flush sends buffered body bytes to the client now, for streams.
	Flush() error
	// Status returns the status sent, or 0 if none was sent yet.
	Status() int
	// Raw returns the server's own response value (http.ResponseWriter for
	// net/http, *fasthttp.RequestCtx for fasthttp).
	Raw() any
}

// FieldError is one bad input of a request: where it came from, its name
// on the wire, and what is wrong with it.
type FieldError struct {
	// Location is "path", "query", "header", "cookie", "form" or "body".
	Location string `json:"location"`
	// Field is the wire name with its position, such as "id", "limit" or
	// "items[3].name"; empty for the body as a whole.
	Field string `json:"field,omitempty"`
	// Reason says what is wrong, in lowercase words.
	Reason string `json:"reason"`
}

// Key returns Location and Field joined as in a problem body:
// "path.id", "query.limit", "body.items[3].name", or "body".
func (e FieldError) Key() string {
	if e.Field == "" {
		return e.Location
	}
	return e.Location + "." + e.Field
}

// LengthSetter is implemented by responses that can take the length of a
// body about to be written whole more cheaply than a formatted
// SetHeader("Content-Length", ...); respond uses it when it can.
type LengthSetter interface {
	SetContentLength(n int)
}
