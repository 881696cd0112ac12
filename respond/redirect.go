package respond

import (
	"fmt"
	"strings"

	"github.com/tideway-go/tideway/view"
)

// Redirect responds with a redirect to Location, with no body. Status
// defaults to 303 See Other, which tells the client to fetch Location with
// GET whatever the method of the request was: the safe choice after a form
// POST, and the same as 302 for a GET. Only 301, 302, 303, 307 and 308 are
// accepted.
//
// Location must be a same-host path, so a redirect built from user input
// cannot send the client to another site. It must start with "/" but not
// with "//" or "/\"; it must not contain a backslash or an ASCII control
// character (tab, CR and LF included), which browsers strip or read as "/".
// The path part (before any "?" or "#") is also checked after
// percent-decoding, repeatedly, so "/%2F%2Fevil.com" and "/%5Cevil.com" are
// rejected too; a malformed escape in the path is rejected. A bad Location
// is a server bug: Respond returns a *LocationError and writes nothing.
type Redirect struct {
	Status   int
	Location string
}

// Respond implements Responder.
func (rd Redirect) Respond(w view.Response, _ view.Request) error {
	code := rd.Status
	switch code {
	case 0:
		code = 303
	case 301, 302, 303, 307, 308:
	default:
		return fmt.Errorf("respond: redirect status %d is not one of 301, 302, 303, 307, 308: %w", code, ErrInvalidStatus)
	}
	if err := checkLocation(rd.Location); err != nil {
		return err
	}
	w.SetHeader("Location", rd.Location)
	return writeEmpty(w, code)
}

// LocationError reports a Location, given to Redirect or Created, that is
// not a same-host path.
type LocationError struct {
	Location string // the rejected target, as given
	Reason   string // what is wrong with it, in lowercase words
}

// Error implements error.
func (e *LocationError) Error() string {
	return fmt.Sprintf("respond: location %q is not a same-host path: %s", e.Location, e.Reason)
}

// maxDecode bounds how many layers of percent-encoding checkLocation peels.
const maxDecode = 4

// CheckLocation returns a *LocationError if loc is not a same-host path,
// by the rules Redirect and Created apply. A handler that redirects to a
// target taken from the request checks it first and answers 400 for a bad
// one: Redirect treats a bad target as a server bug (500).
func CheckLocation(loc string) error { return checkLocation(loc) }

// checkLocation returns a *LocationError if loc is not a same-host path.
func checkLocation(loc string) error {
	if reason := badPath(loc); reason != "" {
		return &LocationError{Location: loc, Reason: reason}
	}
	path := loc
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	for depth := 0; depth < maxDecode && strings.IndexByte(path, '%') >= 0; depth++ {
		decoded, ok := unescape(path)
		if !ok {
			if depth == 0 {
				return &LocationError{Location: loc, Reason: "malformed percent-escape"}
			}
			return nil // a literal "%" after decoding: nothing more to peel
		}
		if reason := badPath(decoded); reason != "" {
			return &LocationError{Location: loc, Reason: reason + " once percent-decoded"}
		}
		path = decoded
	}
	return nil
}

// badPath says why s is not a same-host path, or returns "".
func badPath(s string) string {
	switch {
	case s == "":
		return "empty"
	case s[0] != '/':
		return `must start with "/"`
	case len(s) > 1 && (s[1] == '/' || s[1] == '\\'):
		return `must not start with "//" or "/\"`
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			return "must not contain a backslash"
		case c < 0x20 || c == 0x7f:
			return "must not contain a control character"
		}
	}
	return ""
}

// unescape decodes every %XX in s, reporting false on a malformed escape.
func unescape(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		hi, ok1 := unhex(s[i+1])
		lo, ok2 := unhex(s[i+2])
		if !ok1 || !ok2 {
			return "", false
		}
		b.WriteByte(hi<<4 | lo)
		i += 2
	}
	return b.String(), true
}

// unhex returns the value of the hex digit c.
func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
