package respond

import (
	"context"
	"log/slog"
)

// WithRequestID returns ctx carrying id as the request's ID. Middleware
// that gives requests IDs (mw.RequestID) puts them there, so that every
// log line written for the request, ErrorWriter's among them, can name
// it; see RequestID.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request ID WithRequestID put in ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// requestIDKey is the context key of the request ID.
type requestIDKey struct{}

// AppendRequestID returns attrs followed by request_id=ID when ctx has a
// request ID (see WithRequestID), for a log line about the request.
func AppendRequestID(ctx context.Context, attrs []slog.Attr) []slog.Attr {
	if id := RequestID(ctx); id != "" {
		attrs = append(attrs, slog.String("request_id", id))
	}
	return attrs
}
