package mw_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/internal/viewtest"
)

// newApp returns an app whose own error log is discarded.
func newApp() *tideway.App {
	return tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
}

// serve runs one request through app in process.
func serve(app *tideway.App, method, target, body string, headers ...string) *viewtest.Response {
	w := viewtest.NewResponse()
	app.ServeView(w, viewtest.NewRequest(method, target, body, headers...))
	return w
}

// expect checks the status and that the body contains part.
func expect(t *testing.T, w *viewtest.Response, status int, part string) {
	t.Helper()
	if w.Code != status || !strings.Contains(w.Body.String(), part) {
		t.Errorf("got %d %q (headers %v), want %d containing %q", w.Code, w.Body.String(), w.Headers, status, part)
	}
}

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jsonLog returns a logger writing JSON records to buf.
func jsonLog(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, nil))
}

// requestWithLength is a request with a declared Content-Length; 0 keeps
// the body's length.
func requestWithLength(method, target, body string, length int64, headers ...string) *viewtest.Request {
	r := viewtest.NewRequest(method, target, body, headers...)
	if length != 0 {
		r.Length = length
	}
	return r
}

// serveRequest runs r through app in process.
func serveRequest(app *tideway.App, r *viewtest.Request) *viewtest.Response {
	w := viewtest.NewResponse()
	app.ServeView(w, r)
	return w
}

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
