package respond

import (
	"fmt"

	"github.com/tideway-go/tideway/view"
)

// Status responds with Code (200 if zero) and an optional Body: a nil Body
// sends no body, a string is sent as text/plain, a []byte as
// application/octet-stream, and anything else as JSON. Codes 204, 205 and
// 304 cannot have a body; giving one is an error.
type Status struct {
	Code int
	Body any
}

// Respond implements Responder.
func (s Status) Respond(w view.Response, _ view.Request) error {
	code, err := status("status", s.Code, 200)
	if err != nil {
		return err
	}
	if s.Body == nil {
		return writeEmpty(w, code)
	}
	if !bodyAllowed(code) {
		return fmt.Errorf("respond: status %d cannot have a body: %w", code, ErrInvalidStatus)
	}
	switch b := s.Body.(type) {
	case string:
		return writeString(w, code, typeText, b)
	case []byte:
		return write(w, code, typeBytes, b)
	default:
		body, err := marshal(b)
		if err != nil {
			return err
		}
		return write(w, code, typeJSON, body)
	}
}
