package respond

import (
	"fmt"

	"github.com/tideway-go/tideway/view"
)

// Text responds with Body as text/plain; charset=utf-8. Status defaults to
// 200.
type Text struct {
	Status int
	Body   string
}

// Respond implements Responder.
func (t Text) Respond(w view.Response, _ view.Request) error {
	return writeText(w, "text", t.Status, t.Body)
}

// writeText checks the status and sends body as text.
func writeText(w view.Response, name string, code int, body string) error {
	code, err := status(name, code, 200)
	if err != nil {
		return err
	}
	if !bodyAllowed(code) {
		return fmt.Errorf("respond: %s status %d cannot have a body: %w", name, code, ErrInvalidStatus)
	}
	return writeString(w, code, typeText, body)
}
