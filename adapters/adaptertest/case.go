package adaptertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Case is one request of the conformance table and the response every
// adapter must give to it.
type Case struct {
	// Name names the case's subtests; it is unique in the table.
	Name string
	// Method is the request method, exactly as sent; "" means GET.
	Method string
	// Target is the request-target exactly as sent: the path, escaped or
	// not, and an optional query. It is not re-escaped, so it can carry
	// invalid escapes and raw UTF-8.
	Target string
	// Header holds the request headers to send.
	Header map[string]string
	// Body is the request body, sent with its Content-Length unless
	// Chunked is set.
	Body string
	// Chunked sends Body with Transfer-Encoding: chunked, so the server
	// learns its length only by reading it.
	Chunked bool
	// Want is the response every adapter must give.
	Want Want
	// Skip maps the name of an adapter (Server.Name) that fails the case
	// to the bug that makes it fail; the case is skipped for that adapter
	// alone, and run for every other. Keep it empty.
	Skip map[string]string
}

// Want is the response a Case expects.
type Want struct {
	// Status is the response status; 0 means no response at all (the
	// server closes the connection).
	Status int
	// Body checks the body (after gzip decoding, if the response is
	// gzipped); nil means the body must be empty.
	Body Body
	// Header gives the expected value of each named response header, its
	// values joined with ", "; "" means the header must be absent.
	Header map[string]string
	// BeforeApp marks a request the server answers before the app runs,
	// so the app-wide X-Request-ID rule does not apply.
	BeforeApp bool
	// CutShort wants the response to start (Status and Header are
	// checked, and Body against what arrived) and then end with an error,
	// so the client cannot take it for a complete one.
	CutShort bool
}

// Body checks a response body.
type Body interface {
	// Check returns why r's body is not the expected one, or nil.
	Check(r *Result) error
}

// Exact wants the body to be s, byte for byte.
func Exact(s string) Body { return exact(s) }

// Prefix wants the body to start with s.
func Prefix(s string) Body { return prefix(s) }

// Contains wants the body to contain s.
func Contains(s string) Body { return contains(s) }

// Problem wants an RFC 9457 problem body (application/problem+json)
// with the response's status, "about:blank" as type, the status's reason
// phrase as title, detail as the detail unless detail is "", and field
// errors for exactly the keys given ("path.id", "query.limit", ...), in
// any order.
func Problem(detail string, keys ...string) Body { return problem{detail: detail, keys: keys} }

// EchoesRequestID wants the body to be the response's X-Request-ID.
func EchoesRequestID() Body { return echoRequestID{} }

type exact string

func (e exact) Check(r *Result) error {
	if string(r.Body) != string(e) {
		return fmt.Errorf("body %s, want %s", quote(r.Body), quote([]byte(e)))
	}
	return nil
}

type prefix string

func (p prefix) Check(r *Result) error {
	if !bytes.HasPrefix(r.Body, []byte(p)) {
		return fmt.Errorf("body %s does not start with %q", quote(r.Body), string(p))
	}
	return nil
}

type contains string

func (c contains) Check(r *Result) error {
	if !bytes.Contains(r.Body, []byte(c)) {
		return fmt.Errorf("body %s does not contain %q", quote(r.Body), string(c))
	}
	return nil
}

type problem struct {
	detail string
	keys   []string
}

func (p problem) Check(r *Result) error {
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		return fmt.Errorf("Content-Type %q, want application/problem+json; body %s", ct, quote(r.Body))
	}
	var got struct {
		Type   string `json:"type"`
		Title  string `json:"title"`
		Status int    `json:"status"`
		Detail string `json:"detail"`
		Errors []struct {
			Location string `json:"location"`
			Field    string `json:"field"`
			Reason   string `json:"reason"`
		} `json:"errors"`
	}
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		return fmt.Errorf("problem body %s: %v", quote(r.Body), err)
	}
	var keys []string
	for _, e := range got.Errors {
		key := e.Location
		if e.Field != "" {
			key += "." + e.Field
		}
		if e.Reason == "" {
			return fmt.Errorf("problem error %s has no reason: %s", key, quote(r.Body))
		}
		keys = append(keys, key)
	}
	want := slices.Sorted(slices.Values(p.keys))
	slices.Sort(keys)
	switch {
	case got.Type != "about:blank":
		return fmt.Errorf("problem type %q, want about:blank", got.Type)
	case got.Status != r.Status:
		return fmt.Errorf("problem status %d, response status %d", got.Status, r.Status)
	case got.Title != reason(r.Status):
		return fmt.Errorf("problem title %q, want %q", got.Title, reason(r.Status))
	case p.detail != "" && got.Detail != p.detail:
		return fmt.Errorf("problem detail %q, want %q", got.Detail, p.detail)
	case !slices.Equal(keys, want):
		return fmt.Errorf("problem keys %q, want %q; body %s", keys, want, quote(r.Body))
	}
	return nil
}

