// Package fasthttp serves a Tideway app over github.com/valyala/fasthttp,
// implementing Tideway's request and response views directly over
// *fasthttp.RequestCtx, with no net/http conversion.
//
// It shares its name with fasthttp itself, so import it under an alias:
//
//	import (
//		"github.com/valyala/fasthttp"
//
//		tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
//	)
//
// Handler turns an app into a fasthttp.RequestHandler for any server or
// router, and StripPrefix mounts it under a prefix of another handler:
//
//	srv := &fasthttp.Server{
//		Handler:           tfasthttp.Handler(app),
//		StreamRequestBody: true,
//		ErrorHandler:      tfasthttp.ErrorHandler,
//	}
//	api := tfasthttp.StripPrefix("/api", tfasthttp.Handler(app))
//
// ListenAndServe runs a server with safe defaults and shuts it down
// gracefully on SIGINT, SIGTERM or the cancellation of its context;
// NewServer builds the same server for a listener of your own. Handlers
// that need the raw ctx take a view.Request parameter and call RequestCtx
// on it. As everywhere in fasthttp, nothing from the ctx may be used after
// the handler returns; the views hand out copies (every string, the body
// reader is closed when the request ends), so values bound from a request
// can be kept.
//
// # Behaving as on net/http
//
// An app answers the same on both adapters; where the servers differ, this
// adapter does what net/http's server does:
//
//   - Routing uses the path as net/http's URL.EscapedPath gives it: the
//     request-target as sent, not fasthttp's decoded and cleaned Path, so
//     "%2F" stays inside a segment and "..", "%2e%2e" are not resolved.
//     The query string is passed on verbatim (";" included), as RawQuery.
//     An absolute-form target ("GET http://host/p") routes on its path and
//     its authority is the Host, as on net/http. Host is as sent: fasthttp
//     lowercases ctx.Host().
//   - A request-target net/http refuses (an invalid escape such as "%zz"
//     in the path, a relative path) is answered before the app, exactly as
//     net/http answers it: 400, "400 Bad Request" as text/plain, and the
//     connection closes. fasthttp itself would pass the invalid escape on.
//   - "OPTIONS *" is answered 200 with Content-Length 0 and never reaches
//     the app, as on net/http.
//   - Request bodies: the app's body limit is enforced by Tideway's binder
//     (413 for a declared length over it before reading, 413 once a chunked
//     body passes it), which needs the body to reach the app. ListenAndServe
//     sets StreamRequestBody, so fasthttp hands bodies to the app as they
//     arrive. Its MaxRequestBodySize (32 MiB) then refuses nothing, so on
//     the servers of ListenAndServe and NewServer the adapter answers a
//     declared length over it with 413 itself (a chunked body is bounded by
//     the app's limit alone, as on net/http). A request with "Expect:
//     100-continue" whose declared length is over it gets that 413 at
//     once, not a "100 Continue" inviting the body first (their
//     ExpectHandler, unless you set one or a ContinueHandler). A server that reads whole
//     bodies refuses those over its limit with a 400 of its own;
//     ErrorHandler makes that 413 (and 431 for headers over
//     ReadBufferSize), in net/http's plain-text style. Multipart bodies are
//     not pre-parsed (DisablePreParseMultipartForm): the app reads them.
//     A streamed body the app left unread is discarded after the handler
//     if short (up to 256 KiB, like net/http); otherwise the response is
//     sent with "Connection: close" and the connection lingers briefly
//     before closing, so that a client still sending gets the response
//     rather than a reset.
//   - Timeouts: net/http bounds the request line and headers
//     (ReadHeaderTimeout) apart from the whole request (ReadTimeout);
//     fasthttp has one ReadTimeout. ListenAndServe and NewServer make it
//     the header timeout (10s, WithReadHeaderTimeout) and, through a
//     HeaderReceived callback, give the rest of the request the
//     ReadTimeout (60s) once the headers are in, so a client that sends
//     its headers slowly is cut off at 10s on both servers. fasthttp moves
//     a connection's read deadline twice per request (to the idle
//     timeout, then to the read timeout), which re-arms a runtime timer
//     each time; the connections of ListenAndServe arm a deadline only
//     when it comes before the one armed, and on a read cut by the armed
//     one re-arm the later deadline and read on. The timeouts stay exact,
//     and on a busy connection requests leave the timer alone. There,
//     rc.Conn() is that wrapper: its NetConn method returns the
//     *net.TCPConn.
//   - HEAD: fasthttp sends no body; Content-Length and Content-Type are
//     those of the GET response, as net/http sends them.
//   - A response with a body and no Content-Type gets one sniffed from the
//     body (http.DetectContentType), as on net/http; fasthttp's default
//     "text/plain" is never sent. ListenAndServe sends no Server header.
//   - Header lookups are case-insensitive, even on a server that disables
//     header name normalizing, and give the first value. As on net/http,
//     Host and Transfer-Encoding are not headers (see Host and
//     ContentLength, which is -1 for a chunked body).
//   - Panics never reach fasthttp, which does not recover them: the app
//     answers 500, and http.ErrAbortHandler drops the response and closes
//     the connection, as on net/http.
//   - Streams and server-sent events flush: fasthttp sends a response only
//     when its handler returns, so the app runs on a goroutine of its own
//     (taken from a pool of parked goroutines), and its first Flush lets the
//     handler return while the app writes the rest through a pipe, sent
//     chunked, as net/http sends it. The hand-over costs about 1.5µs per
//     request (BenchmarkHandler, against running the app inline).
//   - The request context is cancelled when the handler returns and when a
//     streamed write finds the client gone. fasthttp does not watch the
//     connection while a handler runs, so a client that goes away is not
//     noticed until the response is written. Like net/http (and unlike
//     fasthttp's own RequestCtx), the context is not cancelled by a
//     graceful shutdown, which waits for in-flight requests instead.
//
// What still differs: the body of fasthttp's own refusals (ErrorHandler's
// 408 for a read timeout, where net/http closes silently); "Content-Length:
// 0" on a HEAD response that was flushed, where net/http sends none; Date
// and Connection headers, which each server sets its own way.
package fasthttp
