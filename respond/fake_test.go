package respond_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/textproto"
	"slices"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// fakeRequest is a view.Request for tests.
type fakeRequest struct {
	ctx    context.Context
	method string
	path   string
}

var _ view.Request = (*fakeRequest)(nil)

// newRequest returns a request with a background context.
func newRequest(method, path string) *fakeRequest {
	return &fakeRequest{ctx: context.Background(), method: method, path: path}
}

func (r *fakeRequest) Context() context.Context          { return r.ctx }
func (r *fakeRequest) Method() string                    { return r.method }
func (r *fakeRequest) Path() string                      { return r.path }
func (r *fakeRequest) RawQuery() string                  { return "" }
func (r *fakeRequest) Header(name string) (string, bool) { return "", false }
func (r *fakeRequest) Host() string                      { return "example.com" }
func (r *fakeRequest) RemoteAddr() string                { return "192.0.2.1:1234" }
func (r *fakeRequest) ContentLength() int64              { return 0 }
func (r *fakeRequest) Body() io.Reader                   { return strings.NewReader("") }
func (r *fakeRequest) Raw() any                          { return r }

// errBodyNotAllowed is what fakeResponse.Write returns for a body after a
// status that cannot have one, as net/http does.
var errBodyNotAllowed = errors.New("fake: body not allowed for this status")

// fakeResponse is a view.Response that records what is sent. Like
// net/http, it ignores header changes once the status is sent.
type fakeResponse struct {
	header   map[string][]string
	status   int
	body     bytes.Buffer
	flushes  int
	writeErr error     // returned by Write, if set
	flushErr error     // returned by Flush, if set
	onFlush  func(int) // called with the flush count after each flush
}

var _ view.Response = (*fakeResponse)(nil)

// newResponse returns an empty response.
func newResponse() *fakeResponse {
	return &fakeResponse{header: map[string][]string{}}
}

func (f *fakeResponse) SetHeader(name, value string) {
	if f.status == 0 {
		f.header[textproto.CanonicalMIMEHeaderKey(name)] = []string{value}
	}
}

func (f *fakeResponse) AddHeader(name, value string) {
	if f.status == 0 {
		k := textproto.CanonicalMIMEHeaderKey(name)
		f.header[k] = append(f.header[k], value)
	}
}

func (f *fakeResponse) DelHeader(name string) {
	if f.status == 0 {
		delete(f.header, textproto.CanonicalMIMEHeaderKey(name))
	}
}

func (f *fakeResponse) GetHeader(name string) string {
	if v := f.header[textproto.CanonicalMIMEHeaderKey(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (f *fakeResponse) WriteHeader(status int) {
	if f.status == 0 {
		f.status = status
	}
}

func (f *fakeResponse) Write(p []byte) (int, error) {
	if f.writeErr != nil {
		return 0, f.writeErr
	}
	f.WriteHeader(200)
	if len(p) > 0 && (f.status == 204 || f.status == 304) {
		return 0, errBodyNotAllowed
	}
	return f.body.Write(p)
}

func (f *fakeResponse) Flush() error {
	if f.flushErr != nil {
		return f.flushErr
	}
	f.WriteHeader(200)
	f.flushes++
	if f.onFlush != nil {
		f.onFlush(f.flushes)
	}
	return nil
}

func (f *fakeResponse) Status() int { return f.status }
func (f *fakeResponse) Raw() any    { return f }

// String dumps the response: the status line (or "HTTP -" if none was
// sent), the headers sorted by name, a blank line and the body.
func (f *fakeResponse) String() string {
	var b strings.Builder
	if f.status == 0 {
		b.WriteString("HTTP -\n")
	} else {
		fmt.Fprintf(&b, "HTTP %d\n", f.status)
	}
	for _, k := range slices.Sorted(maps.Keys(f.header)) {
		for _, v := range f.header[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	b.WriteString("\n")
	b.Write(f.body.Bytes())
	return b.String()
}

// untouched is the dump of a response nothing was written to.
const untouched = "HTTP -\n\n"

// responderCase is one row of a responder table: the response dump it
// must write, or the error it must return with nothing written.
type responderCase struct {
	name    string
	r       respond.Responder
	want    string // dump of the response, when wantErr is nil
	wantErr error  // matched with errors.Is
}

// runResponders checks each case against a fresh response.
func runResponders(t *testing.T, cases []responderCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newResponse()
			err := tc.r.Respond(w, newRequest("GET", "/"))
			if tc.wantErr != nil {
				if err == nil || (tc.wantErr != errAny && !errors.Is(err, tc.wantErr)) {
					t.Fatalf("Respond() error = %v, want %v", err, tc.wantErr)
				}
				if got := w.String(); got != untouched {
					t.Errorf("Respond() wrote after an error:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Respond() error = %v", err)
			}
			if got := w.String(); got != tc.want {
				t.Errorf("Respond() wrote:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// errAny, as a wantErr, matches any non-nil error.
var errAny = errors.New("any error")

// problemBody returns the dump of a problem response with body s.
func problemBody(code int, s string) string {
	return fmt.Sprintf("HTTP %d\nContent-Length: %d\nContent-Type: application/problem+json\n\n%s", code, len(s), s)
}

// checkLog checks that log is empty if want is, or otherwise has one
// record whose level is want's first "|"-separated part and which contains
// each of the others.
func checkLog(t *testing.T, log, want string) {
	t.Helper()
	if want == "" {
		if log != "" {
			t.Errorf("logged %s, want nothing", log)
		}
		return
	}
	if strings.Count(log, "\n") != 1 {
		t.Errorf("logged %q, want one record", log)
	}
	parts := strings.Split(want, "|")
	if !strings.Contains(log, `"level":"`+parts[0]+`"`) {
		t.Errorf("logged %s, want level %s", log, parts[0])
	}
	for _, s := range parts[1:] {
		if !strings.Contains(log, s) {
			t.Errorf("logged %s, want it to contain %s", log, s)
		}
	}
}
