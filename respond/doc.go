// Package respond turns handler results and errors into HTTP responses.
//
// Every result goes out through one interface, Responder. The package
// provides the standard responders: JSON, Text, Display (a value's
// String() or %v), Status (a status with an optional body), Created (201
// with a Location), NoContent, Redirect, Stream (an io.Reader) and SSE
// (server-sent events). All of them write to the shared view.Response, so
// they work the same over net/http and fasthttp.
//
// # Results
//
// Value writes any handler result:
//
//	result                      response
//	--------------------------  ------------------------------------------
//	a Responder                 whatever it writes
//	string                      200, text/plain; charset=utf-8
//	[]byte                      200, application/octet-stream
//	nil, or a nil pointer       204 No Content, no body
//	anything else               200, application/json (encoding/json)
//
// Responders check what they can before writing: a bad status, a Location
// that is not a same-host path, or a value that JSON cannot encode is
// returned as an error with nothing written, so the caller can still answer
// with that error (a 500: it is a server bug).
//
// # Errors
//
// ErrorWriter answers errors with RFC 9457 problem details
// (application/problem+json), found with errors.As through any wrapping,
// first rule first:
//
//	the error                           response
//	----------------------------------  -------------------------------------
//	is a Responder (such as a Problem)  whatever it writes
//	has StatusCode() int, 4xx           that status; detail is its message
//	has StatusCode() int, 5xx           that status; generic detail; logged
//	has FieldErrors() []FieldError      listed in "errors"; 400 unless a 4xx
//	                                    status came from StatusCode
//	anything else                       500 "internal server error"; logged
//
// A StatusCode outside 400..599 is logged and answered with 500. Errors
// are logged with slog at error level, with the request's method and path;
// the client never sees a server error's message. Client mistakes are
// never 500: use StatusError (Errorf, or a sentinel such as ErrNotFound)
// or an error type with StatusCode for them. After the response has
// started, an error can only be logged.
package respond
