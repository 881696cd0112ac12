package respond_test

import (
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

func TestNoContent(t *testing.T) {
	runResponders(t, []responderCase{
		{name: "zero", r: respond.NoContent{}, want: "HTTP 204\n\n"},
		{name: "pointer", r: &respond.NoContent{}, want: "HTTP 204\n\n"},
	})
}

func ExampleNoContent() {
	w := newResponse()
	_ = respond.NoContent{}.Respond(w, newRequest("DELETE", "/message/7"))
	fmt.Print(w)
	// Output:
	// HTTP 204
}
