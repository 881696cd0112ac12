package tideway

import (
	"fmt"
	"log/slog"

	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// Config is the configuration of one level of the table of contents: the
// app, a router, a resource or a single endpoint. A zero field inherits
// from the level above; the endpoint's merged value is worked out when the
// route is registered, so requests never walk the hierarchy. Set a level's
// Config before registering routes under it.
type Config struct {
	// BodyLimit caps request bodies in bytes; default 1 MiB (bind.DefaultBodyLimit).
	BodyLimit int64
	// Unknown says what to do with query keys and JSON body fields that no
	// field binds: Reject (400, the default) or Ignore.
	Unknown Unknown
	// Logger receives server errors; default slog.Default().
	Logger *slog.Logger
	// ErrorFormat, if set, writes error responses instead of the default
	// RFC 9457 problem body: it gets the problem Tideway would send (status,
	// title, detail, field errors) and may add to it or write another
	// format. See respond.ErrorWriter.
	ErrorFormat func(w view.Response, r view.Request, p *respond.Problem) error
	// Limits bounds the rest of the input (JSON depth, query parameters,
	// slice indexes, the length of the request target); zero fields keep
	// the defaults (package bind's, DefaultURILength).
	Limits Limits
	// Middleware is added inside the middleware of the levels above:
	// unlike the other fields, it accumulates rather than overrides.
	Middleware []Middleware
	// Doc documents the operations under this level in the app's OpenAPI
	// document (see App.OpenAPI): summary, description, tags, operationId,
	// deprecation. Levels merge by openapi.Doc.Merge: tags accumulate,
	// the innermost summary wins.
	Doc openapi.Doc

	// ew is Logger and ErrorFormat as one ErrorWriter, made when a level
	// sets either, so that the endpoints that inherit them share it.
	ew *respond.ErrorWriter
}

// Limits re-exports bind.Limits' fields that a Config can set, and adds
// URILength, which the app checks before routing.
type Limits struct {
	JSONDepth     int
	QueryParams   int
	MaxSliceIndex int
	// MultipartParts caps the parts of a multipart/form-data body;
	// default bind.DefaultMultipartParts (100).
	MultipartParts int
	// MultipartMemory caps the bytes of uploaded files a multipart body
	// keeps in memory, the rest going to temporary files removed when the
	// handler returns; default bind.DefaultMultipartMemory (10 MiB).
	MultipartMemory int64
	// URILength caps the path and the query of the request target
	// together, in bytes, as sent (escaped; the '?' between them is not
	// counted); default DefaultURILength. A longer target is answered 414
	// before routing, through the app's middleware. It is checked before
	// any route is chosen, so it is app-wide: set it with WithConfig or
	// the App's Config; registering a route under a router, resource or
	// endpoint that sets another value fails.
	URILength int
}

// DefaultURILength is the default Limits.URILength, 8 KiB: RFC 9112
// asks servers to accept request lines of at least 8000 octets, and the
// common front ends refuse longer ones (nginx's 8k header buffer, Apache's
// LimitRequestLine of 8190), so a longer target is either an attack or
// one no proxy in front would pass.
const DefaultURILength = 8 << 10

// ConfigError is a registration error: a route's configuration sets a
// field that cannot apply at its level.
type ConfigError struct {
	Route  string // "GET /users/{id}"
	Field  string // "Limits.URILength"
	Reason string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("tideway: %s: config field %s %s", e.Route, e.Field, e.Reason)
}

// Unknown is the policy for input keys no field binds.
type Unknown uint8

// Unknown policies.
const (
	Inherit Unknown = iota // use the level above's policy
	Reject                 // answer 400, naming each unknown key
	Ignore                 // drop them silently
)

// merge returns c overridden by the non-zero fields of o.
func (c Config) merge(o Config) Config {
	if o.BodyLimit > 0 {
		c.BodyLimit = o.BodyLimit
	}
	if o.Unknown != Inherit {
		c.Unknown = o.Unknown
	}
	if o.Logger != nil {
		c.Logger = o.Logger
	}
	if o.ErrorFormat != nil {
		c.ErrorFormat = o.ErrorFormat
	}
	if o.Logger != nil || o.ErrorFormat != nil {
		c.ew = &respond.ErrorWriter{Logger: c.Logger, Format: c.ErrorFormat}
	}
	if o.Limits.JSONDepth > 0 {
		c.Limits.JSONDepth = o.Limits.JSONDepth
	}
	if o.Limits.QueryParams > 0 {
		c.Limits.QueryParams = o.Limits.QueryParams
	}
	if o.Limits.MaxSliceIndex > 0 {
		c.Limits.MaxSliceIndex = o.Limits.MaxSliceIndex
	}
	if o.Limits.MultipartParts > 0 {
		c.Limits.MultipartParts = o.Limits.MultipartParts
	}
	if o.Limits.MultipartMemory > 0 {
		c.Limits.MultipartMemory = o.Limits.MultipartMemory
	}
	if o.Limits.URILength > 0 {
		c.Limits.URILength = o.Limits.URILength
	}
	if len(o.Middleware) > 0 {
		c.Middleware = append(append([]Middleware(nil), c.Middleware...), o.Middleware...)
	}
	c.Doc = c.Doc.Merge(o.Doc)
	return c
}

// errorWriter returns c's error mapping, shared by every endpoint that
// inherits it: an endpoint keeps a pointer, not a copy.
func (c Config) errorWriter() *respond.ErrorWriter {
	switch {
	case c.ew != nil:
		return c.ew // only merge sets Logger and ErrorFormat once ew is made
	case c.Logger == nil && c.ErrorFormat == nil:
		return &defaultErrors
	}
	return &respond.ErrorWriter{Logger: c.Logger, Format: c.ErrorFormat}
}

// defaultErrors is the error mapping of a configuration that sets neither
// Logger nor ErrorFormat. ErrorWriter's methods do not change it.
var defaultErrors respond.ErrorWriter
