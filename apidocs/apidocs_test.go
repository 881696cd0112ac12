package apidocs

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/tideway-go/tideway"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"
)

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		spec    string
		connect string // the connect-src sources; "" when New fails
	}{
		{"/openapi.json", "'self'"},
		{"openapi.json", "'self'"},
		{"/api/v1/openapi.json?pretty=1", "'self'"},
		{"https://api.example.com/openapi.json", "'self' https://api.example.com"},
		{"http://[::1]:8080/openapi.json", "'self' http://[::1]:8080"},
		{"", ""},
		{"//other.example/openapi.json", ""},
		{"javascript:alert(1)", ""},
		{"data:application/json,{}", ""},
		{"ftp://example.com/openapi.json", ""},
		{"https:///openapi.json", ""},
		{"https://user:pw@example.com/openapi.json", ""},
		{"https://exa;mple.com/openapi.json", ""},
		{"http://a b/", ""},
		// Paths to Go, other hosts to a browser.
		{`/\other.example/openapi.json`, ""},
		{`\\other.example/openapi.json`, ""},
		{" //other.example/openapi.json", ""},
		{"/openapi.json\t", ""},
		{"/api%20docs/openapi.json", "'self'"},
	} {
		p, err := New(tc.spec)
		if tc.connect == "" {
			var se *SpecURLError
			if !errors.As(err, &se) || se.URL != tc.spec {
				t.Errorf("New(%q) = %v, want a *SpecURLError", tc.spec, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%q): %v", tc.spec, err)
			continue
		}
		if want := "connect-src " + tc.connect + ";"; !strings.Contains(p.csp, want) {
			t.Errorf("New(%q): CSP %q lacks %q", tc.spec, p.csp, want)
		}
	}
}

func TestHandlerPanicsOnBadURL(t *testing.T) {
	defer func() {
		var se *SpecURLError
		if err, _ := recover().(error); !errors.As(err, &se) {
			t.Errorf("recovered %v, want a *SpecURLError", err)
		}
	}()
	Handler("javascript:alert(1)")
}

// TestPage checks what the page is made of: the embedded script and style
// exactly as the CSP hashes allow them, the spec URL escaped, and nothing
// loaded from anywhere.
func TestPage(t *testing.T) {
	p, err := New(`/spec.json?a=1&b="<x>"`)
	if err != nil {
		t.Fatal(err)
	}
	body := string(p.body)
	for _, want := range []string{
		"<script>" + pageJS + "</script>",
		"<style>" + pageCSS + "</style>",
		`data-spec="/spec.json?a=1&amp;b=&#34;&lt;x&gt;&#34;"`,
		"<code>/spec.json?a=1&amp;b=&#34;&lt;x&gt;&#34;</code>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %.80q", want)
		}
	}
	if n := strings.Count(body, "<script"); n != 1 {
		t.Errorf("page has %d script elements, want 1", n)
	}
	for _, attr := range []string{"src=", "srcset=", "@import", "url("} {
		if strings.Contains(body, attr) {
			t.Errorf("page contains %q: it must load nothing", attr)
		}
	}
	if strings.Count(body, "href=") != 1 || !strings.Contains(body, `<link rel="icon" href="data:,">`) {
		t.Errorf("page links to something other than its empty icon")
	}
	// The page's JS builds no markup from strings.
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(pageJS, sink) {
			t.Errorf("page.js uses %s", sink)
		}
	}
	for _, want := range []string{
		"default-src 'none'",
		"script-src " + hashSource(pageJS) + ";",
		"style-src " + hashSource(pageCSS) + ";",
		"base-uri 'none'",
		"frame-ancestors 'none'",
		"form-action 'none'",
		"require-trusted-types-for 'script'",
	} {
		if !strings.Contains(p.csp, want) {
			t.Errorf("CSP %q lacks %q", p.csp, want)
		}
	}
	q, _ := New("/other.json")
	if p.etag == q.etag || !strings.HasPrefix(p.etag, `"`) || !strings.HasSuffix(p.etag, `"`) {
		t.Errorf("ETags %s and %s: want two different strong tags", p.etag, q.etag)
	}
	// The hashes are those of the elements' text as the browser reads it.
	for _, el := range []struct{ open, close, directive string }{
		{"<script>", "</script>", "script-src "},
		{"<style>", "</style>", "style-src "},
	} {
		_, rest, _ := strings.Cut(body, el.open)
		text, _, ok := strings.Cut(rest, el.close)
		if !ok || !strings.Contains(p.csp, el.directive+hashSource(text)+";") {
			t.Errorf("CSP %s does not allow the inline %s element", el.directive, el.open)
		}
	}
}

