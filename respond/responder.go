package respond

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/tideway-go/tideway/view"
)

// Responder writes a result to a response. It is the one interface every
// handler result goes out through: the standard responders of this package
// implement it, and so can any user type.
//
// Respond should check everything it can before writing: a Responder that
// returns an error without having called WriteHeader or Write leaves the
// response untouched, so the caller can still answer with an error.
type Responder interface {
	Respond(w view.Response, r view.Request) error
}

// ErrInvalidStatus is wrapped by the errors responders return when their
// status code is outside 200..599, not allowed for that responder (a
// Redirect with 200), or cannot carry the body given (a 204 with a body).
// It marks a server bug, so an ErrorWriter answers it with 500.
var ErrInvalidStatus = errors.New("respond: invalid status")

// Content types written by this package.
const (
	typeJSON    = "application/json"
	typeText    = "text/plain; charset=utf-8"
	typeBytes   = "application/octet-stream"
	typeProblem = "application/problem+json"
	typeSSE     = "text/event-stream"
)

// status returns code, or def if code is 0, checking that it is a final
// status (200..599).
func status(name string, code, def int) (int, error) {
	if code == 0 {
		return def, nil
	}
	if code < 200 || code > 599 {
		return 0, fmt.Errorf("respond: %s status %d is not in 200..599: %w", name, code, ErrInvalidStatus)
	}
	return code, nil
}

// bodyAllowed reports whether a response with the status may have a body.
func bodyAllowed(code int) bool {
	return code != 204 && code != 205 && code != 304
}

// write sends a complete response with a body of known length.
func write(w view.Response, code int, contentType string, body []byte) error {
	writeHead(w, code, contentType, len(body))
	_, err := w.Write(body)
	return err
}

// writeString is write for a string body. Through a response that is an
// io.StringWriter (both adapters' are), the body is not copied to a
// []byte first.
func writeString(w view.Response, code int, contentType string, body string) error {
	writeHead(w, code, contentType, len(body))
	var err error
	if sw, ok := w.(io.StringWriter); ok {
		_, err = sw.WriteString(body)
	} else {
		_, err = w.Write([]byte(body))
	}
	return err
}

// writeHead sends the status and headers of a response whose body is n
// bytes long.
func writeHead(w view.Response, code int, contentType string, n int) {
	w.SetHeader("Content-Type", contentType)
	if ls, ok := w.(view.LengthSetter); ok {
		ls.SetContentLength(n)
	} else {
		w.SetHeader("Content-Length", strconv.Itoa(n))
	}
	w.WriteHeader(code)
}

// writeEmpty sends a response without a body.
func writeEmpty(w view.Response, code int) error {
	if bodyAllowed(code) {
		w.SetHeader("Content-Length", "0")
	}
	w.WriteHeader(code)
	return nil
}
