package respond_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// ptrResponder is a Responder with a pointer receiver.
type ptrResponder struct{ body string }

func (p *ptrResponder) Respond(w view.Response, r view.Request) error {
	return respond.Text{Body: p.body}.Respond(w, r)
}

// failingResponder fails without writing.
type failingResponder struct{}

func (failingResponder) Respond(view.Response, view.Request) error { return errors.New("nope") }

func TestValue(t *testing.T) {
	type message struct {
		Contents string `json:"contents"`
	}
	const (
		text  = "Content-Type: text/plain; charset=utf-8\n\n"
		json  = "Content-Type: application/json\n\n"
		bytes = "Content-Type: application/octet-stream\n\n"
	)
	for _, tc := range []struct {
		name    string
		v       any
		want    string
		wantErr bool
	}{
		{name: "nil", v: nil, want: "HTTP 204\n\n"},
		{name: "nil pointer", v: (*message)(nil), want: "HTTP 204\n\n"},
		{name: "nil pointer responder", v: (*ptrResponder)(nil), want: "HTTP 204\n\n"},
		{name: "responder", v: respond.Text{Status: 202, Body: "ok"}, want: "HTTP 202\nContent-Length: 2\n" + text + "ok"},
		{name: "pointer responder", v: &ptrResponder{body: "hi"}, want: "HTTP 200\nContent-Length: 2\n" + text + "hi"},
		{name: "string", v: "hello", want: "HTTP 200\nContent-Length: 5\n" + text + "hello"},
		{name: "empty string", v: "", want: "HTTP 200\nContent-Length: 0\n" + text},
		{name: "bytes", v: []byte("raw"), want: "HTTP 200\nContent-Length: 3\n" + bytes + "raw"},
		{name: "struct", v: message{Contents: "hi"}, want: "HTTP 200\nContent-Length: 17\n" + json + `{"contents":"hi"}`},
		{name: "pointer", v: &message{Contents: "hi"}, want: "HTTP 200\nContent-Length: 17\n" + json + `{"contents":"hi"}`},
		{name: "slice", v: []message{{"a"}}, want: "HTTP 200\nContent-Length: 18\n" + json + `[{"contents":"a"}]`},
		{name: "nil slice", v: []message(nil), want: "HTTP 200\nContent-Length: 4\n" + json + "null"},
		{name: "int", v: 7, want: "HTTP 200\nContent-Length: 1\n" + json + "7"},
		{name: "map", v: map[string]bool{"ok": true}, want: "HTTP 200\nContent-Length: 11\n" + json + `{"ok":true}`},
		{name: "problem", v: respond.Problem{Status: 404}, want: "HTTP 404\nContent-Length: 55\nContent-Type: application/problem+json\n\n" + `{"type":"about:blank","title":"Not Found","status":404}`},
		{name: "channel", v: make(chan int), wantErr: true},
		{name: "failing responder", v: failingResponder{}, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newResponse()
			err := respond.Value(w, newRequest("GET", "/"), tc.v)
			if tc.wantErr {
				if err == nil {
					t.Fatal("Value() error = nil")
				}
				if got := w.String(); got != untouched {
					t.Errorf("Value() wrote after an error:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Value() error = %v", err)
			}
			if got := w.String(); got != tc.want {
				t.Errorf("Value() wrote:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestValueAllocs(t *testing.T) {
	w := newResponse()
	r := newRequest("GET", "/")
	allocs := testing.AllocsPerRun(100, func() {
		w.status = 0
		w.body.Reset()
		_ = respond.Value(w, r, nil)
	})
	if allocs != 0 {
		t.Errorf("Value(nil) allocates %v times, want 0", allocs)
	}
}

func ExampleValue() {
	type message struct {
		Contents string `json:"contents"`
	}
	for _, v := range []any{"hello", message{Contents: "hi"}, (*message)(nil)} {
		w := newResponse()
		_ = respond.Value(w, newRequest("GET", "/"), v)
		fmt.Printf("%d %s\n", w.Status(), w.GetHeader("Content-Type"))
	}
	// Output:
	// 200 text/plain; charset=utf-8
	// 200 application/json
	// 204
}