type echoRequestID struct{}

func (echoRequestID) Check(r *Result) error {
	if id := r.Header.Get("X-Request-ID"); string(r.Body) != id || id == "" {
		return fmt.Errorf("body %s, want the X-Request-ID %q", quote(r.Body), id)
	}
	return nil
}

// quote shortens and quotes a body for messages.
func quote(b []byte) string {
	const max = 300
	if len(b) > max {
		return fmt.Sprintf("%q... (%d bytes)", b[:max], len(b))
	}
	return fmt.Sprintf("%q", b)
}

// check returns every way r differs from tc's expectations.
func (tc *Case) check(r *Result) []string {
	var errs []string
	w := tc.Want
	if r.Status != w.Status {
		errs = append(errs, fmt.Sprintf("status %d, want %d (body %s)", r.Status, w.Status, quote(r.Body)))
	}
	if w.Status == 0 {
		return errs
	}
	body := w.Body
	if body == nil {
		body = exact("")
	}
	if err := body.Check(r); err != nil {
		errs = append(errs, err.Error())
	}
	for _, name := range slices.Sorted(maps.Keys(w.Header)) {
		if got, want := strings.Join(r.Header.Values(name), ", "), w.Header[name]; got != want {
			errs = append(errs, fmt.Sprintf("header %s = %q, want %q", name, got, want))
		}
	}
	if !w.BeforeApp {
		if err := tc.checkRequestID(r); err != nil {
			errs = append(errs, err.Error())
		}
	}
	return errs
}

// checkRequestID applies the app-wide rule of mw.RequestID: a valid
// incoming X-Request-ID is echoed, anything else is replaced by a new
// 32-hex ID; either way the response has exactly one.
func (tc *Case) checkRequestID(r *Result) error {
	got := r.Header.Values("X-Request-ID")
	if len(got) != 1 {
		return fmt.Errorf("X-Request-ID %q, want exactly one", got)
	}
	if sent, ok := tc.header("X-Request-ID"); ok && validRequestID(sent) {
		if got[0] != sent {
			return fmt.Errorf("X-Request-ID %q, want the valid one sent, %q", got[0], sent)
		}
		return nil
	}
	if !generatedID(got[0]) {
		return fmt.Errorf("X-Request-ID %q, want a generated 32-hex ID", got[0])
	}
	return nil
}

// header returns the value of the request header name, in any case.
func (tc *Case) header(name string) (string, bool) {
	for k, v := range tc.Header {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// validRequestID mirrors mw.RequestID's rule: 1..128 characters of
// [A-Za-z0-9._:-].
func validRequestID(id string) bool {
	if len(id) == 0 || len(id) > 128 {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("._:-", c) >= 0) {
			return false
		}
	}
	return true
}

// generatedID reports whether id looks like mw.RequestID's own: 32
// lowercase hex digits.
func generatedID(id string) bool {
	if len(id) != 32 {
		return false
	}
	for _, c := range []byte(id) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// reason returns the reason phrase of RFC 9110 for code, which Tideway
// uses as a problem's title; net/http keeps older names for three of them.
func reason(code int) string {
	switch code {
	case http.StatusRequestEntityTooLarge:
		return "Content Too Large"
	case http.StatusUnprocessableEntity:
		return "Unprocessable Content"
	case http.StatusRequestURITooLong:
		return "URI Too Long"
	}
	return http.StatusText(code)
}
