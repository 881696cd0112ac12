package mw

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tideway-go/tideway"

	"github.com/tideway-go/tideway/internal/token"
)

// CORSOptions configures CORS. Only AllowedOrigins is required.
type CORSOptions struct {
	// AllowedOrigins lists the origins allowed to read responses, each
	// exactly as browsers send it ("https://app.example.com",
	// "http://localhost:3000"), or "*" for any origin.
	AllowedOrigins []string
	// AllowedMethods lists the methods allowed in cross-origin requests;
	// default GET, HEAD, POST. "*" allows any.
	AllowedMethods []string
	// AllowedHeaders lists the request headers allowed beyond the
	// CORS-safelisted ones (such as "Content-Type" for JSON, or
	// "Authorization"); default none. "*" allows any.
	AllowedHeaders []string
	// ExposedHeaders lists the response headers scripts may read beyond
	// the safelisted ones (such as "X-Request-ID").
	ExposedHeaders []string
	// AllowCredentials lets requests carry cookies and HTTP
	// authentication. It cannot be combined with the origin "*".
	AllowCredentials bool
	// MaxAge is how long browsers may cache a preflight answer; zero
	// leaves it to the browser (a few seconds). Sent in whole seconds.
	MaxAge time.Duration
}

// CORSError is an invalid CORSOptions, reported by CORS.
type CORSError struct {
	Option string // the field of CORSOptions, such as "AllowedOrigins"
	Value  string // the offending value, if one
	Reason string // what is wrong and how to fix it
}

// Error names the option, the value and the reason.
func (e *CORSError) Error() string {
	msg := "mw: CORS option " + e.Option
	if e.Value != "" {
		msg += " " + strconv.Quote(e.Value)
	}
	return msg + ": " + e.Reason
}

// CORS returns middleware for cross-origin resource sharing, or a
// *CORSError if opts is invalid: no origins, an origin that is not a
// bare scheme://host[:port] (browsers never send a path or a trailing
// slash; "null" is refused since sandboxed documents of any site send
// it), the origin "*" with AllowCredentials, or a negative MaxAge.
//
// A preflight (an OPTIONS request with Origin and
// Access-Control-Request-Method) is answered 204 by CORS itself, without
// calling the rest of the chain; if the origin is allowed, the answer
// lists the allowed methods and headers. Any other request goes on, with
// Access-Control-Allow-Origin (and -Credentials, -Expose-Headers) set
// when its Origin is allowed. A request from an origin that is not
// allowed gets no CORS headers and is served as usual: it is the browser
// that keeps the page from reading the response. Every response gets
// "Vary: Origin"; preflight answers also vary on the request's
// Access-Control-Request-Method and -Headers.
//
// The Origin is reflected only when it is listed: with "*" (and so
// without credentials) the answer is "*". With AllowCredentials, a "*" in
// AllowedMethods or AllowedHeaders reflects what the preflight asks for,
// if it is a well-formed list of tokens, since browsers read "*" there
// literally when credentials are allowed.
//
// Attach CORS at App level: only app-level middleware runs for requests
// no route matches, including preflights to paths with no OPTIONS route.
func CORS(opts CORSOptions) (tideway.Middleware, error) {
	p := &corsPolicy{origins: map[string]struct{}{}, credentials: opts.AllowCredentials}
	if len(opts.AllowedOrigins) == 0 {
		return nil, &CORSError{Option: "AllowedOrigins", Reason: `no origins are allowed; list them, or use "*" for any`}
	}
	for _, o := range opts.AllowedOrigins {
		if o == "*" {
			p.anyOrigin = true
			continue
		}
		if reason := checkOrigin(o); reason != "" {
			return nil, &CORSError{Option: "AllowedOrigins", Value: o, Reason: reason}
		}
		p.origins[strings.ToLower(o)] = struct{}{}
	}
	if p.anyOrigin && p.credentials {
		return nil, &CORSError{Option: "AllowCredentials", Reason: `cannot be combined with the origin "*"; list the allowed origins`}
	}
	methods := opts.AllowedMethods
	if len(methods) == 0 {
		methods = []string{http.MethodGet, http.MethodHead, http.MethodPost}
	}
	var err error
	if p.methods, p.anyMethod, err = tokenList("AllowedMethods", methods); err != nil {
		return nil, err
	}
	if p.headers, p.anyHeader, err = tokenList("AllowedHeaders", opts.AllowedHeaders); err != nil {
		return nil, err
	}
	if p.exposed, _, err = tokenList("ExposedHeaders", opts.ExposedHeaders); err != nil {
		return nil, err
	}
	if opts.MaxAge < 0 {
		return nil, &CORSError{Option: "MaxAge", Value: opts.MaxAge.String(), Reason: "must not be negative"}
	}
	if opts.MaxAge > 0 {
		p.maxAge = strconv.FormatInt(int64(opts.MaxAge/time.Second), 10)
	}
	return p.serve, nil
}

