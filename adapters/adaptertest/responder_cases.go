package adaptertest

// internalError is the whole body of a generic 500: nothing of the real
// error reaches the client.
const internalError = `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"internal server error"}`

// sseStream is the exact text/event-stream of /r/sse.
const sseStream = "id: 1\nevent: greet\ndata: hello\n\n" +
	"data: line one\ndata: line two\ndata: line three\n\n" +
	"retry: 1500\n\n" +
	"id: 3event: injected\ndata: bye\n\n"

// responderCases covers every standard responder, the plain results
// (string, []byte, nil pointer, no result, any value), and the mapping
// of errors: a Problem, errors with a status, and plain errors.
func responderCases() []Case {
	return []Case{
		{Name: "json", Target: "/r/json", Want: Want{Status: 202, Body: Exact(`{"n":1}`),
			Header: hdr("Content-Type", typeJSON, "Content-Length", "7")}},
		{Name: "value as json", Target: "/r/value", Want: Want{Status: 200, Body: Exact(`{"name":"pen","qty":2}`),
			Header: hdr("Content-Type", typeJSON)}},
		{Name: "string", Target: "/r/string", Want: Want{Status: 200, Body: Exact("plain string"),
			Header: hdr("Content-Type", typeText)}},
		{Name: "text", Target: "/r/text", Want: Want{Status: 418, Body: Exact("short and stout"),
			Header: hdr("Content-Type", typeText)}},
		{Name: "display", Target: "/r/display", Want: Want{Status: 200, Body: Exact("(1, 2)"),
			Header: hdr("Content-Type", typeText)}},
		{Name: "status without body", Target: "/r/status", Want: Want{Status: 202,
			Header: hdr("Content-Type", "", "Content-Length", "0")}},
		{Name: "not modified", Target: "/r/not-modified", Want: Want{Status: 304,
			Header: hdr("Content-Type", "", "Content-Length", "")}},
		{Name: "status with json", Target: "/r/status-json", Want: Want{Status: 409, Body: Exact(`{"name":"pen","qty":0}`),
			Header: hdr("Content-Type", typeJSON)}},
		{Name: "status with text", Target: "/r/status-text", Want: Want{Status: 201, Body: Exact("made"),
			Header: hdr("Content-Type", typeText)}},
		{Name: "created", Method: "POST", Target: "/r/created", Want: Want{Status: 201, Body: Exact("7"),
			Header: hdr("Location", "/r/items/7", "Content-Type", typeText)}},
		{Name: "no content", Method: "DELETE", Target: "/r/nocontent", Want: Want{Status: 204,
			Header: hdr("Content-Type", "", "Content-Length", "")}},
		{Name: "redirect", Method: "POST", Target: "/r/redirect", Want: Want{Status: 303,
			Header: hdr("Location", "/hello?from=redirect", "Content-Length", "0")}},
		{Name: "redirect 307", Target: "/r/redirect-307", Want: Want{Status: 307, Header: hdr("Location", "/hello")}},
		{Name: "redirect offsite refused", Target: "/r/redirect-offsite", Want: Want{Status: 500, Body: Exact(internalError),
			Header: hdr("Location", "")}},
		{Name: "stream", Target: "/r/stream", Want: Want{Status: 200, Body: Exact("a,b\n1,2\n"),
			Header: hdr("Content-Type", "text/csv")}},
		{Name: "stream that fails half way", Target: "/r/stream-broken", Want: Want{Status: 200, CutShort: true,
			Body: Prefix("partial"), Header: hdr("Content-Type", "text/plain")}},
		{Name: "stream of many chunks", Target: "/r/stream-big", Want: Want{Status: 200, Body: Exact(streamBody()),
			Header: hdr("Content-Type", "application/octet-stream")}},
		{Name: "head of stream", Method: "HEAD", Target: "/r/stream", Want: Want{Status: 200,
			Header: hdr("Content-Type", "text/csv", "Content-Length", "")},
			Skip: map[string]string{"fasthttp": "adapters/fasthttp sends Content-Length: 0 in the answer to HEAD " +
				"for a response that flushed, though the GET sends 8 bytes (RFC 9110 8.6: a HEAD answer's " +
				"Content-Length must be the GET's, or be absent)"}},
		{Name: "server-sent events", Target: "/r/sse", Want: Want{Status: 200, Body: Exact(sseStream),
			Header: hdr("Content-Type", "text/event-stream", "Cache-Control", "no-cache")}},
		{Name: "problem", Target: "/r/problem", Want: Want{Status: 409, Header: hdr("Content-Type", typeProblem),
			Body: Exact(`{"type":"https://tideway.example/out-of-stock","title":"Out of stock","status":409,"detail":"no pens left"}`)}},
		{Name: "error with 4xx status", Target: "/r/quota", Want: Want{Status: 429, Body: Problem("quota of 3 requests exceeded")}},
		{Name: "error with 5xx status", Target: "/r/upstream", Want: Want{Status: 502, Body: Problem("bad gateway")}},
		{Name: "wrapped sentinel", Target: "/r/not-found", Want: Want{Status: 404, Body: Problem("not found")}},
		{Name: "plain error", Target: "/r/error", Want: Want{Status: 500, Body: Exact(internalError),
			Header: hdr("Content-Type", typeProblem)}},
		{Name: "bytes", Target: "/r/bytes", Want: Want{Status: 200, Body: Exact("\x00\x01\x02x"),
			Header: hdr("Content-Type", "application/octet-stream", "Content-Length", "4")}},
		{Name: "nil pointer", Target: "/r/nil", Want: Want{Status: 204, Header: hdr("Content-Type", "")}},
		{Name: "no result", Method: "POST", Target: "/r/none", Want: Want{Status: 204}},
		{Name: "unencodable", Target: "/r/unencodable", Want: Want{Status: 500, Body: Exact(internalError)}},
		{Name: "panic", Target: "/r/panic", Want: Want{Status: 500, Body: Exact(internalError)}},
		{Name: "after a panic", Target: "/hello", Want: Want{Status: 200, Body: Exact("hello")}},
		{Name: "abort", Target: "/r/abort", Want: Want{Status: 0}},
		{Name: "after an abort", Target: "/hello", Want: Want{Status: 200, Body: Exact("hello")}},
	}
}
