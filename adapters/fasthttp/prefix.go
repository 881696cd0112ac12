package fasthttp

import (
	"net/http"
	"strings"

	"github.com/valyala/fasthttp"
)

// StripPrefix returns a handler that serves a request by removing prefix
// from its path and calling h, like net/http's StripPrefix: a request
// whose path does not start with prefix is answered with 404. So is one
// whose path does not go on with a "/" after it ("/api" or "/apix" for
// the prefix "/api"), which net/http would pass on as "" or "x". The prefix
// is removed from the path as sent (still percent-escaped), so an app
// under h routes "/api/files/a%2Fb" as "/files/a%2Fb"; the query string
// is kept as it is. Use it to mount a Tideway app under a prefix of a
// fasthttp handler of your own:
//
//	api := tfasthttp.StripPrefix("/api", tfasthttp.Handler(app))
//	fasthttp.ListenAndServe(":4321", func(rc *fasthttp.RequestCtx) {
//		if bytes.HasPrefix(rc.Path(), []byte("/api/")) {
//			api(rc)
//			return
//		}
//		site(rc)
//	})
func StripPrefix(prefix string, h fasthttp.RequestHandler) fasthttp.RequestHandler {
	if prefix == "" {
		return h
	}
	return func(rc *fasthttp.RequestCtx) {
		uri := rc.Request.Header.RequestURI()
		t, ok := parseTarget(uri)
		if !ok {
			h(rc) // the adapter refuses it as net/http would
			return
		}
		rest, found := strings.CutPrefix(t.path, prefix)
		if !found || rest == "" || rest[0] != '/' {
			rc.Response.Header.Set("X-Content-Type-Options", "nosniff")
			rc.Response.Header.SetContentType("text/plain; charset=utf-8")
			rc.SetStatusCode(http.StatusNotFound)
			rc.SetBodyString("404 page not found\n")
			return
		}
		if t.query != "" {
			rest += "?" + t.query
		}
		if t.host != "" {
			// Keep the authority of an absolute-form target.
			rc.Request.Header.SetHost(t.host)
		}
		rc.Request.SetRequestURI(rest)
		h(rc)
	}
}