// MustCORS is CORS for options known to be valid: it panics with the
// *CORSError instead of returning it.
func MustCORS(opts CORSOptions) tideway.Middleware {
	m, err := CORS(opts)
	if err != nil {
		panic(err)
	}
	return m
}

// corsPolicy is CORSOptions checked and prepared for serving.
type corsPolicy struct {
	origins              map[string]struct{} // lowercase
	anyOrigin            bool
	credentials          bool
	methods, headers     string // joined with ", "; "*" when any
	anyMethod, anyHeader bool   // "*" was given
	exposed              string
	maxAge               string // seconds, or "" to omit
}

func (p *corsPolicy) serve(c *tideway.Call, next tideway.Next) error {
	w := c.Response
	origin, hasOrigin := c.Request.Header("Origin")
	reqMethod, hasMethod := c.Request.Header("Access-Control-Request-Method")
	if hasOrigin && hasMethod && c.Request.Method() == http.MethodOptions {
		w.AddHeader("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
		if allowed := p.allow(origin); allowed != "" {
			w.SetHeader("Access-Control-Allow-Origin", allowed)
			if p.credentials {
				w.SetHeader("Access-Control-Allow-Credentials", "true")
			}
			p.list(c, "Access-Control-Allow-Methods", p.methods, p.anyMethod, reqMethod)
			reqHeaders, _ := c.Request.Header("Access-Control-Request-Headers")
			p.list(c, "Access-Control-Allow-Headers", p.headers, p.anyHeader, reqHeaders)
			if p.maxAge != "" {
				w.SetHeader("Access-Control-Max-Age", p.maxAge)
			}
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	w.AddHeader("Vary", "Origin")
	if allowed := p.allow(origin); hasOrigin && allowed != "" {
		w.SetHeader("Access-Control-Allow-Origin", allowed)
		if p.credentials {
			w.SetHeader("Access-Control-Allow-Credentials", "true")
		}
		if p.exposed != "" {
			w.SetHeader("Access-Control-Expose-Headers", p.exposed)
		}
	}
	return next(c)
}

// allow returns the Access-Control-Allow-Origin value for origin, or ""
// if it is not allowed.
func (p *corsPolicy) allow(origin string) string {
	if p.anyOrigin {
		return "*"
	}
	if _, ok := p.origins[origin]; ok {
		return origin
	}
	return ""
}

// list sets a preflight's list header: the configured list, "*", or, for
// "*" with credentials, what the preflight asked for if it is well formed.
func (p *corsPolicy) list(c *tideway.Call, name, configured string, wild bool, requested string) {
	value := configured
	if wild && p.credentials {
		value = ""
		if validTokenList(requested) {
			value = requested
		}
	}
	if value != "" {
		c.Response.SetHeader(name, value)
	}
}

// checkOrigin returns why o is not a valid origin, or "".
func checkOrigin(o string) string {
	u, err := url.Parse(o)
	switch {
	case o == "null":
		return `"null" is sent by sandboxed documents and local files of any site; it cannot be allowed`
	case err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "":
		return "is not an origin; write scheme://host[:port], as in https://app.example.com"
	case u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(o, "?") || strings.HasSuffix(o, "#"):
		return "has more than scheme://host[:port]; browsers send origins without a path, query or trailing slash"
	}
	return ""
}

// tokenList checks that each of values is "*" or an HTTP token and joins
// them; wild reports a "*".
func tokenList(option string, values []string) (joined string, wild bool, err error) {
	for _, v := range values {
		if v == "*" {
			wild = true
		} else if !token.Valid(v) {
			return "", false, &CORSError{Option: option, Value: v, Reason: "is not a method or header name"}
		}
	}
	if wild {
		return "*", true, nil
	}
	return strings.Join(values, ", "), false, nil
}

// validTokenList reports whether s is a comma-separated list of HTTP
// tokens, with optional spaces.
func validTokenList(s string) bool {
	for item := range strings.SplitSeq(s, ",") {
		if !token.Valid(strings.Trim(item, " \t")) {
			return false
		}
	}
	return true
}