// response is what a client got, whichever server sent it.
type response struct {
	status int
	header http.Header
	body   string
}

// serveTests is the table every server runs.
var serveTests = []struct {
	name, method string
	header       map[string]string
	status       int
	body         bool // the page is in the body
}{
	{"get", "GET", nil, 200, true},
	{"head", "HEAD", nil, 200, false},
	{"etag", "GET", map[string]string{"If-None-Match": "ETAG"}, 304, false},
	{"weak etag", "GET", map[string]string{"If-None-Match": "W/ETAG"}, 304, false},
	{"etag in a list", "GET", map[string]string{"If-None-Match": `"old", W/"older" ,ETAG`}, 304, false},
	{"star", "GET", map[string]string{"If-None-Match": "*"}, 304, false},
	{"etag on head", "HEAD", map[string]string{"If-None-Match": "ETAG"}, 304, false},
	{"other etag", "GET", map[string]string{"If-None-Match": `"stale"`}, 200, true},
	{"malformed etag", "GET", map[string]string{"If-None-Match": "xETAG"}, 200, true},
	{"post", "POST", nil, 405, false},
}

// checkServe runs serveTests through do and checks each answer.
func checkServe(t *testing.T, p *Page, do func(method string, header map[string]string) response) {
	for _, tc := range serveTests {
		t.Run(tc.name, func(t *testing.T) {
			header := map[string]string{}
			for k, v := range tc.header {
				header[k] = strings.ReplaceAll(v, "ETAG", p.etag)
			}
			res := do(tc.method, header)
			if res.status != tc.status {
				t.Fatalf("status %d, want %d (%s)", res.status, tc.status, res.body)
			}
			if tc.status == 405 {
				if got := res.header.Get("Allow"); !strings.Contains(got, "GET") {
					t.Errorf("Allow %q, want GET and HEAD", got)
				}
				return
			}
			want := map[string]string{
				"Content-Security-Policy": p.csp,
				"Cache-Control":           "no-cache",
				"Etag":                    p.etag,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
			}
			if tc.status == 200 {
				want["Content-Type"] = "text/html; charset=utf-8"
				want["Content-Length"] = strconv.Itoa(len(p.body))
			}
			for k, v := range want {
				if got := res.header.Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
			if got := res.body == string(p.body); got != tc.body {
				t.Errorf("body is the page: %v, want %v (%d bytes)", got, tc.body, len(res.body))
			}
			if !tc.body && res.body != "" {
				t.Errorf("body %.60q, want none", res.body)
			}
		})
	}
}

// docsApp serves h on /docs for GET (and so HEAD) and POST.
func docsApp(h func(*tideway.Call) error) *tideway.App {
	app := tideway.New(nil)
	app.At("/docs").Get(h).Post(h)
	return app
}

// roundTrip sends one request with c to url.
func roundTrip(t *testing.T, c *http.Client, method, url string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func TestServeNetHTTP(t *testing.T) {
	p, _ := New("/openapi.json")
	srv := httptest.NewServer(nethttp.Handler(docsApp(p.Serve)))
	defer srv.Close()
	checkServe(t, p, func(method string, header map[string]string) response {
		return roundTrip(t, srv.Client(), method, srv.URL+"/docs", header)
	})
}

func TestServeFastHTTP(t *testing.T) {
	p, _ := New("/openapi.json")
	ln := fasthttputil.NewInmemoryListener()
	srv := &fasthttp.Server{Handler: tfasthttp.Handler(docsApp(p.Serve))}
	go srv.Serve(ln)
	defer srv.Shutdown()
	c := &http.Client{Transport: &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) { return ln.Dial() }}}
	checkServe(t, p, func(method string, header map[string]string) response {
		return roundTrip(t, c, method, "http://docs.test/docs", header)
	})
}

func TestServeHTTPHandler(t *testing.T) {
	p, _ := New("/openapi.json")
	srv := httptest.NewServer(p)
	defer srv.Close()
	checkServe(t, p, func(method string, header map[string]string) response {
		return roundTrip(t, srv.Client(), method, srv.URL+"/docs", header)
	})
}
