package route

import (
	"fmt"
	"strconv"
	"strings"
)

// PatternError reports a malformed pattern.
type PatternError struct {
	Pattern string // the pattern as written
	Offset  int    // byte offset of the problem in Pattern
	Msg     string // what is wrong and how to fix it
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("route: bad pattern %q at offset %d: %s", e.Pattern, e.Offset, e.Msg)
}

// MethodError reports a method that is not a valid HTTP token, or one that
// differs from a standard method only in case.
type MethodError struct {
	Method  string
	Pattern string
	// Standard is the standard method that Method spells in another case
	// ("GET" for "get"); empty when Method is not a token.
	Standard string
}

func (e *MethodError) Error() string {
	if e.Standard != "" {
		return fmt.Sprintf("route: method %q for %s would never serve %s requests: methods are case-sensitive; register %q", e.Method, e.Pattern, e.Standard, e.Standard)
	}
	return fmt.Sprintf("route: bad method %q for %s: a method is a non-empty HTTP token such as GET", e.Method, e.Pattern)
}

// misspelled returns the standard method that method, not itself one,
// spells in another case, or "".
func misspelled(method string) string {
	for _, m := range standardMethods {
		if method != m && strings.EqualFold(method, m) {
			return m
		}
	}
	return ""
}

// ConflictError reports two registrations that would serve exactly the same
// requests: the same method and patterns of the same shape.
type ConflictError struct {
	Method   string
	New      string // the pattern being added
	NewAt    Source // where it was added
	Existing string // the pattern already registered
	At       Source // where the existing one was registered
	Sample   string // a request path both patterns match
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("route: %s %s (registered at %s) conflicts with %s %s (registered at %s): both match every request like %s %s; change one of the patterns or methods",
		e.Method, e.New, e.NewAt, e.Method, e.Existing, e.At, e.Method, e.Sample)
}

// TooManyMethodsError reports a table that uses more distinct methods than a
// Tree can track.
type TooManyMethodsError struct {
	Method string
}

func (e *TooManyMethodsError) Error() string {
	return fmt.Sprintf("route: cannot add method %q: a table holds at most %d distinct methods", e.Method, maxMethods)
}

// Source is a place in the program's source, such as where a route was
// registered.
type Source struct {
	File string
	Line int
}

// String returns "file:line", or "unknown" when the place is not known.
func (s Source) String() string {
	if s.File == "" {
		return "unknown"
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}
