package adaptertest

import "strings"

// middlewareCases covers the order of middleware across the levels of
// the table of contents, short-circuits, and each standard middleware:
// Guard, Recover, RequestID, CORS, Compress, Timeout and BodyLimit.
func middlewareCases() []Case {
	const origin = "https://app.example"
	gzip := hdr("Accept-Encoding", "gzip")
	jsonType := hdr("Content-Type", "application/json")
	preflightVary := "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
	return []Case{
		{Name: "order", Target: "/mw/deep/order", Want: Want{Status: 200, Body: Exact("handler"), Header: hdr(
			"X-Order-In", "router, nested, resource, endpoint",
			"X-Order-Out", "endpoint, resource, nested, router")}},
		{Name: "order on error", Target: "/mw/deep/admin", Want: Want{Status: 403, Body: Problem("forbidden"),
			Header: hdr("X-Order-In", "router, nested", "X-Order-Out", "")}},
		{Name: "guard lets through", Target: "/mw/deep/admin", Header: hdr("X-Role", "admin"),
			Want: Want{Status: 200, Body: Exact("admin area")}},
		{Name: "guard called the handler once", Target: "/mw/deep/admin-calls", Want: Want{Status: 200, Body: Exact("1")}},
		{Name: "recover", Target: "/mw/recover", Want: Want{Status: 500, Body: Exact(internalError),
			Header: hdr("Content-Type", typeProblem, "X-Order-In", "router")}},
		{Name: "after recover", Target: "/mw/deep/order", Want: Want{Status: 200, Body: Exact("handler")}},

		{Name: "request id generated", Target: "/mw/request-id", Want: Want{Status: 200, Body: EchoesRequestID()}},
		{Name: "request id echoed", Target: "/mw/request-id", Header: hdr("X-Request-ID", "req-42.a:b_c"),
			Want: Want{Status: 200, Body: Exact("req-42.a:b_c"), Header: hdr("X-Request-ID", "req-42.a:b_c")}},
		{Name: "request id invalid replaced", Target: "/mw/request-id", Header: hdr("X-Request-ID", "bad id<script>"),
			Want: Want{Status: 200, Body: EchoesRequestID()}},
		{Name: "request id too long replaced", Target: "/mw/request-id", Header: hdr("X-Request-ID", strings.Repeat("a", 129)),
			Want: Want{Status: 200, Body: EchoesRequestID()}},
		{Name: "request id on errors", Target: "/nope", Header: hdr("X-Request-ID", "on-404"),
			Want: Want{Status: 404, Body: Problem(""), Header: hdr("X-Request-ID", "on-404")}},

		{Name: "cors preflight", Method: "OPTIONS", Target: "/messages", Header: hdr("Origin", origin,
			"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"),
			Want: Want{Status: 204, Header: hdr(
				"Access-Control-Allow-Origin", origin,
				"Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET, POST, PUT",
				"Access-Control-Allow-Headers", "Content-Type, X-Token",
				"Access-Control-Max-Age", "600",
				"Access-Control-Expose-Headers", "",
				"Vary", preflightVary,
				"Allow", "")}},
		{Name: "cors preflight other origin", Method: "OPTIONS", Target: "/messages", Header: hdr("Origin", "https://evil.example",
			"Access-Control-Request-Method", "POST"),
			Want: Want{Status: 204, Header: hdr("Access-Control-Allow-Origin", "", "Access-Control-Allow-Methods", "",
				"Vary", preflightVary)}},
		{Name: "cors preflight of no route", Method: "OPTIONS", Target: "/nope", Header: hdr("Origin", origin,
			"Access-Control-Request-Method", "GET"), Want: Want{Status: 204, Header: hdr(
			"Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "GET, POST, PUT")}},
		{Name: "cors simple", Target: "/hello", Header: hdr("Origin", origin), Want: Want{Status: 200, Body: Exact("hello"),
			Header: hdr("Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials", "true",
				"Access-Control-Expose-Headers", "X-Request-ID", "Vary", "Origin")}},
		{Name: "cors simple other origin", Target: "/hello", Header: hdr("Origin", "https://evil.example"),
			Want: Want{Status: 200, Body: Exact("hello"), Header: hdr("Access-Control-Allow-Origin", "", "Vary", "Origin")}},
		{Name: "cors options without preflight", Method: "OPTIONS", Target: "/hello", Header: hdr("Origin", origin),
			Want: Want{Status: 204, Header: hdr("Allow", "GET, HEAD, OPTIONS", "Access-Control-Allow-Origin", origin)}},

		{Name: "compress", Target: "/mw/big", Header: gzip, Want: Want{Status: 200, Body: Exact(bigBody()),
			Header: hdr("Content-Encoding", "gzip", "Content-Type", typeText, "Vary", "Origin, Accept-Encoding")}},
		{Name: "compress json", Target: "/mw/big-json", Header: hdr("Accept-Encoding", "br, gzip;q=0.5"),
			Want: Want{Status: 200, Body: Prefix(`[{"name":"pen","qty":0},{"name":"pen","qty":1},`),
				Header: hdr("Content-Encoding", "gzip", "Content-Type", typeJSON)}},
		{Name: "compress not accepted", Target: "/mw/big", Want: Want{Status: 200, Body: Exact(bigBody()),
			Header: hdr("Content-Encoding", "", "Content-Length", "4350", "Vary", "Origin, Accept-Encoding")}},
		{Name: "compress refused", Target: "/mw/big", Header: hdr("Accept-Encoding", "gzip;q=0"), Want: Want{Status: 200,
			Body: Exact(bigBody()), Header: hdr("Content-Encoding", "", "Vary", "Origin, Accept-Encoding")}},
		{Name: "compress too small", Target: "/mw/small", Header: gzip, Want: Want{Status: 200, Body: Exact("too small to compress"),
			Header: hdr("Content-Encoding", "", "Content-Length", "21", "Vary", "Origin, Accept-Encoding")}},
		{Name: "compress head", Method: "HEAD", Target: "/mw/big", Header: gzip, Want: Want{Status: 200,
			Header: hdr("Content-Encoding", "", "Content-Length", "4350", "Vary", "Origin, Accept-Encoding")}},

		{Name: "timeout", Target: "/mw/slow", Want: Want{Status: 503, Body: Problem("the request timed out"),
			Header: hdr("X-Order-In", "router")}},
		{Name: "in time", Method: "POST", Target: "/mw/quick", Header: jsonType, Body: `{"contents":"quick"}`,
			Want: Want{Status: 200, Body: Exact(`{"contents":"quick"}`), Header: hdr("Content-Type", typeJSON)}},
		{Name: "body limit", Method: "POST", Target: "/mw/limited", Header: jsonType, Body: `{"contents":"just under 32"}`,
			Want: Want{Status: 200, Body: Exact(`{"contents":"just under 32"}`)}},
		{Name: "body limit declared", Method: "POST", Target: "/mw/limited", Header: jsonType,
			Body: `{"contents":"well over thirty-two bytes"}`,
			Want: Want{Status: 413, Body: Problem("request body is larger than the limit of 32 bytes")}},
		{Name: "body limit chunked", Method: "POST", Target: "/mw/limited", Header: jsonType, Chunked: true,
			Body: `{"contents":"well over thirty-two bytes"}`,
			Want: Want{Status: 413, Body: Problem("request body is larger than the limit of 32 bytes")}},
	}
}
