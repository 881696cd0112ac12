package bench

import (
	"context"
	"io"
	"net/http"

	"github.com/tideway-go/tideway/view"
)

// httpView is a minimal view.Request over an *http.Request, for driving
// bind.Binder without an App: adapters/nethttp keeps its own unexported.
type httpView struct{ r *http.Request }

var _ view.Request = (*httpView)(nil)

func (v *httpView) Context() context.Context { return v.r.Context() }
func (v *httpView) Method() string           { return v.r.Method }
func (v *httpView) Path() string             { return v.r.URL.EscapedPath() }
func (v *httpView) RawQuery() string         { return v.r.URL.RawQuery }
func (v *httpView) Host() string             { return v.r.Host }
func (v *httpView) RemoteAddr() string       { return v.r.RemoteAddr }
func (v *httpView) ContentLength() int64     { return v.r.ContentLength }
func (v *httpView) Raw() any                 { return v.r }

func (v *httpView) Header(name string) (string, bool) {
	vals := v.r.Header.Values(name)
	if len(vals) == 0 {
		return "", false
	}
	return vals[0], true
}

func (v *httpView) Body() io.Reader {
	if v.r.Body == nil {
		return http.NoBody
	}
	return v.r.Body
}
