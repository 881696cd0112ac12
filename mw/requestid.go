package mw

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
)

// RequestIDHeader is the header RequestID reads and writes unless told
// otherwise.
const RequestIDHeader = "X-Request-ID"

// RequestIDOptions configures RequestIDWith. The zero value is RequestID's
// behaviour.
type RequestIDOptions struct {
	// Header carries the ID on the request and the response; default
	// RequestIDHeader.
	Header string
	// Generate returns a new ID; default 16 bytes from crypto/rand,
	// hex-encoded. It must be safe for concurrent use.
	Generate func() string
}

// RequestID returns middleware that gives each request an ID: the one the
// client sent in X-Request-ID if it is valid, or a new random one. The ID
// is set on the response's X-Request-ID header and put in the request's
// context, where handlers find it with RequestIDFrom, and every log line
// written about the request names it as request_id: Logger's, Recover's
// and Timeout's, the error mapping's for a 5xx, the app's for a panic.
//
// An incoming ID is valid when it has 1 to 128 characters, each an ASCII
// letter or digit or one of ".", "_", ":", "-". Anything else is replaced,
// never reflected, so a client cannot inject text into responses or logs.
//
// Place it outside Logger so the ID is in each log line.
func RequestID() tideway.Middleware { return RequestIDWith(RequestIDOptions{}) }

// RequestIDWith is RequestID with another header or generator.
func RequestIDWith(opts RequestIDOptions) tideway.Middleware {
	header, generate := opts.Header, opts.Generate
	if header == "" {
		header = RequestIDHeader
	}
	if generate == nil {
		generate = newRequestID
	}
	return func(c *tideway.Call, next tideway.Next) error {
		id, ok := c.Request.Header(header)
		if !ok || !validRequestID(id) {
			id = generate()
		}
		c.Response.SetHeader(header, id)
		// The request keeps the context with the ID after next returns:
		// the app maps a returned error, and logs a panic, once the chain
		// has unwound, and those log lines must name the ID too.
		r := c.Request
		c.Request = &ctxRequest{Request: r, ctx: respond.WithRequestID(r.Context(), id)}
		return next(c)
	}
}

// RequestIDFrom returns the request ID that RequestID put in ctx, or ""
// if there is none. RequestID puts it there with respond.WithRequestID,
// so the error log of respond.ErrorWriter and the panic logs of the app,
// Recover and Timeout name it too.
func RequestIDFrom(ctx context.Context) string { return respond.RequestID(ctx) }

// newRequestID returns 16 random bytes, hex-encoded.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails; see crypto/rand.Read
	return hex.EncodeToString(b[:])
}

// validRequestID reports whether id is safe to honour: 1..128 characters
// of [A-Za-z0-9._:-].
func validRequestID(id string) bool {
	if len(id) == 0 || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch b := id[i]; {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9',
			b == '.', b == '_', b == ':', b == '-':
		default:
			return false
		}
	}
	return true
}
