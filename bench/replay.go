package bench

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
)

// replayBody is a request body that can be read again after rewind, so one
// prepared POST serves every iteration without allocating a new reader.
type replayBody struct {
	bytes.Reader
	data []byte
}

func (b *replayBody) Close() error { return nil }

// rewind makes the whole body readable again.
func (b *replayBody) rewind() { b.Reset(b.data) }

// prepared is a request that a benchmark sends on every iteration: rewind
// it, then serve it.
type prepared struct {
	r    *http.Request
	body *replayBody // nil without a body
}

// prepare builds the request method target, with a JSON body if body is
// not empty.
func prepare(method, target, body string) *prepared {
	p := &prepared{r: httptest.NewRequest(method, target, nil)}
	if body != "" {
		p.body = &replayBody{data: []byte(body)}
		p.body.rewind()
		p.r.Body = p.body
		p.r.ContentLength = int64(len(body))
		p.r.Header.Set("Content-Type", "application/json")
	}
	return p
}

// rewind readies p to be served again.
func (p *prepared) rewind() {
	if p.body != nil {
		p.body.rewind()
	}
}

// resetWriter is nopWriter whose headers are cleared before each request,
// as a server's fresh ResponseWriter would have them, without allocating.
func resetWriter(w *nopWriter) { clear(w.h) }

// trimNewline drops the newline an encoding/json Encoder ends a body with.
func trimNewline(s string) string { return strings.TrimSuffix(s, "\n") }
