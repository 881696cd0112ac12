package respond_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

// messageID is a named integer type: Created sends it as text.
type messageID uint64

// slug is a named string type: Created sends it as text.
type slug string

func TestCreated(t *testing.T) {
	const (
		text = "Content-Type: text/plain; charset=utf-8\nLocation: /message/7\n\n"
		json = "Content-Type: application/json\nLocation: /message/7\n\n"
	)
	runResponders(t, []responderCase{
		{name: "uint64", r: respond.Created[uint64]{Location: "/message/7", Value: 7}, want: "HTTP 201\nContent-Length: 1\n" + text + "7"},
		{name: "int", r: respond.Created[int]{Location: "/message/7", Value: -7}, want: "HTTP 201\nContent-Length: 2\n" + text + "-7"},
		{name: "int8", r: respond.Created[int8]{Location: "/message/7", Value: 7}, want: "HTTP 201\nContent-Length: 1\n" + text + "7"},
		{name: "named int", r: respond.Created[messageID]{Location: "/message/7", Value: 7}, want: "HTTP 201\nContent-Length: 1\n" + text + "7"},
		{name: "string", r: respond.Created[string]{Location: "/message/7", Value: "ok"}, want: "HTTP 201\nContent-Length: 2\n" + text + "ok"},
		{name: "named string", r: respond.Created[slug]{Location: "/message/7", Value: "hi"}, want: "HTTP 201\nContent-Length: 2\n" + text + "hi"},
		{name: "bool", r: respond.Created[bool]{Location: "/message/7", Value: true}, want: "HTTP 201\nContent-Length: 4\n" + text + "true"},
		{name: "float64", r: respond.Created[float64]{Location: "/message/7", Value: 1e6}, want: "HTTP 201\nContent-Length: 7\n" + text + "1000000"},
		{name: "float32", r: respond.Created[float32]{Location: "/message/7", Value: 0.1}, want: "HTTP 201\nContent-Length: 3\n" + text + "0.1"},
		{name: "tiny float", r: respond.Created[float64]{Location: "/message/7", Value: 1e-7}, want: "HTTP 201\nContent-Length: 5\n" + text + "1e-07"},
		{name: "stringer", r: respond.Created[point]{Location: "/message/7", Value: point{1, 2}}, want: "HTTP 201\nContent-Length: 6\n" + text + "(1, 2)"},
		{name: "any holding int", r: respond.Created[any]{Location: "/message/7", Value: 7}, want: "HTTP 201\nContent-Length: 1\n" + text + "7"},
		{
			name: "struct",
			r:    respond.Created[struct{ ID int }]{Location: "/message/7", Value: struct{ ID int }{7}},
			want: "HTTP 201\nContent-Length: 8\n" + json + `{"ID":7}`,
		},
		{name: "pointer to int", r: respond.Created[*int]{Location: "/message/7", Value: new(int)}, want: "HTTP 201\nContent-Length: 1\n" + json + "0"},
		{name: "nil stringer pointer", r: respond.Created[*point]{Location: "/message/7"}, want: "HTTP 201\nContent-Length: 4\n" + json + "null"},
		{name: "nil any", r: respond.Created[any]{Location: "/message/7"}, want: "HTTP 201\nContent-Length: 4\n" + json + "null"},
		{name: "complex", r: respond.Created[complex128]{Location: "/message/7", Value: 1i}, wantErr: errAny},
		{name: "channel", r: respond.Created[chan int]{Location: "/message/7"}, wantErr: errAny},
		{name: "empty location", r: respond.Created[int]{Value: 7}, wantErr: errAny},
		{name: "other host", r: respond.Created[int]{Location: "//evil.com/7", Value: 7}, wantErr: errAny},
		{name: "absolute url", r: respond.Created[int]{Location: "https://example.com/7", Value: 7}, wantErr: errAny},
	})
}

func TestCreatedLocationError(t *testing.T) {
	err := respond.Created[int]{Location: "/%5Cevil.com"}.Respond(newResponse(), newRequest("POST", "/"))
	var le *respond.LocationError
	if !errors.As(err, &le) || le.Location != "/%5Cevil.com" {
		t.Fatalf("Respond() error = %v, want a *LocationError for the location", err)
	}
}

func ExampleCreated() {
	w := newResponse()
	_ = respond.Created[uint64]{Location: "/message/7", Value: 7}.Respond(w, newRequest("POST", "/message"))
	fmt.Print(w)
	// Output:
	// HTTP 201
	// Content-Length: 1
	// Content-Type: text/plain; charset=utf-8
	// Location: /message/7
	//
	// 7
}
