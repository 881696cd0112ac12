package fasthttp

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway/view"
)

// response is the view of a *fasthttp.RequestCtx's response. fasthttp
// sends a response when the handler returns; until the app flushes, the
// body is kept in the ctx as usual. The first Flush hands the response
// over to fasthttp (see handler.serve), and from then on the body goes
// through a pipe that fasthttp copies to the client chunk by chunk.
type response struct {
	rc       *fasthttp.RequestCtx
	v        *views
	status   int
	head     bool // a HEAD request: fasthttp sends no body
	inline   bool // served on fasthttp's goroutine: Flush cannot stream
	declared int  // the Content-Length the app set, or -1

	// Set once the response is streaming:
	pw   *io.PipeWriter
	sent *fasthttp.ResponseHeader // a copy: fasthttp is sending the ctx's
	buf  []byte                   // written since the last Flush
	err  error                    // the first error writing to the client
}

var (
	_ view.Response     = (*response)(nil)
	_ view.LengthSetter = (*response)(nil)
	_ io.StringWriter   = (*response)(nil)
)

// Raw returns the ctx, which the app may then write to.
func (s *response) Raw() any {
	s.v.req.expose()
	return s.rc
}

// Status returns the status sent. A handler that set a status other than
// 200, or wrote a body, through the raw ctx counts as having responded.
// The views' own writes set status, so the ctx need only be looked at once
// it has been exposed to other code (see request.exposed).
func (s *response) Status() int {
	if s.status != 0 || !s.v.req.exposed.Load() {
		return s.status
	}
	return s.rawStatus()
}

// rawStatus is Status from the ctx, for a response that has sent no
// status through the views.
func (s *response) rawStatus() int {
	if c := s.rc.Response.StatusCode(); c != http.StatusOK || len(s.rc.Response.Body()) > 0 {
		return c
	}
	return 0
}

func (s *response) SetHeader(name, value string) {
	switch {
	case s.pw != nil:
		return // the header has been sent
	case name == "Content-Type":
		// fasthttp keeps Content-Type apart from other headers; setting it
		// directly skips the generic header path.
		s.rc.Response.Header.SetContentType(value)
		return
	case name == "Content-Length":
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 {
			return
		}
		s.declared = n
	}
	s.rc.Response.Header.Set(name, value)
}

// SetContentLength is SetHeader("Content-Length", n) without formatting n.
func (s *response) SetContentLength(n int) {
	if s.pw != nil || n < 0 {
		return // the header has been sent
	}
	s.declared = n
	s.rc.Response.Header.SetContentLength(n)
}

func (s *response) AddHeader(name, value string) {
	if s.pw == nil {
		s.rc.Response.Header.Add(name, value)
	}
}

func (s *response) DelHeader(name string) {
	if s.pw != nil {
		return
	}
	if name == "Content-Length" {
		s.declared = -1
	}
	s.rc.Response.Header.Del(name)
}

func (s *response) GetHeader(name string) string {
	if s.sent != nil {
		return string(s.sent.Peek(name))
	}
	return string(s.rc.Response.Header.Peek(name))
}

func (s *response) WriteHeader(status int) {
	if s.Status() != 0 {
		return
	}
	s.status = status
	s.rc.SetStatusCode(status)
}

