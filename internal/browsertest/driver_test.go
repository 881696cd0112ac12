package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeDriver is a WebDriver endpoint that answers from a table and
// records what it was sent.
type fakeDriver struct {
	mu      sync.Mutex
	sent    []string // "METHOD /path body"
	answers map[string]fakeAnswer
}

type fakeAnswer struct {
	status int
	body   string
}

func (f *fakeDriver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	key := r.Method + " " + r.URL.Path
	f.mu.Lock()
	f.sent = append(f.sent, strings.TrimSpace(key+" "+string(body)))
	a, ok := f.answers[key]
	f.mu.Unlock()
	if !ok {
		a = fakeAnswer{404, `{"value":{"error":"unknown command","message":"no such route"}}`}
	}
	if a.status == 0 {
		a.status = 200
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.status)
	io.WriteString(w, a.body)
}

// attach returns a Driver for the fake endpoint at srv.
func attach(srv *httptest.Server, timeout time.Duration) *Driver {
	return &Driver{url: srv.URL, client: srv.Client(), timeout: timeout, log: &tail{max: 100}, sessions: map[*Session]bool{}}
}

func TestDo(t *testing.T) {
	f := &fakeDriver{answers: map[string]fakeAnswer{
		"GET /ok":       {200, `{"value":{"ready":true}}`},
		"GET /missing":  {404, `{"value":{"error":"no such element","message":"no such element: Unable to locate\n  (Session info: chrome=1)"}}`},
		"GET /crash":    {500, `<html>oops</html>`},
		"GET /badvalue": {200, `{"value":"text"}`},
		"GET /odd":      {500, `{"value":7}`},
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	d := attach(srv, 5*time.Second)
	ctx := context.Background()
	for _, tc := range []struct {
		path    string
		code    string // the *Error's Code, when one is wanted
		message string // in the error; "" for no error
	}{
		{"/ok", "", ""},
		{"/missing", "no such element", "no such element: Unable to locate"},
		{"/crash", "", "500, not JSON"},
		{"/badvalue", "", "cannot unmarshal"},
		{"/odd", "", "(500)"},
	} {
		var out struct {
			Ready bool `json:"ready"`
		}
		err := d.do(ctx, "GET", tc.path, nil, &out)
		if tc.message == "" {
			if err != nil || !out.Ready {
				t.Errorf("%s: %v, ready %v", tc.path, err, out.Ready)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.message) {
			t.Errorf("%s: error %v, want %q in it", tc.path, err, tc.message)
		}
		if strings.Contains(err.Error(), "Session info") {
			t.Errorf("%s: error %q keeps chromedriver's system details", tc.path, err)
		}
		var we *Error
		if got := errors.As(err, &we); got != (tc.code != "" || tc.path == "/odd") || (got && we.Code != tc.code) {
			t.Errorf("%s: error %#v, want code %q", tc.path, err, tc.code)
		}
		if IsNoSuchElement(err) != (tc.code == "no such element") {
			t.Errorf("%s: IsNoSuchElement(%v) wrong", tc.path, err)
		}
	}
}

func TestDoTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	d := attach(srv, 100*time.Millisecond)
	start := time.Now()
	err := d.do(context.Background(), "GET", "/status", nil, nil)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("a hung endpoint: %v after %v, want a time-out near 100ms", err, time.Since(start))
	}
}

// TestSessionCommands checks what each command sends and how it reads
// the answer, against the fake endpoint.
func TestSessionCommands(t *testing.T) {
	f := &fakeDriver{answers: map[string]fakeAnswer{
		"POST /session":                                {200, `{"value":{"sessionId":"s1","capabilities":{}}}`},
		"POST /session/s1/url":                         {200, `{"value":null}`},
		"POST /session/s1/element":                     {200, `{"value":{"element-6066-11e4-a52e-4f735466cecf":"e1"}}`},
		"POST /session/s1/elements":                    {200, `{"value":[{"element-6066-11e4-a52e-4f735466cecf":"e1"},{"element-6066-11e4-a52e-4f735466cecf":"e2"}]}`},
		"POST /session/s1/element/e1/element":          {404, `{"value":{"error":"no such element","message":"none"}}`},
		"POST /session/s1/element/e1/click":            {200, `{"value":null}`},
		"POST /session/s1/element/e1/clear":            {200, `{"value":null}`},
		"POST /session/s1/element/e1/value":            {200, `{"value":null}`},
		"GET /session/s1/element/e1/text":              {200, `{"value":"hello"}`},
		"GET /session/s1/element/e1/attribute/data-x":  {200, `{"value":"1"}`},
		"GET /session/s1/element/e1/attribute/missing": {200, `{"value":null}`},
		"GET /session/s1/element/e1/property/open":     {200, `{"value":true}`},
		"POST /session/s1/execute/sync":                {200, `{"value":42}`},
		"GET /session/s1/screenshot":                   {200, `{"value":"iVBORw=="}`},
		"DELETE /session/s1":                           {200, `{"value":null}`},
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	d := attach(srv, 5*time.Second)
	d.chromium = "/usr/bin/chromium"
	d.dir = t.TempDir()
	ctx := context.Background()
	s, err := d.NewSession(ctx)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Navigate(ctx, "http://127.0.0.1:1/docs"))
	el, err := s.Find(ctx, `a[href="x"]`)
	must(err)
	els, err := s.FindAll(ctx, "a")
	must(err)
	if len(els) != 2 || els[1].id != "e2" {
		t.Errorf("FindAll: %d elements", len(els))
	}
	if _, err := el.Find(ctx, "b"); !IsNoSuchElement(err) {
		t.Errorf("Element.Find: %v, want no such element", err)
	}
	must(el.Click(ctx))
	must(el.Clear(ctx))
	must(el.SendKeys(ctx, "typed"))
	if text, err := el.Text(ctx); text != "hello" || err != nil {
		t.Errorf("Text = %q, %v", text, err)
	}
	if v, ok, err := el.Attribute(ctx, "data-x"); v != "1" || !ok || err != nil {
		t.Errorf("Attribute(data-x) = %q, %v, %v", v, ok, err)
	}
	if v, ok, err := el.Attribute(ctx, "missing"); v != "" || ok || err != nil {
		t.Errorf("Attribute(missing) = %q, %v, %v", v, ok, err)
	}
	var open bool
	if err := el.Property(ctx, "open", &open); !open || err != nil {
		t.Errorf("Property(open) = %v, %v", open, err)
	}
	var n int
	must(s.Execute(ctx, &n, "return 42", el, "x"))
	if n != 42 {
		t.Errorf("Execute = %d", n)
	}
	if png, err := s.Screenshot(ctx); err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Errorf("Screenshot = %q, %v", png, err)
	}
	must(d.Close()) // deletes the open session
	must(s.Delete(ctx))

	sent := map[string]string{}
	for _, line := range f.sent {
		k, body, _ := strings.Cut(line, " {")
		k, _, _ = strings.Cut(k, " [")
		if body != "" {
			body = "{" + body
		}
		sent[k] = body
	}
	var caps struct {
		Capabilities struct {
			AlwaysMatch struct {
				Options struct {
					Binary string   `json:"binary"`
					Args   []string `json:"args"`
				} `json:"goog:chromeOptions"`
			} `json:"alwaysMatch"`
		} `json:"capabilities"`
	}
	must(json.Unmarshal([]byte(sent["POST /session"]), &caps))
	opts := caps.Capabilities.AlwaysMatch.Options
	if opts.Binary != "/usr/bin/chromium" || len(opts.Args) == 0 || !strings.HasPrefix(opts.Args[len(opts.Args)-1], "--user-data-dir="+d.dir) {
		t.Errorf("chrome options %+v", opts)
	}
	for k, want := range map[string]string{
		"POST /session/s1/url":              `{"url":"http://127.0.0.1:1/docs"}`,
		"POST /session/s1/element":          `{"using":"css selector","value":"a[href=\"x\"]"}`,
		"POST /session/s1/element/e1/value": `{"text":"typed"}`,
		"POST /session/s1/execute/sync":     `{"args":[{"element-6066-11e4-a52e-4f735466cecf":"e1"},"x"],"script":"return 42"}`,
		"DELETE /session/s1":                "",
	} {
		if got, ok := sent[k]; !ok || got != want {
			t.Errorf("%s sent %q (%v), want %q", k, got, ok, want)
		}
	}
	deletes := 0
	for _, line := range f.sent {
		if strings.HasPrefix(line, "DELETE ") {
			deletes++
		}
	}
	if deletes != 1 {
		t.Errorf("%d DELETEs, want 1: Close and Delete share the session's state", deletes)
	}
	if _, err := d.NewSession(ctx); err == nil {
		t.Errorf("NewSession on a closed driver: no error")
	}
}

func TestFind(t *testing.T) {
	_, _, err := Find(Config{Chromium: "/nonexistent/chromium", Chromedriver: "/nonexistent/chromedriver"})
	if !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "scripts/install-chromium") {
		t.Errorf("Find with missing binaries: %v", err)
	}
	if _, err := Start(context.Background(), Config{Chromium: "/nonexistent/chromium"}); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Start with a missing browser: %v", err)
	}
}

func TestTail(t *testing.T) {
	tl := &tail{max: 5}
	for _, s := range []string{"ab", "cdef", "gh"} {
		tl.Write([]byte(s))
	}
	if got := tl.String(); got != "defgh" {
		t.Errorf("tail = %q, want defgh", got)
	}
}
