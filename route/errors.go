package route

import (
	"fmt"
	"strconv"
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

// MethodError reports a method that is not a valid HTTP token.
type MethodError struct {
	Method  string
	Pattern string
}

func (e *MethodError) Error() string {
	return fmt.Sprintf("route: bad method %q for %s: a method is a non-empty HTTP token such as GET", e.Method, e.Pattern)
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
