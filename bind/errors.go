package bind

import (
	"fmt"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"

	"github.com/tideway-go/tideway/view"
)

// PlanError reports a handler that cannot serve its route. It is returned
// at registration, never at request time.
type PlanError struct {
	Route   string // "GET /message/{id}"
	Handler string // the handler func's name
	Field   string // "ByID.ID", or "" when the problem is not one field's
	Msg     string // what is wrong and how to fix it
}

func (e *PlanError) Error() string {
	var b strings.Builder
	b.WriteString("bind: ")
	if e.Route != "" {
		b.WriteString(e.Route + ": ")
	}
	b.WriteString("handler " + e.Handler)
	if e.Field != "" {
		b.WriteString(": field " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Error is a request that could not be bound: malformed input (400) or
// failed validation (422). It lists every bad field.
type Error struct {
	Status int
	Fields []view.FieldError
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("bad request")
	if e.Status == http.StatusUnprocessableEntity {
		b.WriteString(": validation failed")
	}
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.Key() + ": " + f.Reason)
	}
	return b.String()
}

// StatusCode returns 400 or 422.
func (e *Error) StatusCode() int { return e.Status }

// FieldErrors returns the bad fields, for the problem body.
func (e *Error) FieldErrors() []view.FieldError { return e.Fields }

// BodyTooLargeError is a request body over the configured limit (413).
type BodyTooLargeError struct {
	Limit int64
}

func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("request body is larger than the limit of %d bytes", e.Limit)
}

// StatusCode returns 413.
func (e *BodyTooLargeError) StatusCode() int { return http.StatusRequestEntityTooLarge }

// MediaTypeError is a body whose Content-Type the endpoint does not accept
// (415).
type MediaTypeError struct {
	Got  string // the Content-Type sent, or "" if none
	Want string // what the endpoint accepts
}

func (e *MediaTypeError) Error() string {
	if e.Got == "" {
		return "missing Content-Type; send " + e.Want
	}
	return fmt.Sprintf("unsupported Content-Type %q; send %s", e.Got, e.Want)
}

// StatusCode returns 415.
func (e *MediaTypeError) StatusCode() int { return http.StatusUnsupportedMediaType }

// collector gathers the field errors of one request, and the multipart
// forms read for it, whose temporary files go when it ends (removeForms).
type collector struct {
	fields  []view.FieldError
	invalid bool     // some error is malformed input (400), not validation (422)
	whole   []string // locations that failed as a whole ("query", "body")
	forms   []*multipart.Form
}

// bad records malformed input. An empty field means the whole location
// failed, so validating its fields would only add noise.
func (c *collector) bad(loc, field, reason string) {
	c.fields = append(c.fields, view.FieldError{Location: loc, Field: field, Reason: reason})
	c.invalid = true
	if field == "" {
		c.whole = append(c.whole, loc)
	}
}

// has reports whether loc as a whole, or the field there, already failed.
// Slice indexes are ignored, since encoding/json names "items[3].qty" as
// "items.qty".
func (c *collector) has(loc, field string) bool {
	field = stripIndexes(field)
	if slices.Contains(c.whole, loc) {
		return true
	}
	for _, f := range c.fields {
		if f.Location == loc && stripIndexes(f.Field) == field {
			return true
		}
	}
	return false
}

// stripIndexes turns "items[3].name" into "items.name".
func stripIndexes(s string) string {
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

func (c *collector) err() error {
	if len(c.fields) == 0 {
		return nil
	}
	status := http.StatusUnprocessableEntity
	if c.invalid {
		status = http.StatusBadRequest
	}
	return &Error{Status: status, Fields: c.fields}
}
