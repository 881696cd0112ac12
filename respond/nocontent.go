package respond

import "github.com/tideway-go/tideway/view"

// NoContent responds with 204 No Content and no body.
type NoContent struct{}

// Respond implements Responder.
func (NoContent) Respond(w view.Response, _ view.Request) error {
	w.WriteHeader(204)
	return nil
}
