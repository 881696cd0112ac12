package adaptertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"github.com/tideway-go/tideway/internal/memnet"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Result is what the client received for one Case.
type Result struct {
	// Status is the response status, or 0 if the server answered nothing
	// (it closed the connection).
	Status int
	// Header is the response header as net/http's client gives it.
	Header http.Header
	// Body is the response body, gunzipped when Content-Encoding is gzip.
	Body []byte
	// Err is the client's error: why there is no response, or why its
	// body could not be read or decoded.
	Err error
}

// transport is one way for the client to reach a server.
type transport struct {
	name string
	// listen returns the listener to serve on and the client's dialer.
	listen func() (net.Listener, dialer, error)
}

// dialer is the signature of http.Transport.DialContext.
type dialer = func(ctx context.Context, network, addr string) (net.Conn, error)

// inProcess reaches the server through in-memory pipes.
func inProcess() transport {
	return transport{name: "inprocess", listen: func() (net.Listener, dialer, error) {
		ln := memnet.NewListener()
		return ln, ln.DialContext, nil
	}}
}

// loopback reaches the server over TCP on 127.0.0.1.
func loopback() transport {
	return transport{name: "tcp", listen: func() (net.Listener, dialer, error) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, nil, err
		}
		return ln, (&net.Dialer{}).DialContext, nil
	}}
}

// Run runs the conformance table against s, in subtests named
// adapter/transport/case: every case over each transport, checked
// against its expectations. Then, in adapter/agree/case, it checks that
// each case got the same answer over both transports and, unless s is
// NetHTTP itself, from NetHTTP over TCP, the reference: a check that
// catches expectations written too loosely. See the package doc for what
// is compared.
func Run(t *testing.T, s Server) {
	t.Helper()
	cases := Cases()
	t.Run(s.Name, func(t *testing.T) {
		var runs []run
		for _, tr := range []transport{inProcess(), loopback()} {
			runs = append(runs, run{name: s.Name + "/" + tr.name, results: serve(t, s, tr, cases, true)})
		}
		if ref := NetHTTP(); s.Name != ref.Name {
			runs = append(runs, run{name: ref.Name + "/tcp", results: serve(t, ref, loopback(), cases, false)})
		}
		t.Run("agree", func(t *testing.T) {
			for i := range cases {
				tc := &cases[i]
				t.Run(tc.Name, func(t *testing.T) {
					if bug := tc.Skip[s.Name]; bug != "" {
						t.Skip(bug)
					}
					want := runs[0].results[i]
					for _, r := range runs[1:] {
						for _, d := range diff(tc, want, r.results[i]) {
							t.Errorf("%s and %s: %s", runs[0].name, r.name, d)
						}
					}
				})
			}
		})
	})
}

// run is the results of the table over one adapter and transport.
type run struct {
	name    string
	results []*Result // by case; nil for skipped cases
}

// serve serves a new app with s over tr and sends it every case, in
// order, reusing connections as a client would. With check, each case is
// a subtest checked against its expectations; without, cases only
// collect results.
func serve(t *testing.T, s Server, tr transport, cases []Case, check bool) []*Result {
	results := make([]*Result, len(cases))
	body := func(t *testing.T) {
		ln, dial, err := tr.listen()
		if err != nil {
			t.Fatal(err)
		}
		stop := s.Serve(NewApp(), ln)
		client, base := newClient(dial), "http://example.com"
		if tr.name == "tcp" {
			base = "http://" + ln.Addr().String()
		}
		defer func() {
			client.CloseIdleConnections()
			if err := stop(); err != nil {
				t.Errorf("%s: serving on %s: %v", s.Name, tr.name, err)
			}
		}()
		for i := range cases {
			tc := &cases[i]
			if !check {
				if tc.Skip[s.Name] == "" {
					results[i] = Send(t.Context(), client, base, tc)
				}
				continue
			}
			t.Run(tc.Name, func(t *testing.T) {
				if bug := tc.Skip[s.Name]; bug != "" {
					t.Skip(bug)
				}
				r := Send(t.Context(), client, base, tc)
				results[i] = r
				switch {
				case tc.Want.CutShort && r.Err == nil:
					t.Errorf("%s: the response ended cleanly; want it cut short", tc)
				case !tc.Want.CutShort && r.Err != nil && (r.Status != 0 || tc.Want.Status != 0):
					t.Errorf("%s: %v", tc, r.Err)
				}
				for _, e := range tc.check(r) {
					t.Errorf("%s: %s", tc, e)
				}
			})
		}
	}
	if check {
		t.Run(tr.name, body)
	} else {
		body(t)
	}
	return results
}

