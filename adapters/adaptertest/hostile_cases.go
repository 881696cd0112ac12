package adaptertest

import (
	"strconv"
	"strings"
)

// hostileCases sends what an attacker sends: dot segments and escapes
// meant to climb out of a directory, invalid escapes and invalid UTF-8,
// NUL bytes, numbers that overflow every integer size, NaN and infinity,
// slice indexes meant to allocate or panic, floods of query parameters,
// oversized and deeply nested bodies, wrong media types, method
// overrides, redirects meant to leave the host, and handlers and
// responders that panic or write after their time is up. Each gets a
// 4xx, a safe 2xx, or (where the server is at fault) a generic 500, and
// the request after it is served as usual.
//
// What a client cannot send is not here: net/http's client refuses a
// raw control byte (NUL, CR, LF, tab) in the request-target or in a
// header value, an invalid header name, and conflicting framing
// (Content-Length with Transfer-Encoding, two Content-Lengths). Their
// escaped forms are here. Nor is a body sent at once after "Expect:
// 100-continue": net/http's server closes that connection without
// lingering when the body goes unread, so its 413 races a reset.
func hostileCases() []Case {
	jsonType := hdr("Content-Type", "application/json")
	badRequest := Want{Status: 400, BeforeApp: true, Body: Exact("400 Bad Request"), Header: hdr("Content-Type", typeText, "X-Request-ID", "")}
	tooLarge := Want{Status: 431, BeforeApp: true, Body: Exact("431 Request Header Fields Too Large"),
		Header: hdr("Content-Type", typeText, "X-Request-ID", "")}
	refused := Want{Status: 500, Body: Exact(internalError), Header: hdr("Content-Type", typeProblem, "Location", "")}
	overLimit := Problem("request body is larger than the limit of 1048576 bytes")
	uriTooLong := Problem("the path and query are longer than the limit of 8192 bytes")
	return []Case{
		// Dot segments: Tideway routes the path as sent (SECURITY.md), so
		// ".." is an ordinary segment and a parameter may be "..".
		{Name: "hostile dot segments in a glob", Target: "/files/../../etc/passwd",
			Want: Want{Status: 200, Body: Exact("rest=../../etc/passwd")}},
		{Name: "hostile escaped dot segments in a glob", Target: "/files/%2e%2e/%2E%2E/etc/passwd",
			Want: Want{Status: 200, Body: Exact("rest=../../etc/passwd")}},
		{Name: "hostile dot segments climb nowhere", Target: "/h/name/../../hello",
			Want: Want{Status: 404, Body: Problem("no route matches the path")}},
		{Name: "hostile dot segment as a param", Target: "/h/name/..", Want: Want{Status: 200, Body: Exact(`".."`)}},
		{Name: "hostile empty segment", Target: "/h/name//x", Want: Want{Status: 404, Body: Problem("no route matches the path")}},
		{Name: "hostile escaped dot segment as a param", Target: "/h/name/%2E%2e", Want: Want{Status: 200, Body: Exact(`".."`)}},
		{Name: "hostile escaped slashes in a param", Target: "/h/name/..%2F..%2Fetc%2Fpasswd",
			Want: Want{Status: 200, Body: Exact(`"../../etc/passwd"`)}},
		{Name: "hostile escaped backslashes in a param", Target: "/h/name/..%5C..%5Cwin.ini",
			Want: Want{Status: 200, Body: Exact(`"..\\..\\win.ini"`)}},
		{Name: "hostile overlong utf-8 dots", Target: "/h/name/%C0%AE%C0%AE",
			Want: Want{Status: 200, Body: Exact(`"\xc0\xae\xc0\xae"`)}},

		// Invalid escapes in the path: the server refuses the request line.
		{Name: "hostile lone percent in the path", Target: "/h/name/%", Want: badRequest},
		{Name: "hostile double percent in the path", Target: "/h/name/%%", Want: badRequest},
		{Name: "hostile short escape in the path", Target: "/h/name/%2", Want: badRequest},
		{Name: "hostile non-hex escape in the path", Target: "/h/name/%zz", Want: badRequest},

		// Invalid UTF-8 and NUL reach handlers as the bytes sent.
		{Name: "hostile escaped invalid utf-8 in a param", Target: "/h/name/%FF%FE", Want: Want{Status: 200, Body: Exact(`"\xff\xfe"`)}},
		{Name: "hostile raw invalid utf-8 in a param", Target: "/h/name/\xff", Want: Want{Status: 200, Body: Exact(`"\xff"`)}},
		{Name: "hostile nul in a param", Target: "/h/name/%00", Want: Want{Status: 200, Body: Exact(`"\x00"`)}},
		{Name: "hostile nul in a number param", Target: "/users/%00", Want: Want{Status: 400, Body: Problem("", "path.id")}},
		{Name: "hostile nul in a query value", Target: "/h/str?s=%00", Want: Want{Status: 200, Body: Exact(`s="\x00" t=[]`)}},
		{Name: "hostile nul in a query key", Target: "/h/str?%00=x", Want: Want{Status: 400, Body: Problem("", "query.\x00")}},
		{Name: "hostile invalid utf-8 in a query value", Target: "/h/str?s=%FF&t=%C0%AE",
			Want: Want{Status: 200, Body: Exact(`s="\xff" t=["\xc0\xae"]`)}},
		{Name: "hostile invalid escape in a bound query", Target: "/h/str?s=%zz", Want: Want{Status: 400, Body: Problem("", "query")}},
		{Name: "hostile lone percent in a bound query", Target: "/h/str?s=%", Want: Want{Status: 400, Body: Problem("", "query")}},
		{Name: "hostile header byte over 0x7f", Target: "/headers", Header: hdr("X-Token", "caf\xe9"),
			Want: Want{Status: 200, Body: Exact("token=caf\xe9 count=0")}},

		// Numbers that fit no integer size, signs a uint cannot take,
		// and floats that are not finite.
		{Name: "hostile signed overflow in the path", Target: "/h/ints/9223372036854775808/128/32768/2147483648/9223372036854775808",
			Want: Want{Status: 400, Body: Problem("", "path.i", "path.i8", "path.i16", "path.i32", "path.i64")}},
		{Name: "hostile signed underflow in the path", Target: "/h/ints/-9223372036854775809/-129/-32769/-2147483649/-9223372036854775809",
			Want: Want{Status: 400, Body: Problem("", "path.i", "path.i8", "path.i16", "path.i32", "path.i64")}},
		{Name: "hostile signed limits in the path", Target: "/h/ints/-9223372036854775808/-128/32767/-2147483648/9223372036854775807",
			Want: Want{Status: 200, Body: Exact("{-9223372036854775808 -128 32767 -2147483648 9223372036854775807}")}},
		{Name: "hostile unsigned overflow in the path", Target: "/h/uints/18446744073709551616/256/65536/4294967296/18446744073709551616",
			Want: Want{Status: 400, Body: Problem("", "path.u", "path.u8", "path.u16", "path.u32", "path.u64")}},
		{Name: "hostile negative unsigned in the path", Target: "/h/uints/-1/-1/-0/-1/-18446744073709551615",
			Want: Want{Status: 400, Body: Problem("", "path.u", "path.u8", "path.u16", "path.u32", "path.u64")}},
		{Name: "hostile NaN in the path", Target: "/h/floats/NaN/nan", Want: Want{Status: 400, Body: Problem("", "path.f32", "path.f64")}},
		{Name: "hostile infinity in the path", Target: "/h/floats/Inf/-Infinity", Want: Want{Status: 400, Body: Problem("", "path.f32", "path.f64")}},
		{Name: "hostile float overflow in the path", Target: "/h/floats/1e39/1e309", Want: Want{Status: 400, Body: Problem("", "path.f32", "path.f64")}},
		{Name: "hostile signed overflow in the query", Target: "/h/nums?i8=128&i16=-32769&i32=2147483648&i64=-9223372036854775809",
			Want: Want{Status: 400, Body: Problem("", "query.i8", "query.i16", "query.i32", "query.i64")}},
		{Name: "hostile unsigned overflow in the query", Target: "/h/nums?u8=256&u16=65536&u32=4294967296&u64=18446744073709551616",
			Want: Want{Status: 400, Body: Problem("", "query.u8", "query.u16", "query.u32", "query.u64")}},
		{Name: "hostile negative unsigned in the query", Target: "/h/nums?u8=-1&u16=-1&u32=-1&u64=-1",
			Want: Want{Status: 400, Body: Problem("", "query.u8", "query.u16", "query.u32", "query.u64")}},
		{Name: "hostile float overflow in the query", Target: "/h/nums?f32=1e39&f64=1e309",
			Want: Want{Status: 400, Body: Problem("", "query.f32", "query.f64")}},
		{Name: "hostile NaN in the query", Target: "/h/nums?f32=NaN&f64=nan",
			Want: Want{Status: 400, Body: Problem("", "query.f32", "query.f64")}},
		{Name: "hostile infinity in the query", Target: "/h/nums?f32=Inf&f64=-infinity",
			Want: Want{Status: 400, Body: Problem("", "query.f32", "query.f64")}},

		// Slice indexes in query keys: bounded, canonical, never negative.
		{Name: "hostile huge slice index", Target: "/h/items?items.100000.name=x",
			Want: Want{Status: 400, Body: Problem("bad request: query.items.100000.name: has index 100000; at most 99 is allowed",
				"query.items.100000.name")}},
		{Name: "hostile slice index past every int", Target: "/h/items?items.99999999999999999999.name=x",
			Want: Want{Status: 400, Body: Problem("", "query.items.99999999999999999999.name")}},
		{Name: "hostile negative slice index", Target: "/h/items?items.-1.name=x",
			Want: Want{Status: 400, Body: Problem("", "query.items.-1.name")}},
		{Name: "hostile plus-signed slice index", Target: "/h/items?items.%2B1.name=x",
			Want: Want{Status: 400, Body: Problem("", "query.items.+1.name")}},
		{Name: "hostile zero-padded slice index", Target: "/h/items?items.01.name=x",
			Want: Want{Status: 400, Body: Problem("", "query.items.01.name")}},
		{Name: "hostile empty slice index", Target: "/h/items?items..name=x",
			Want: Want{Status: 400, Body: Problem("", "query.items..name")}},
		{Name: "hostile key below a slice field", Target: "/h/items?items.0.name.evil=x",
			Want: Want{Status: 400, Body: Problem("", "query.items.0.name.evil")}},
		{Name: "hostile value for a slice of structs", Target: "/h/items?items=x", Want: Want{Status: 400, Body: Problem("", "query.items")}},
		{Name: "hostile largest slice index", Target: "/h/items?items.99.name=x",
			Want: Want{Status: 200, Body: Exact(`100 items, last "x"`)}},

		// Query keys: repeated, empty, odd separators, too many.
		{Name: "hostile repeated query key", Target: "/h/str?s=1&s=2&t=a&t=b",
			Want: Want{Status: 200, Body: Exact(`s="2" t=["a" "b"]`)}},
		{Name: "hostile empty query key", Target: "/h/str?=x", Want: Want{Status: 400, Body: Problem("", "query")}},
		{Name: "hostile empty query pairs", Target: "/h/str?&&", Want: Want{Status: 200, Body: Exact(`s="" t=[]`)}},
		{Name: "hostile semicolon separator", Target: "/h/str?s=1;t=2", Want: Want{Status: 400,
			Body: Problem(`bad request: query: is malformed: ";" is not a separator; use "&"`, "query")}},
		{Name: "hostile query key in another case", Target: "/h/str?S=x", Want: Want{Status: 400, Body: Problem("", "query.S")}},
		{Name: "hostile 1001 query params", Target: "/h/str?" + repeatPairs("t=x", 1001), Want: Want{Status: 400,
			Body: Problem("bad request: query: has 1001 parameters; at most 1000 are allowed", "query")}},
		{Name: "hostile 100000 query params", Target: "/h/str?" + repeatPairs("t=x", 100000), Want: tooLarge},

		// Targets at and past the app's 8 KiB limit on the path and
		// query (tideway.DefaultURILength), well inside the server's.
		{Name: "hostile path at the length limit", Target: "/h/name/" + strings.Repeat("a", 8192-len("/h/name/")),
			Want: Want{Status: 200, Body: Exact(`"` + strings.Repeat("a", 8192-len("/h/name/")) + `"`)}},
		{Name: "hostile path one over the length limit", Target: "/h/name/" + strings.Repeat("a", 8193-len("/h/name/")),
			Want: Want{Status: 414, Body: uriTooLong}},
		{Name: "hostile path and query at the length limit", Target: "/h/str?s=" + strings.Repeat("x", 8192-len("/h/strs=")),
			Want: Want{Status: 200, Body: Exact(`s="` + strings.Repeat("x", 8192-len("/h/strs=")) + `" t=[]`)}},
		{Name: "hostile path and query one over the length limit", Target: "/h/str?s=" + strings.Repeat("x", 8193-len("/h/strs=")),
			Want: Want{Status: 414, Body: uriTooLong}},
		{Name: "hostile unrouted path over the length limit", Method: "POST", Target: "/nowhere/" + strings.Repeat("%41", 3000),
			Want: Want{Status: 414, Body: uriTooLong}},

		// Headers and paths past the server's 64 KiB limit.
		{Name: "hostile oversized header", Target: "/hello", Header: hdr("X-Big", strings.Repeat("a", 100<<10)), Want: tooLarge},
		{Name: "hostile oversized path", Target: "/h/name/" + strings.Repeat("a", 100<<10), Want: tooLarge},
		{Name: "hostile 5000 headers", Target: "/hello", Header: manyHeaders(5000), Want: Want{Status: 200, Body: Exact("hello")}},
		{Name: "hostile header number overflow", Target: "/headers", Header: hdr("X-Token", "t", "X-Count", "-9223372036854775809"),
			Want: Want{Status: 400, Body: Problem("", "header.X-Count")}},

		// Bodies: over the 1 MiB default, nested, malformed, mistyped.
		{Name: "hostile body over the limit", Method: "POST", Target: "/h/body", Header: jsonType, Body: bigNote(),
			Want: Want{Status: 413, Body: overLimit}},
		{Name: "hostile body over the limit chunked", Method: "POST", Target: "/h/body", Header: jsonType, Body: bigNote(),
			Chunked: true, Want: Want{Status: 413, Body: overLimit}},
		{Name: "hostile body over every server limit", Method: "POST", Target: "/h/body", Header: jsonType,
			Body: strings.Repeat("x", 33<<20), Want: Want{Status: 413, Body: overLimit},
			Skip: map[string]string{"fasthttp": fasthttpBodyLimitBug}},
		{Name: "hostile get with a body", Target: "/hello", Body: "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n",
			Want: Want{Status: 200, Body: Exact("hello")}},
		{Name: "hostile json nested 100000 deep", Method: "POST", Target: "/h/body", Header: jsonType,
			Body: `{"data":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`,
			Want: Want{Status: 400, Body: Problem("bad request: body: nests deeper than 64 levels", "body")}},
		{Name: "hostile json nested to the limit", Method: "POST", Target: "/h/body", Header: jsonType,
			Body: `{"data":` + strings.Repeat("[", 63) + strings.Repeat("]", 63) + `}`,
			Want: Want{Status: 200, Body: Exact(`contents="" data=` + strings.Repeat("[", 63) + strings.Repeat("]", 63))}},
		{Name: "hostile json trailing garbage", Method: "POST", Target: "/h/body", Header: jsonType, Body: `{"contents":"a"}garbage`,
			Want: Want{Status: 400, Body: Problem("bad request: body: has data after the JSON value", "body")}},
		{Name: "hostile json duplicate keys", Method: "POST", Target: "/h/body", Header: jsonType,
			Body: `{"contents":"a","contents":"b"}`, Want: Want{Status: 200, Body: Exact(`contents="b" data=<nil>`)}},
		{Name: "hostile json number past float64", Method: "POST", Target: "/h/body", Header: jsonType, Body: `{"data":1e999}`,
			Want: Want{Status: 400, Body: Problem("", "body.data")}},
		{Name: "hostile json number past int", Method: "POST", Target: "/messages", Header: jsonType,
			Body: `{"contents":"a","priority":99999999999999999999}`, Want: Want{Status: 400, Body: Problem("", "body.priority")}},
		{Name: "hostile json byte order mark", Method: "POST", Target: "/h/body", Header: jsonType, Body: "\xef\xbb\xbf{}",
			Want: Want{Status: 400, Body: Problem("bad request: body: must be a JSON object", "body")}},
		{Name: "hostile json null", Method: "POST", Target: "/h/body", Header: jsonType, Body: `null`,
			Want: Want{Status: 400, Body: Problem("bad request: body: must be a JSON object", "body")}},
		{Name: "hostile json empty", Method: "POST", Target: "/h/body", Header: jsonType,
			Want: Want{Status: 400, Body: Problem("bad request: body: is empty; send a JSON object", "body")}},
		{Name: "hostile json invalid utf-8 and nul", Method: "POST", Target: "/h/body", Header: jsonType,
			Body: "{\"contents\":\"\xff\\u0000\"}", Want: Want{Status: 200, Body: Exact("contents=\"\ufffd\\x00\" data=<nil>")}},
		{Name: "hostile json missing content type", Method: "POST", Target: "/h/body", Body: `{"contents":"a"}`,
			Want: Want{Status: 415, Body: Problem("missing Content-Type; send application/json")}},
		{Name: "hostile json as text/json", Method: "POST", Target: "/h/body", Header: hdr("Content-Type", "text/json"),
			Body: `{"contents":"a"}`, Want: Want{Status: 415, Body: Problem(`unsupported Content-Type "text/json"; send application/json`)}},
		{Name: "hostile json as a list of types", Method: "POST", Target: "/h/body",
			Header: hdr("Content-Type", "text/plain, application/json"), Body: `{"contents":"a"}`,
			Want: Want{Status: 415, Body: Problem(`unsupported Content-Type "text/plain, application/json"; send application/json`)}},
		{Name: "hostile json as +json", Method: "POST", Target: "/h/body", Header: hdr("Content-Type", "application/evil+json"),
			Body: `{"contents":"a"}`, Want: Want{Status: 200, Body: Exact(`contents="a" data=<nil>`)}},
		{Name: "hostile json as upper-case type", Method: "POST", Target: "/h/body", Header: hdr("Content-Type", "APPLICATION/JSON"),
			Body: `{"contents":"a"}`, Want: Want{Status: 200, Body: Exact(`contents="a" data=<nil>`)}},

		// Methods: exact, never overridden by a header or a parameter.
		{Name: "hostile lowercase post", Method: "post", Target: "/h/body", Header: jsonType, Body: `{"contents":"a"}`,
			Want: Want{Status: 405, Body: Problem("method post is not allowed here"), Header: hdr("Allow", "POST")}},
		{Name: "hostile method override headers", Method: "POST", Target: "/h/override?_method=DELETE",
			Header: hdr("X-HTTP-Method-Override", "DELETE", "X-HTTP-Method", "DELETE", "X-Method-Override", "DELETE"),
			Want:   Want{Status: 200, Body: Exact("post")}},
		{Name: "hostile override route's own delete", Method: "DELETE", Target: "/h/override", Want: Want{Status: 200, Body: Exact("delete")}},
		{Name: "hostile override to a missing method", Method: "POST", Target: "/hello", Header: hdr("X-HTTP-Method-Override", "GET"),
			Want: Want{Status: 405, Body: Problem("method POST is not allowed here"), Header: hdr("Allow", "GET, HEAD")}},
		{Name: "hostile trace", Method: "TRACE", Target: "/hello", Header: hdr("X-Secret", "s3cret"),
			Want: Want{Status: 405, Body: Problem("method TRACE is not allowed here"), Header: hdr("Allow", "GET, HEAD")}},
		{Name: "hostile connect", Method: "CONNECT", Target: "/hello",
			Want: Want{Status: 405, Body: Problem("method CONNECT is not allowed here"), Header: hdr("Allow", "GET, HEAD")}},
		{Name: "hostile options star preflight", Method: "OPTIONS", Target: "*",
			Header: hdr("Origin", "https://app.example", "Access-Control-Request-Method", "DELETE"),
			Want: Want{Status: 200, BeforeApp: true, Header: hdr("Content-Length", "0", "Allow", "",
				"Access-Control-Allow-Origin", "", "Access-Control-Allow-Methods", "")}},
		{Name: "hostile post star", Method: "POST", Target: "*", Body: "x", Want: Want{Status: 404, Body: Problem("")}},

		// Redirects built from the query must stay on the host. The
		// handler of /h/go passes the target on unchecked, so each
		// refusal is respond.Redirect's: a *LocationError, which is a
		// server bug to it, answered 500 with no Location.
		{Name: "hostile redirect on the host", Target: "/h/go?to=/hello%3Fa%3D1",
			Want: Want{Status: 303, Header: hdr("Location", "/hello?a=1")}},
		{Name: "hostile redirect protocol-relative", Target: "/h/go?to=//evil.com", Want: refused},
		{Name: "hostile redirect slash backslash", Target: "/h/go?to=/\\evil.com", Want: refused},
		{Name: "hostile redirect escaped backslash", Target: "/h/go?to=/%255Cevil.com", Want: refused},
		{Name: "hostile redirect escaped slashes", Target: "/h/go?to=/%252F%252Fevil.com", Want: refused},
		{Name: "hostile redirect tab", Target: "/h/go?to=/%09/evil.com", Want: refused},
		{Name: "hostile redirect header injection", Target: "/h/go?to=/%0D%0ALocation:%20https://evil.com", Want: refused},
		{Name: "hostile redirect absolute", Target: "/h/go?to=https://evil.com/", Want: refused},
		{Name: "hostile redirect javascript", Target: "/h/go?to=javascript:alert(1)", Want: refused},
		{Name: "hostile redirect empty", Target: "/h/go?to=", Want: refused},
		{Name: "hostile redirect forwarded host", Target: "/h/go?to=/hello",
			Header: hdr("Host", "evil.com", "X-Forwarded-Host", "evil.com", "X-Forwarded-Proto", "https"),
			Want:   Want{Status: 303, Header: hdr("Location", "/hello")}},
		{Name: "hostile redirect absolute-form target", Target: "http://evil.com/h/go?to=/hello",
			Want: Want{Status: 303, Header: hdr("Location", "/hello")}},
		{Name: "hostile absolute-form target with credentials", Target: "http://user:pass@evil.com/hello",
			Want: Want{Status: 200, Body: Exact("hello")}},

		// CORS and content negotiation with values meant to slip through.
		{Name: "hostile origin with an allowed prefix", Target: "/hello", Header: hdr("Origin", "https://app.example.evil.com"),
			Want: Want{Status: 200, Body: Exact("hello"), Header: hdr("Access-Control-Allow-Origin", "",
				"Access-Control-Allow-Credentials", "", "Vary", "Origin")}},
		{Name: "hostile null origin preflight", Method: "OPTIONS", Target: "/messages",
			Header: hdr("Origin", "null", "Access-Control-Request-Method", "POST"),
			Want:   Want{Status: 204, Header: hdr("Access-Control-Allow-Origin", "", "Access-Control-Allow-Methods", "")}},
		{Name: "hostile accept-encoding quality", Target: "/mw/big", Header: hdr("Accept-Encoding", "gzip;q=NaN, *;q=1e999"),
			Want: Want{Status: 200, Body: Exact(bigBody()), Header: hdr("Content-Encoding", "", "Content-Length", "4350")}},

		// Handlers and responders that fail: 500 or a cut connection, and
		// the next request as usual.
		{Name: "hostile responder panics", Target: "/h/responder-panic", Want: Want{Status: 500, Body: Exact(internalError),
			Header: hdr("Content-Type", typeProblem)}},
		{Name: "hostile responder panics after writing", Target: "/h/responder-panic-started", Want: Want{Status: 0}},
		{Name: "hostile after responder panics", Target: "/hello", Want: Want{Status: 200, Body: Exact("hello")}},
		{Name: "hostile handler writes after its timeout", Target: "/h/late", Want: Want{Status: 503,
			Body: Problem("the request timed out"), Header: hdr("X-Late", "")}},
		{Name: "hostile late write refused", Target: "/h/late-result",
			Want: Want{Status: 200, Body: Exact("late write: 0 bytes, timed out: true"), Header: hdr("X-Late", "")}},

		{Name: "after the hostile cases", Target: "/hello", Want: Want{Status: 200, Body: Exact("hello"),
			Header: hdr("Content-Type", typeText, "Content-Length", "5")}},
	}
}

// fasthttpBodyLimitBug is why the case of a body over every limit is
// skipped for fasthttp.
const fasthttpBodyLimitBug = "adapters/fasthttp answers a Content-Length over its server's MaxRequestBodySize " +
	"(32 MiB) itself, before the app runs: \"413 Request Entity Too Large\" as text/plain, with no X-Request-ID " +
	"or Vary, where nethttp lets the app answer its RFC 9457 413 problem (SECURITY.md: \"a body over the limit 413 " +
	"... as an RFC 9457 problem body\")"

// manyHeaders returns n distinct request headers.
func manyHeaders(n int) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		m["X-H-"+strconv.Itoa(i)] = "1"
	}
	return m
}

// repeatPairs returns n copies of pair joined with "&".
func repeatPairs(pair string, n int) string {
	return strings.TrimSuffix(strings.Repeat(pair+"&", n), "&")
}

// bigNote returns a valid JSON body of one byte over the 1 MiB limit.
func bigNote() string {
	const limit = 1 << 20
	head, tail := `{"contents":"`, `"}`
	return head + strings.Repeat("x", limit+1-len(head)-len(tail)) + tail
}
