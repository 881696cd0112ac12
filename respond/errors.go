package respond

import (
	"fmt"
	"strconv"
	"strings"
)

// StatusError is an error that answers with an HTTP status. An
// ErrorWriter sends Code; for a 4xx code the client sees Error() as the
// problem's detail, so write it for the client. For a 5xx code the client
// sees only a generic detail and Error() goes to the log.
type StatusError struct {
	Code   int    // the HTTP status, in 400..599
	Detail string // what went wrong, for the client; may be empty
	Err    error  // the cause, if any; reached by errors.Is and errors.As
}

// Sentinel status errors. Return them as they are or wrapped
// (fmt.Errorf("message %d: %w", id, respond.ErrNotFound)); errors.Is
// finds them through any wrapping, and also matches any other
// *StatusError with the same Code (see StatusError.Is). They must never
// be modified.
var (
	ErrBadRequest      = &StatusError{Code: 400}
	ErrUnauthorized    = &StatusError{Code: 401}
	ErrForbidden       = &StatusError{Code: 403}
	ErrNotFound        = &StatusError{Code: 404}
	ErrConflict        = &StatusError{Code: 409}
	ErrGone            = &StatusError{Code: 410}
	ErrUnprocessable   = &StatusError{Code: 422}
	ErrTooManyRequests = &StatusError{Code: 429}
)

// Errorf returns a *StatusError with the code and a detail formatted as by
// fmt.Errorf. If the format wraps errors with %w, they are the error's
// cause: errors.Is and errors.As reach them.
func Errorf(code int, format string, args ...any) *StatusError {
	err := fmt.Errorf(format, args...)
	switch err.(type) {
	case interface{ Unwrap() error }, interface{ Unwrap() []error }:
		return &StatusError{Code: code, Err: err}
	}
	return &StatusError{Code: code, Detail: err.Error()}
}

// StatusCode returns e.Code.
func (e *StatusError) StatusCode() int { return e.Code }

// Error returns the detail and the cause, joined by ": ", or the status's
// reason phrase in lowercase ("not found") if both are empty.
func (e *StatusError) Error() string {
	switch {
	case e.Detail != "" && e.Err != nil:
		return e.Detail + ": " + e.Err.Error()
	case e.Detail != "":
		return e.Detail
	case e.Err != nil:
		return e.Err.Error()
	}
	if text := statusText(e.Code); text != "" {
		return strings.ToLower(text)
	}
	return "status " + strconv.Itoa(e.Code)
}

// Unwrap returns e.Err.
func (e *StatusError) Unwrap() error { return e.Err }

// Is reports whether target is a bare *StatusError (no Detail, no Err),
// such as a sentinel, with the same Code, so that
// errors.Is(respond.Errorf(404, "no message %d", id), respond.ErrNotFound)
// holds.
func (e *StatusError) Is(target error) bool {
	t, ok := target.(*StatusError)
	return ok && t.Detail == "" && t.Err == nil && t.Code == e.Code
}
