package respond_test

import (
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

func TestText(t *testing.T) {
	runResponders(t, []responderCase{
		{
			name: "default status",
			r:    respond.Text{Body: "hello"},
			want: "HTTP 200\nContent-Length: 5\nContent-Type: text/plain; charset=utf-8\n\nhello",
		},
		{
			name: "status",
			r:    respond.Text{Status: 418, Body: "teapot"},
			want: "HTTP 418\nContent-Length: 6\nContent-Type: text/plain; charset=utf-8\n\nteapot",
		},
		{
			name: "empty body",
			r:    respond.Text{},
			want: "HTTP 200\nContent-Length: 0\nContent-Type: text/plain; charset=utf-8\n\n",
		},
		{
			name: "utf-8",
			r:    respond.Text{Body: "héllo"},
			want: "HTTP 200\nContent-Length: 6\nContent-Type: text/plain; charset=utf-8\n\nhéllo",
		},
		{name: "status 304", r: respond.Text{Status: 304, Body: "x"}, wantErr: respond.ErrInvalidStatus},
		{name: "status 99", r: respond.Text{Status: 99}, wantErr: respond.ErrInvalidStatus},
	})
}

func ExampleText() {
	w := newResponse()
	_ = respond.Text{Body: "Hello, world!"}.Respond(w, newRequest("GET", "/"))
	fmt.Print(w)
	// Output:
	// HTTP 200
	// Content-Length: 13
	// Content-Type: text/plain; charset=utf-8
	//
	// Hello, world!
}
