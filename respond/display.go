package respond

import (
	"fmt"

	"github.com/tideway-go/tideway/view"
)

// Display responds with the text of Value as text/plain; charset=utf-8:
// its String method if it is a fmt.Stringer (even if it is also an error,
// where fmt would prefer Error), otherwise fmt's %v; a nil pointer is
// "<nil>". Status defaults to 200.
type Display[T any] struct {
	Status int
	Value  T
}

// Respond implements Responder.
func (d Display[T]) Respond(w view.Response, _ view.Request) error {
	return writeText(w, "display", d.Status, display(d.Value))
}

// display returns the text of v: v itself for a string, String() for a
// fmt.Stringer (even one that is also an error), otherwise fmt's %v. A nil
// pointer is "<nil>", as fmt prints it, rather than a call to String that
// may panic.
func display(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case fmt.Stringer:
		if nilPointer(v) {
			return "<nil>"
		}
		return v.String()
	default:
		return fmt.Sprint(v)
	}
}
