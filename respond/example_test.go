package respond_test

import (
	"fmt"
	"log/slog"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// Example shows what a router does with a handler's results: Value for
// the result, ErrorWriter for the error.
func Example() {
	type message struct {
		Contents string `json:"contents"`
	}
	getMessage := func(id uint64) (message, error) {
		if id != 7 {
			return message{}, fmt.Errorf("get message %d: %w", id, respond.ErrNotFound)
		}
		return message{Contents: "hello"}, nil
	}
	ew := respond.ErrorWriter{Logger: slog.New(slog.DiscardHandler)}
	serve := func(w view.Response, r view.Request, id uint64) {
		v, err := getMessage(id)
		if err == nil {
			err = respond.Value(w, r, v)
		}
		ew.Write(w, r, err) // a no-op for a nil error
	}

	for _, id := range []uint64{7, 8} {
		w := newResponse()
		serve(w, newRequest("GET", fmt.Sprintf("/message/%d", id)), id)
		fmt.Println(w.Status(), w.GetHeader("Content-Type"), w.body.String())
	}
	// Output:
	// 200 application/json {"contents":"hello"}
	// 404 application/problem+json {"type":"about:blank","title":"Not Found","status":404,"detail":"not found"}
}

func ExampleCheckLocation() {
	for _, target := range []string{"/inbox?page=2", "//evil.example", "/%5Cevil.example"} {
		if err := respond.CheckLocation(target); err != nil {
			fmt.Println("400:", err)
			continue
		}
		fmt.Println("303 to", target)
	}
	// Output:
	// 303 to /inbox?page=2
	// 400: respond: location "//evil.example" is not a same-host path: must not start with "//" or "/\"
	// 400: respond: location "/%5Cevil.example" is not a same-host path: must not start with "//" or "/\" once percent-decoded
}
