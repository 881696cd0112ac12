package respond

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tideway-go/tideway/view"
)

// Problem is an RFC 9457 problem details object, sent as
// application/problem+json. It is both a Responder and an error, so a
// handler can return a fully custom error body, 5xx included.
//
// When it responds, an empty Type is sent as "about:blank", a zero Status
// as 500, and an empty Title as the status's reason phrase ("Not Found").
type Problem struct {
	// Type is a URI reference naming the problem type.
	Type string `json:"type"`
	// Title is a short summary of the problem type.
	Title string `json:"title,omitempty"`
	// Status is the HTTP status code, in 400..599.
	Status int `json:"status,omitempty"`
	// Detail explains this occurrence of the problem to the client.
	Detail string `json:"detail,omitempty"`
	// Instance is a URI reference naming this occurrence.
	Instance string `json:"instance,omitempty"`
	// Errors lists the bad inputs of the request, if that is the problem.
	Errors []view.FieldError `json:"errors,omitempty"`
}

// Respond implements Responder: it writes p, with its defaults filled in,
// with Content-Type application/problem+json. A Status outside 400..599
// is an error wrapping ErrInvalidStatus, and nothing is written.
func (p Problem) Respond(w view.Response, _ view.Request) error {
	p = p.withDefaults()
	if p.Status < 400 || p.Status > 599 {
		return fmt.Errorf("respond: problem status %d is not in 400..599: %w", p.Status, ErrInvalidStatus)
	}
	body, err := marshal(p)
	if err != nil {
		return err
	}
	return write(w, p.Status, typeProblem, body)
}

// Error implements error: the status, the title in lowercase, and the
// detail, as in "404 not found: no message 7".
func (p Problem) Error() string {
	p = p.withDefaults()
	msg := strconv.Itoa(p.Status)
	if p.Title != "" {
		msg += " " + strings.ToLower(p.Title)
	}
	if p.Detail != "" {
		msg += ": " + p.Detail
	}
	return msg
}

// withDefaults returns p with Type, Status and Title filled in.
func (p Problem) withDefaults() Problem {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Status == 0 {
		p.Status = 500
	}
	if p.Title == "" {
		p.Title = statusText(p.Status)
	}
	return p
}
