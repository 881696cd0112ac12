package respond_test

import (
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

func TestStatus(t *testing.T) {
	runResponders(t, []responderCase{
		{name: "zero", r: respond.Status{}, want: "HTTP 200\nContent-Length: 0\n\n"},
		{name: "no body", r: respond.Status{Code: 202}, want: "HTTP 202\nContent-Length: 0\n\n"},
		{name: "204 no body", r: respond.Status{Code: 204}, want: "HTTP 204\n\n"},
		{name: "304 no body", r: respond.Status{Code: 304}, want: "HTTP 304\n\n"},
		{
			name: "string body",
			r:    respond.Status{Code: 202, Body: "queued"},
			want: "HTTP 202\nContent-Length: 6\nContent-Type: text/plain; charset=utf-8\n\nqueued",
		},
		{
			name: "bytes body",
			r:    respond.Status{Code: 200, Body: []byte{1, 2}},
			want: "HTTP 200\nContent-Length: 2\nContent-Type: application/octet-stream\n\n\x01\x02",
		},
		{
			name: "json body",
			r:    respond.Status{Code: 409, Body: map[string]string{"state": "locked"}},
			want: "HTTP 409\nContent-Length: 18\nContent-Type: application/json\n\n{\"state\":\"locked\"}",
		},
		{
			name: "empty string body",
			r:    respond.Status{Code: 200, Body: ""},
			want: "HTTP 200\nContent-Length: 0\nContent-Type: text/plain; charset=utf-8\n\n",
		},
		{name: "204 with body", r: respond.Status{Code: 204, Body: "x"}, wantErr: respond.ErrInvalidStatus},
		{name: "205 with body", r: respond.Status{Code: 205, Body: 1}, wantErr: respond.ErrInvalidStatus},
		{name: "status 100", r: respond.Status{Code: 100}, wantErr: respond.ErrInvalidStatus},
		{name: "status 1000", r: respond.Status{Code: 1000}, wantErr: respond.ErrInvalidStatus},
		{name: "unencodable body", r: respond.Status{Code: 200, Body: make(chan int)}, wantErr: errAny},
	})
}

func ExampleStatus() {
	w := newResponse()
	_ = respond.Status{Code: 202, Body: "queued"}.Respond(w, newRequest("POST", "/jobs"))
	fmt.Print(w)
	// Output:
	// HTTP 202
	// Content-Length: 6
	// Content-Type: text/plain; charset=utf-8
	//
	// queued
}
