package respond

import (
	"encoding/json"
	"fmt"

	"github.com/tideway-go/tideway/view"
)

// JSON responds with Value encoded by encoding/json, as application/json.
// Status defaults to 200. The value is encoded before anything is written,
// so an encoding error (a channel, a func, a failing MarshalJSON) is
// returned with the response untouched.
type JSON[T any] struct {
	Status int
	Value  T
}

// Respond implements Responder.
func (j JSON[T]) Respond(w view.Response, _ view.Request) error {
	code, err := status("json", j.Status, 200)
	if err != nil {
		return err
	}
	if !bodyAllowed(code) {
		return fmt.Errorf("respond: json status %d cannot have a body: %w", code, ErrInvalidStatus)
	}
	body, err := marshal(j.Value)
	if err != nil {
		return err
	}
	return write(w, code, typeJSON, body)
}

// marshal encodes v as JSON, wrapping any error.
func marshal(v any) ([]byte, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("respond: encode json: %w", err)
	}
	return body, nil
}
