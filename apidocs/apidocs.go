package apidocs

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

var (
	//go:embed page.html
	pageHTML string
	//go:embed page.js
	pageJS string
	//go:embed page.css
	pageCSS string
)

// Page is the reference page for one OpenAPI document, rendered once. It
// is an http.Handler, and its Serve method is a raw Tideway handler.
type Page struct {
	body []byte
	etag string
	csp  string
}

var _ http.Handler = (*Page)(nil)

// SpecURLError is a spec URL that the page cannot load.
type SpecURLError struct {
	URL    string
	Reason string
}

func (e *SpecURLError) Error() string {
	return fmt.Sprintf("apidocs: spec URL %q: %s", e.URL, e.Reason)
}

// New renders the page for the OpenAPI document at specURL: a path on the
// page's own origin ("/openapi.json"), relative to the page's URL
// ("openapi.json"), or an absolute http or https URL, whose origin the
// page's Content-Security-Policy then lets it fetch from. Other URLs are
// a *SpecURLError.
func New(specURL string) (*Page, error) {
	origin, err := specOrigin(specURL)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = template.Must(template.New("page").Parse(pageHTML)).Execute(&buf, struct {
		Spec   string
		Script template.JS
		Style  template.CSS
	}{specURL, template.JS(pageJS), template.CSS(pageCSS)})
	if err != nil {
		return nil, err
	}
	body := buf.Bytes()
	sum := sha256.Sum256(body)
	connect := "'self'"
	if origin != "" {
		connect += " " + origin
	}
	return &Page{
		body: body,
		etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`,
		csp: "default-src 'none'; script-src " + hashSource(pageJS) + "; style-src " + hashSource(pageCSS) +
			"; connect-src " + connect + "; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" +
			"; require-trusted-types-for 'script'; trusted-types 'none'",
	}, nil
}

// Handler returns a raw Tideway handler that serves the page for the
// OpenAPI document at specURL (see New):
//
//	app.At("/docs").Get(apidocs.Handler("/openapi.json"))
//
// It panics with a *SpecURLError if New would fail, as route registration
// does with a bad route: the URL is fixed when the program is written.
func Handler(specURL string) func(*tideway.Call) error {
	p, err := New(specURL)
	if err != nil {
		panic(err)
	}
	return p.Serve
}

// Serve answers GET and HEAD with the page (304 when If-None-Match names
// its ETag) and any other method with 405. Its method value p.Serve is a
// raw Tideway handler.
func (p *Page) Serve(c *tideway.Call) error {
	method := c.Request.Method()
	if method != http.MethodGet && method != http.MethodHead {
		c.Response.SetHeader("Allow", "GET, HEAD")
		return respond.Errorf(http.StatusMethodNotAllowed, "method %s is not allowed here", method)
	}
	inm, _ := c.Request.Header("If-None-Match")
	w := c.Response
	status := p.headers(w.SetHeader, inm)
	if status == http.StatusOK {
		if ls, ok := w.(view.LengthSetter); ok {
			ls.SetContentLength(len(p.body))
		} else {
			w.SetHeader("Content-Length", strconv.Itoa(len(p.body)))
		}
	}
	w.WriteHeader(status)
	if status != http.StatusOK || method == http.MethodHead {
		return nil
	}
	_, err := w.Write(p.body)
	return err
}

// ServeHTTP is Serve for net/http.
func (p *Page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	status := p.headers(h.Set, r.Header.Get("If-None-Match"))
	if status == http.StatusOK {
		h.Set("Content-Length", strconv.Itoa(len(p.body)))
	}
	w.WriteHeader(status)
	if status == http.StatusOK && r.Method != http.MethodHead {
		w.Write(p.body)
	}
}

// headers sets the response headers through set and returns the status:
// 304 when ifNoneMatch names the page's ETag, else 200.
func (p *Page) headers(set func(name, value string), ifNoneMatch string) int {
	set("Content-Security-Policy", p.csp)
	set("X-Content-Type-Options", "nosniff")
	set("Referrer-Policy", "no-referrer")
	set("Cache-Control", "no-cache")
	set("ETag", p.etag)
	if ifNoneMatch != "" && etagMatch(ifNoneMatch, p.etag) {
		return http.StatusNotModified
	}
	set("Content-Type", "text/html; charset=utf-8")
	return http.StatusOK
}

// hashSource is the CSP source that allows exactly the inline element
// whose text is text.
func hashSource(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// specOrigin checks specURL and returns the origin to allow in
// connect-src: "" for a URL on the page's own origin.
func specOrigin(specURL string) (string, error) {
	bad := func(reason string) error { return &SpecURLError{URL: specURL, Reason: reason} }
	if specURL == "" {
		return "", bad("it is empty; use a path such as /openapi.json")
	}
	if strings.ContainsAny(specURL, "\\ \t\r\n\f") {
		// Browsers read a backslash as "/" and drop white space at the
		// ends, so `/\host/x` or ` //host/x`, a path to Go, names
		// another host.
		return "", bad("it must not hold a backslash or white space; escape them (%5C, %20)")
	}
	u, err := url.Parse(specURL)
	if err != nil {
		return "", bad(err.Error())
	}
	switch {
	case u.Scheme == "" && u.Host == "":
		return "", nil
	case u.Scheme == "":
		return "", bad("a URL without a scheme must not name a host (//host/...); use a path, or http:// or https://")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", bad("the scheme must be http or https")
	case u.Host == "":
		return "", bad("an http or https URL must name a host")
	case u.User != nil:
		return "", bad("the page cannot fetch a URL with a user name or password in it")
	case strings.ContainsFunc(u.Host, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-:[]", r))
	}):
		return "", bad("the host may hold only letters, digits and . - : [ ]")
	}
	return u.Scheme + "://" + u.Host, nil
}
