package mw

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/tideway-go/tideway"
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
// context, where handlers find it with RequestIDFrom.
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
		r := c.Request
		c.Request = &ctxRequest{Request: r, ctx: context.WithValue(r.Context(), requestIDKey{}, id)}
		defer func() { c.Request = r }()
		return next(c)
	}
}

// RequestIDFrom returns the request ID that RequestID put in ctx, or ""
// if there is none.
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// requestIDKey is the context key of the request ID.
type requestIDKey struct{}

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
