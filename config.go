package tideway

import (
	"log/slog"

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
	// slice indexes); zero fields keep the defaults of package bind.
	Limits Limits
	// Middleware is added inside the middleware of the levels above:
	// unlike the other fields, it accumulates rather than overrides.
	Middleware []Middleware
}

// Limits re-exports bind.Limits' fields that a Config can set.
type Limits struct {
	JSONDepth     int
	QueryParams   int
	MaxSliceIndex int
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
	if o.Limits.JSONDepth > 0 {
		c.Limits.JSONDepth = o.Limits.JSONDepth
	}
	if o.Limits.QueryParams > 0 {
		c.Limits.QueryParams = o.Limits.QueryParams
	}
	if o.Limits.MaxSliceIndex > 0 {
		c.Limits.MaxSliceIndex = o.Limits.MaxSliceIndex
	}
	if len(o.Middleware) > 0 {
		c.Middleware = append(append([]Middleware(nil), c.Middleware...), o.Middleware...)
	}
	return c
}

func (c Config) errorWriter() respond.ErrorWriter {
	return respond.ErrorWriter{Logger: c.Logger, Format: c.ErrorFormat}
}
