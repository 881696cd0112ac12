package respond_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

// failingMarshaler fails to encode itself.
type failingMarshaler struct{}

func (failingMarshaler) MarshalJSON() ([]byte, error) { return nil, errors.New("cannot encode") }

func TestJSON(t *testing.T) {
	runResponders(t, []responderCase{
		{
			name: "default status",
			r:    respond.JSON[map[string]int]{Value: map[string]int{"a": 1}},
			want: "HTTP 200\nContent-Length: 7\nContent-Type: application/json\n\n{\"a\":1}",
		},
		{
			name: "status",
			r:    respond.JSON[[]string]{Status: 202, Value: []string{"x"}},
			want: "HTTP 202\nContent-Length: 5\nContent-Type: application/json\n\n[\"x\"]",
		},
		{
			name: "nil slice",
			r:    respond.JSON[[]int]{},
			want: "HTTP 200\nContent-Length: 4\nContent-Type: application/json\n\nnull",
		},
		{
			name: "html is escaped",
			r:    respond.JSON[string]{Value: "<b>"},
			want: "HTTP 200\nContent-Length: 15\nContent-Type: application/json\n\n\"\\u003cb\\u003e\"",
		},
		{name: "channel", r: respond.JSON[chan int]{Value: make(chan int)}, wantErr: errAny},
		{name: "func in any", r: respond.JSON[any]{Value: func() {}}, wantErr: errAny},
		{name: "failing marshaler", r: respond.JSON[failingMarshaler]{}, wantErr: errAny},
		{name: "status 1xx", r: respond.JSON[int]{Status: 101}, wantErr: respond.ErrInvalidStatus},
		{name: "status 600", r: respond.JSON[int]{Status: 600}, wantErr: respond.ErrInvalidStatus},
		{name: "status 204", r: respond.JSON[int]{Status: 204}, wantErr: respond.ErrInvalidStatus},
		{name: "negative status", r: respond.JSON[int]{Status: -1}, wantErr: respond.ErrInvalidStatus},
	})
}

func ExampleJSON() {
	type message struct {
		ID       uint64 `json:"id"`
		Contents string `json:"contents"`
	}
	w := newResponse()
	err := respond.JSON[message]{Value: message{ID: 7, Contents: "hello"}}.Respond(w, newRequest("GET", "/message/7"))
	fmt.Println(err)
	fmt.Print(w)
	// Output:
	// <nil>
	// HTTP 200
	// Content-Length: 27
	// Content-Type: application/json
	//
	// {"id":7,"contents":"hello"}
}
