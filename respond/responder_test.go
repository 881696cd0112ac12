package respond_test

import (
	"testing"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

var (
	_ respond.Responder = respond.JSON[int]{}
	_ respond.Responder = respond.Text{}
	_ respond.Responder = respond.Display[int]{}
	_ respond.Responder = respond.Status{}
	_ respond.Responder = respond.Created[int]{}
	_ respond.Responder = respond.NoContent{}
	_ respond.Responder = respond.Redirect{}
	_ respond.Responder = respond.Stream{}
	_ respond.Responder = respond.SSE{}
	_ respond.Responder = respond.Problem{}
	_ error             = respond.Problem{}
	_ error             = (*respond.StatusError)(nil)
	_ error             = (*respond.LocationError)(nil)
)

// teapot is a user-defined Responder that sets its own header.
type teapot struct{}

func (teapot) Respond(w view.Response, r view.Request) error {
	w.SetHeader("X-Brew", "earl grey")
	return respond.Text{Status: 418, Body: "short and stout"}.Respond(w, r)
}

func TestUserResponder(t *testing.T) {
	runResponders(t, []responderCase{
		{
			name: "teapot",
			r:    teapot{},
			want: "HTTP 418\nContent-Length: 15\nContent-Type: text/plain; charset=utf-8\nX-Brew: earl grey\n\nshort and stout",
		},
	})
}
