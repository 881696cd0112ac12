package adaptertest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tideway-go/tideway/route"
)

func TestTable(t *testing.T) {
	topics := map[string][]Case{"routing": routingCases(), "binding": bindingCases(), "inputs": inputCases(),
		"responder": responderCases(), "middleware": middlewareCases()}
	for topic, cases := range topics {
		if len(cases) < 20 {
			t.Errorf("%s has %d cases; each topic needs at least 20", topic, len(cases))
		}
	}
	cases := Cases()
	if len(cases) < 80 {
		t.Errorf("the table has %d cases, want at least 80", len(cases))
	}
	names := map[string]bool{}
	for _, tc := range cases {
		switch {
		case names[tc.Name]:
			t.Errorf("two cases are named %q", tc.Name)
		case tc.Target == "":
			t.Errorf("%s: no target", tc.Name)
		case tc.Want.Status != 0 && (tc.Want.Status < 200 || tc.Want.Status > 599):
			t.Errorf("%s: status %d", tc.Name, tc.Want.Status)
		case tc.Want.Status == 0 && (tc.Want.Body != nil || tc.Want.Header != nil):
			t.Errorf("%s: expects no response, and yet a body or headers", tc.Name)
		}
		names[tc.Name] = true
	}
}

// TestEveryRouteServed checks that the table exercises every route of
// NewApp, so the app holds nothing the suite does not test.
func TestEveryRouteServed(t *testing.T) {
	app := NewApp()
	served := map[string]bool{}
	for _, tc := range Cases() {
		path, _, _ := strings.Cut(tc.Target, "?")
		e := app.Explain(tc.method(), path)
		if e.Status != route.Found {
			continue
		}
		method := tc.method()
		if method == http.MethodHead {
			method = http.MethodGet
		}
		served[method+" "+e.Served] = true
	}
	for _, r := range app.Routes() {
		if !served[r.Method+" "+r.Pattern] {
			t.Errorf("no case is served by %s %s", r.Method, r.Pattern)
		}
	}
}

func TestRequestIDRule(t *testing.T) {
	for _, tc := range []struct {
		id    string
		valid bool
	}{
		{"abc-123.x:y_z", true}, {"", false}, {"a b", false}, {strings.Repeat("a", 128), true},
		{strings.Repeat("a", 129), false}, {"é", false},
	} {
		if got := validRequestID(tc.id); got != tc.valid {
			t.Errorf("validRequestID(%q) = %v", tc.id, got)
		}
	}
	if !generatedID("0123456789abcdef0123456789abcdef") || generatedID("0123456789ABCDEF0123456789ABCDEF") {
		t.Error("generatedID is wrong")
	}
}

func TestDiff(t *testing.T) {
	get, head := &Case{Target: "/"}, &Case{Method: "HEAD", Target: "/"}
	id := "0123456789abcdef0123456789abcdef"
	base := func() *Result {
		return &Result{Status: 200, Header: http.Header{"Content-Type": {"text/plain"}, "Content-Length": {"2"},
			"Date": {"today"}, "X-Request-Id": {id}}, Body: []byte("hi " + id)}
	}
	other := base()
	other.Header.Set("Date", "tomorrow")
	other.Header.Del("Content-Length")
	newID := "ffffffffffffffffffffffffffffffff"
	other.Header.Set("X-Request-Id", newID)
	other.Body = []byte("hi " + newID)
	if d := diff(get, base(), other); d != nil {
		t.Errorf("normalised results differ: %q", d)
	}
	if d := diff(head, base(), other); len(d) != 1 {
		t.Errorf("HEAD without Content-Length: %q, want one difference", d)
	}
	other.Header.Add("Vary", "Origin")
	other.Body = []byte("ho")
	if d := diff(get, base(), other); len(d) != 2 {
		t.Errorf("differences %q, want Vary and the body", d)
	}
}