func (s *response) Write(p []byte) (int, error) {
	if s.pw == nil && bodyAllowed(s.status) {
		// The usual case, in short: the status is sent (bodyAllowed(0)
		// is false) and the body is kept in the ctx.
		return s.rc.Write(p)
	}
	status := s.Status()
	if status == 0 {
		s.WriteHeader(http.StatusOK)
		status = http.StatusOK
	}
	if !bodyAllowed(status) {
		return 0, http.ErrBodyNotAllowed
	}
	if s.pw == nil {
		// Kept for Content-Length and sniffing even for HEAD, as
		// net/http does; fasthttp sends no body for HEAD.
		return s.rc.Write(p)
	}
	if s.err != nil {
		return 0, s.err
	}
	if s.head {
		return len(p), nil
	}
	s.buf = append(s.buf, p...)
	if len(s.buf) >= streamBuffer {
		if err := s.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// WriteString is Write for a string. A response held whole in the ctx, the
// usual case, appends it there without converting it to []byte first.
func (s *response) WriteString(str string) (int, error) {
	if s.pw == nil && bodyAllowed(s.status) {
		return s.rc.WriteString(str) // as in Write
	}
	if status := s.Status(); s.pw != nil || status == 0 || !bodyAllowed(status) {
		return s.Write([]byte(str))
	}
	return s.rc.WriteString(str)
}

// streamBuffer is how much a streaming response holds before sending it
// without waiting for Flush (net/http's writer buffers 4 KiB).
const streamBuffer = 4 << 10

// Flush sends the status, the headers and the body written so far. The
// first call hands the response over to fasthttp; later calls send what
// was written since.
func (s *response) Flush() error {
	if s.Status() == 0 {
		s.WriteHeader(http.StatusOK)
	}
	if s.inline {
		// The endpoint was not expected to flush (tideway.App.Prepare):
		// the body goes out, whole, when the app returns.
		return nil
	}
	if s.pw == nil {
		s.stream()
	}
	if s.err != nil {
		return s.err
	}
	if s.head || !bodyAllowed(s.Status()) {
		// No body follows: fasthttp closes the pipe once it has sent the
		// headers, and the response is complete. Without this, a HEAD
		// request for server-sent events would stream into the void.
		if _, err := s.pw.Write(nil); err != nil {
			s.fail(context.Canceled)
		}
		return s.err
	}
	if len(s.buf) == 0 {
		return nil
	}
	_, err := s.pw.Write(s.buf)
	s.buf = s.buf[:0]
	if err != nil {
		s.fail(err) // fasthttp could not write: the client is gone
	}
	return s.err
}

// fail records the error that ends a streaming response and cancels the
// request's context.
func (s *response) fail(err error) {
	s.err = err
	s.v.req.endCtx()
}

// stream switches the response to streaming: the body written so far
// becomes the start of the stream, and serve, waiting in fasthttp's
// handler, is told to return so fasthttp sends the headers.
func (s *response) stream() {
	s.sniff()
	s.buf = append(s.buf[:0], s.rc.Response.Body()...)
	pr, pw := io.Pipe()
	s.pw = pw
	size := -1 // chunked, as net/http sends a flushed body of unknown length
	status := s.Status()
	if s.declared >= 0 && bodyAllowed(status) {
		size = s.declared
	}
	if s.head || !bodyAllowed(status) {
		// No body will follow: a chunked header would make fasthttp
		// write a trailer section after it.
		if size < 0 {
			size = 0
		}
		s.buf = s.buf[:0]
	}
	s.rc.Response.SetBodyStream(pr, size)
	s.rc.Response.ImmediateHeaderFlush = true
	s.status = status // from now on, nothing reads the ctx's response
	s.sent = new(fasthttp.ResponseHeader)
	s.rc.Response.Header.CopyTo(s.sent)
	if b := s.v.req.body; b == nil && s.v.req.ContentLength() != 0 || b != nil && !b.eof {
		// The request body may still be arriving after the response
		// starts: net/http closes such a connection after the reply.
		s.rc.SetConnectionClose()
	}
	s.v.signal <- streaming
}

// end finishes a streaming response: the rest of the body is sent and the
// pipe closed, so fasthttp ends the chunked body.
func (s *response) end(abort error) {
	if abort == nil && len(s.buf) > 0 && s.err == nil {
		s.Flush() //nolint:errcheck // the client is gone; nothing to report to
	}
	if abort != nil {
		s.pw.CloseWithError(abort)
		return
	}
	s.pw.Close()
}

// sniff sets Content-Type from the body, as net/http does for a response
// with a body and no Content-Type.
func (s *response) sniff() {
	h := &s.rc.Response.Header
	if len(h.ContentType()) > 0 {
		return
	}
	body := s.rc.Response.Body()
	if len(body) == 0 || !bodyAllowed(s.Status()) {
		return
	}
	if len(h.Peek("Transfer-Encoding")) > 0 {
		return
	}
	h.SetContentType(http.DetectContentType(body))
}

// bodyAllowed reports whether a status may have a body (RFC 9110).
func bodyAllowed(status int) bool {
	return status >= 200 && status != 204 && status != 304
}