// String names the request, for messages: "GET /items/7".
func (tc *Case) String() string { return tc.method() + " " + tc.Target }

func (tc *Case) method() string {
	if tc.Method == "" {
		return http.MethodGet
	}
	return tc.Method
}

// newClient returns a client that dials with dial and shows responses as
// sent: it follows no redirect and does not ask for or decode gzip.
func newClient(dial dialer) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			DialContext:           dial,
			DisableCompression:    true,
			ResponseHeaderTimeout: 10 * time.Second,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       20 * time.Second,
	}
}

// Send sends tc's request to the server at base (such as
// "http://127.0.0.1:8080") with client, as the suite itself does: the
// target and header names exactly as the case writes them, the body
// chunked if the case says so. It reads the whole response, gunzipping a
// gzip body, and reports a failure to send or read in Result.Err. Other
// load drivers (bench/soak) use it to send the suite's cases.
func Send(ctx context.Context, client *http.Client, base string, tc *Case) *Result {
	var body io.Reader
	switch {
	case tc.Chunked:
		body = struct{ io.Reader }{strings.NewReader(tc.Body)} // no length known
	case tc.Body != "":
		body = strings.NewReader(tc.Body)
	}
	req, err := http.NewRequestWithContext(ctx, tc.method(), base+"/", body)
	if err != nil {
		return &Result{Err: err}
	}
	req.URL.Opaque = tc.Target // sent as it is
	if tc.Chunked {
		req.TransferEncoding = []string{"chunked"}
	}
	for name, value := range tc.Header {
		if strings.EqualFold(name, "Host") {
			req.Host = value
			continue
		}
		req.Header[name] = []string{value} // the name as written
	}
	res, err := client.Do(req)
	if err != nil {
		return &Result{Err: err}
	}
	defer res.Body.Close()
	r := &Result{Status: res.StatusCode, Header: res.Header}
	r.Body, r.Err = io.ReadAll(res.Body)
	if r.Err == nil && res.Header.Get("Content-Encoding") == "gzip" {
		r.Body, r.Err = gunzip(r.Body)
	}
	return r
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b, fmt.Errorf("gzip body: %w", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return b, fmt.Errorf("gzip body: %w", err)
	}
	return out, nil
}

// ignored reports whether the header is one each server sets its own
// way, never compared: it describes the connection, not the response.
func ignored(name string) bool {
	switch name {
	case "Date", "Connection", "Keep-Alive", "Server":
		return true
	}
	return false
}

// diff returns how b differs from a, two answers to tc, after
// normalising what may differ: a generated X-Request-ID stands for any
// other, headers ignored are skipped, Content-Length is compared only
// when both have it (it frames the body, as chunking does), except in the
// answer to HEAD, where it describes the GET's body, and gzipped bodies
// are compared decoded.
func diff(tc *Case, a, b *Result) []string {
	if a == nil || b == nil {
		return nil // skipped
	}
	if a.Status == 0 || b.Status == 0 {
		if a.Status != b.Status {
			return []string{fmt.Sprintf("status %d (%v) against %d (%v)", a.Status, a.Err, b.Status, b.Err)}
		}
		return nil
	}
	var out []string
	if a.Status != b.Status {
		out = append(out, fmt.Sprintf("status %d against %d", a.Status, b.Status))
	}
	names := map[string]bool{}
	for name := range a.Header {
		names[name] = true
	}
	for name := range b.Header {
		names[name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		if ignored(name) {
			continue
		}
		if name == "Content-Length" && tc.method() != http.MethodHead && (a.Header[name] == nil || b.Header[name] == nil) {
			continue
		}
		av, bv := headerValue(a.Header, name), headerValue(b.Header, name)
		if av != bv {
			out = append(out, fmt.Sprintf("header %s %q against %q", name, av, bv))
		}
	}
	if ab, bb := normalBody(a), normalBody(b); !bytes.Equal(ab, bb) {
		out = append(out, fmt.Sprintf("body %s against %s", quote(ab), quote(bb)))
	}
	return out
}

// normalBody returns r's body with the request ID generated for it, if
// any, replaced by the placeholder headerValue gives it.
func normalBody(r *Result) []byte {
	if id := r.Header.Get("X-Request-ID"); generatedID(id) {
		return bytes.ReplaceAll(r.Body, []byte(id), []byte("<generated>"))
	}
	return r.Body
}

// headerValue returns the values of name joined with ", ", with a
// generated request ID replaced by a placeholder.
func headerValue(h http.Header, name string) string {
	v := strings.Join(h.Values(name), ", ")
	if name == "X-Request-Id" && generatedID(v) {
		return "<generated>"
	}
	return v
}
