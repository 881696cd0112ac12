// Command errors shows how handler errors become responses in Tideway,
// after Thruster's error-handling example: a handler parses a number
// itself and, when that fails, returns a custom error that answers with
// its own status and RFC 9457 problem body.
//
//	go run ./examples/errors                 # serves on :4321; -addr to change
//	curl -i localhost:4321/error             # 400: Thruster's example, "Hello, world" is not a number
//	curl -i localhost:4321/parse/42          # 200 {"n":42,"double":84}
//	curl -i localhost:4321/parse/abc         # 400 from ParseError, a Responder
//	curl -i localhost:4321/parse/5000        # 422 from RangeError, through its StatusCode
//	curl -i localhost:4321/typed/abc         # 400 from the binder itself, for comparison
//
// There are two ways for an error to choose its answer. ParseError is a
// respond.Responder: it writes the whole problem, with a type URI, the
// request path as the instance and the bad field. RangeError only has a
// StatusCode method: the app's error mapping writes the problem, with the
// error's message as the detail (for 4xx statuses; a 5xx detail is never
// shown to the client). Any other error is a 500 whose real message goes
// to the log, never to the client.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// ParseError is a value that is not a number. It responds by itself: 400
// with a problem naming the value and, if it came from the request, where.
type ParseError struct {
	Value    string
	Location string // "path", "query", ...; "" if the value is not from the request
	Field    string
	Err      error // from strconv
}

// Error says which value is not a number.
func (e *ParseError) Error() string { return fmt.Sprintf("%q is not a number", e.Value) }

// Unwrap returns the strconv error.
func (e *ParseError) Unwrap() error { return e.Err }

// Respond implements respond.Responder.
func (e *ParseError) Respond(w view.Response, r view.Request) error {
	p := respond.Problem{
		Type:     "https://example.com/problems/not-a-number",
		Title:    "Not a number",
		Status:   http.StatusBadRequest,
		Detail:   e.Error(),
		Instance: r.Path(),
	}
	if e.Location != "" {
		p.Errors = []view.FieldError{{Location: e.Location, Field: e.Field, Reason: "must be a whole number"}}
	}
	return p.Respond(w, r)
}

// RangeError is a number outside what an endpoint accepts. It carries its
// status, and the app's error mapping writes the problem.
type RangeError struct {
	N, Max uint64
}

// Error says the number and the limit.
func (e *RangeError) Error() string { return fmt.Sprintf("%d is more than %d", e.N, e.Max) }

// StatusCode returns 422.
func (e *RangeError) StatusCode() int { return http.StatusUnprocessableEntity }

// Raw is a path segment taken as text, to be parsed by the handler.
type Raw struct {
	N string `path:"n"`
}

// Typed is a path segment parsed by the binder.
type Typed struct {
	N uint32 `path:"n"`
}

// Doubled is the answer of /parse and /typed.
type Doubled struct {
	N      uint64 `json:"n"`
	Double uint64 `json:"double"`
}

// maxN is the largest number /parse accepts.
const maxN = 1000

// thrusterError is Thruster's example: a parse that cannot succeed.
func thrusterError() (string, error) {
	const text = "Hello, world"
	n, err := strconv.ParseUint(text, 10, 32)
	if err != nil {
		return "", &ParseError{Value: text, Err: err}
	}
	return strconv.FormatUint(n, 10), nil
}

func parse(in Raw) (Doubled, error) {
	n, err := strconv.ParseUint(in.N, 10, 64)
	switch {
	case err != nil:
		return Doubled{}, &ParseError{Value: in.N, Location: "path", Field: "n", Err: err}
	case n > maxN:
		return Doubled{}, &RangeError{N: n, Max: maxN}
	}
	return Doubled{N: n, Double: 2 * n}, nil
}

func typed(in Typed) Doubled { return Doubled{N: uint64(in.N), Double: 2 * uint64(in.N)} }

// newApp builds the app.
func newApp() *tideway.App {
	app := tideway.New(nil)
	app.At("/plaintext").Get(func() string { return "Hello, World!" })
	app.At("/error").Get(thrusterError)
	app.At("/parse/{n}").Get(parse)
	app.At("/typed/{n}").Get(typed)
	return app
}

func main() {
	addr := flag.String("addr", ":4321", "address to listen on")
	flag.Parse()
	slog.Info("listening", "addr", *addr)
	if err := nethttp.ListenAndServe(*addr, newApp()); err != nil {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
