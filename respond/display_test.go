package respond_test

import (
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

// point is a fmt.Stringer.
type point struct{ X, Y int }

func (p point) String() string { return fmt.Sprintf("(%d, %d)", p.X, p.Y) }

// stringerError is both an error and a fmt.Stringer; Display uses String.
type stringerError struct{}

func (stringerError) Error() string  { return "from Error" }
func (stringerError) String() string { return "from String" }

func TestDisplay(t *testing.T) {
	const text = "Content-Type: text/plain; charset=utf-8\n\n"
	runResponders(t, []responderCase{
		{name: "stringer", r: respond.Display[point]{Value: point{1, 2}}, want: "HTTP 200\nContent-Length: 6\n" + text + "(1, 2)"},
		{name: "stringer pointer", r: respond.Display[*point]{Value: &point{3, 4}}, want: "HTTP 200\nContent-Length: 6\n" + text + "(3, 4)"},
		{name: "stringer before error", r: respond.Display[stringerError]{}, want: "HTTP 200\nContent-Length: 11\n" + text + "from String"},
		{name: "int", r: respond.Display[int]{Status: 201, Value: 42}, want: "HTTP 201\nContent-Length: 2\n" + text + "42"},
		{name: "string", r: respond.Display[string]{Value: "hi"}, want: "HTTP 200\nContent-Length: 2\n" + text + "hi"},
		{name: "struct", r: respond.Display[struct{ A, B int }]{Value: struct{ A, B int }{1, 2}}, want: "HTTP 200\nContent-Length: 5\n" + text + "{1 2}"},
		{name: "slice", r: respond.Display[[]int]{Value: []int{1, 2}}, want: "HTTP 200\nContent-Length: 5\n" + text + "[1 2]"},
		{name: "nil stringer pointer", r: respond.Display[*point]{}, want: "HTTP 200\nContent-Length: 5\n" + text + "<nil>"},
		{name: "status 204", r: respond.Display[int]{Status: 204}, wantErr: respond.ErrInvalidStatus},
	})
}

func ExampleDisplay() {
	w := newResponse()
	_ = respond.Display[point]{Value: point{X: 3, Y: 4}}.Respond(w, newRequest("GET", "/point"))
	fmt.Print(w)
	// Output:
	// HTTP 200
	// Content-Length: 6
	// Content-Type: text/plain; charset=utf-8
	//
	// (3, 4)
}
