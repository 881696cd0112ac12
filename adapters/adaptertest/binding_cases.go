package adaptertest

import "strings"

// longMessage returns a valid message body longer than the 256-byte
// limit of POST /messages.
func longMessage() string { return `{"contents":"x","author":"` + strings.Repeat("a", 300) + `"}` }

// bindingCases covers every binding tag (path, anonymous path, query,
// header, state, JSON body, raw views, raw Call) and every binding error:
// 400 with the bad fields' keys, 413, 415, 422 and unknown keys.
func bindingCases() []Case {
	jsonType := hdr("Content-Type", "application/json")
	return []Case{
		{Name: "path uint", Target: "/users/42", Want: Want{Status: 200, Body: Exact(`{"id":42}`),
			Header: hdr("Content-Type", typeJSON)}},
		{Name: "path not a number", Target: "/users/abc", Want: Want{Status: 400, Body: Problem("", "path.id")}},
		{Name: "path negative", Target: "/users/-1", Want: Want{Status: 400, Body: Problem("", "path.id")}},
		{Name: "path overflow", Target: "/users/18446744073709551616", Want: Want{Status: 400, Body: Problem("", "path.id")}},
		{Name: "anonymous path", Target: "/pair/x%20y/2", Want: Want{Status: 200, Body: Exact("x y 2")}},
		{Name: "anonymous path bad", Target: "/pair/x/two", Want: Want{Status: 400, Body: Problem("", "path.2")}},

		{Name: "query all", Target: "/search?q=pen&limit=5&tag=a&tag=b&page=2&filter.name=ink&filter.min=3",
			Want: Want{Status: 200, Header: hdr("Content-Type", typeJSON),
				Body: Exact(`{"filter":{"min":3,"name":"ink"},"limit":5,"page":2,"q":"pen","tags":["a","b"]}`)}},
		{Name: "query minimal", Target: "/search?q=caf%C3%A9+noir", Want: Want{Status: 200,
			Body: Exact(`{"filter":{"min":0,"name":""},"limit":0,"page":null,"q":"café noir","tags":null}`)}},
		{Name: "query zero is sent", Target: "/search?q=pen&page=0", Want: Want{Status: 200,
			Body: Exact(`{"filter":{"min":0,"name":""},"limit":0,"page":0,"q":"pen","tags":null}`)}},
		{Name: "query not a number", Target: "/search?q=pen&limit=ten", Want: Want{Status: 400, Body: Problem("", "query.limit")}},
		{Name: "query nested not a number", Target: "/search?q=pen&filter.min=x", Want: Want{Status: 400, Body: Problem("", "query.filter.min")}},
		{Name: "query unknown key", Target: "/search?q=pen&bogus=1", Want: Want{Status: 400, Body: Problem("", "query.bogus")}},
		{Name: "query unknown key ignored", Target: "/lenient?q=pen&bogus=1", Want: Want{Status: 200, Body: Exact("q=pen")}},
		{Name: "query validation", Target: "/search?q=pen&limit=0", Want: Want{Status: 422, Body: Problem("", "query.limit")}},
		{Name: "query validation every field", Target: "/search?limit=500", Want: Want{Status: 422,
			Body: Problem("", "query.q", "query.limit")}},
		{Name: "query semicolon", Target: "/search?q=pen;limit=5", Want: Want{Status: 400, Body: Problem("", "query")}},

		{Name: "header", Target: "/headers", Header: hdr("x-token", "abc", "X-Count", "3"), Want: Want{Status: 200,
			Body: Exact("token=abc count=3")}},
		{Name: "header not a number", Target: "/headers", Header: hdr("X-Token", "abc", "X-Count", "three"),
			Want: Want{Status: 400, Body: Problem("", "header.X-Count")}},
		{Name: "header missing", Target: "/headers", Want: Want{Status: 422, Body: Problem("", "header.X-Token")}},
		{Name: "state", Target: "/state", Want: Want{Status: 200, Body: Exact("store conformance")}},
		{Name: "context", Target: "/ctx", Want: Want{Status: 200, Body: Exact("live")}},

		{Name: "json body", Method: "POST", Target: "/messages", Header: jsonType, Body: `{"contents":"hi","author":"ann"}`,
			Want: Want{Status: 201, Body: Exact(`{"contents":"hi","author":"ann"}`),
				Header: hdr("Content-Type", typeJSON, "Location", "/messages/1")}},
		{Name: "json body with charset", Method: "POST", Target: "/messages",
			Header: hdr("Content-Type", "application/json; charset=utf-8"), Body: `{"contents":"hi"}`,
			Want: Want{Status: 201, Body: Exact(`{"contents":"hi"}`)}},
		{Name: "json body +json", Method: "POST", Target: "/messages",
			Header: hdr("Content-Type", "application/vnd.tideway+json"), Body: `{"contents":"hi"}`,
			Want: Want{Status: 201, Body: Exact(`{"contents":"hi"}`)}},
		{Name: "json body chunked", Method: "POST", Target: "/messages", Header: jsonType, Chunked: true,
			Body: `{"contents":"chunks"}`, Want: Want{Status: 201, Body: Exact(`{"contents":"chunks"}`)}},
		{Name: "json body malformed", Method: "POST", Target: "/messages", Header: jsonType, Body: `{"contents":`,
			Want: Want{Status: 400, Body: Problem("", "body")}},
		{Name: "json body empty", Method: "POST", Target: "/messages", Header: jsonType,
			Want: Want{Status: 400, Body: Problem("", "body")}},
		{Name: "json body trailing data", Method: "POST", Target: "/messages", Header: jsonType,
			Body: `{"contents":"a"} {"contents":"b"}`, Want: Want{Status: 400, Body: Problem("", "body")}},
		{Name: "json body wrong type", Method: "POST", Target: "/messages", Header: jsonType, Body: `{"contents":5}`,
			Want: Want{Status: 400, Body: Problem("", "body.contents")}},
		{Name: "json body unknown field", Method: "POST", Target: "/messages", Header: jsonType,
			Body: `{"contents":"hi","bogus":1}`, Want: Want{Status: 400, Body: Problem("", "body.bogus")}},
		{Name: "json body validation every field", Method: "POST", Target: "/messages", Header: jsonType,
			Body: `{"priority":9}`, Want: Want{Status: 422, Body: Problem("", "body.contents", "body.priority")}},
		{Name: "json body too long a field", Method: "POST", Target: "/messages", Header: jsonType,
			Body: `{"contents":"` + strings.Repeat("x", 21) + `"}`, Want: Want{Status: 422, Body: Problem("", "body.contents")}},
		{Name: "json body missing content type", Method: "POST", Target: "/messages", Body: `{"contents":"hi"}`,
			Want: Want{Status: 415, Body: Problem("")}},
		{Name: "json body wrong content type", Method: "POST", Target: "/messages",
			Header: hdr("Content-Type", "text/plain"), Body: `{"contents":"hi"}`,
			Want: Want{Status: 415, Body: Problem(`unsupported Content-Type "text/plain"; send application/json`)}},
		{Name: "json body over limit", Method: "POST", Target: "/messages", Header: jsonType, Body: longMessage(),
			Want: Want{Status: 413, Body: Problem("request body is larger than the limit of 256 bytes")}},
		{Name: "json body chunked over limit", Method: "POST", Target: "/messages", Header: jsonType, Chunked: true,
			Body: longMessage(), Want: Want{Status: 413, Body: Problem("request body is larger than the limit of 256 bytes")}},
		{Name: "path query and body", Method: "PUT", Target: "/messages/3?notify=true", Header: jsonType,
			Body: `{"contents":"edit"}`, Want: Want{Status: 200,
				Body: Exact(`{"id":3,"notify":true,"message":{"contents":"edit"}}`)}},
		{Name: "path query and body all bad", Method: "PUT", Target: "/messages/x?notify=maybe", Header: jsonType,
			Body: `{"contents":1}`, Want: Want{Status: 400, Body: Problem("", "path.id", "query.notify", "body.contents")}},

		{Name: "raw views", Target: "/raw/echo?a=1&b=%20", Header: hdr("X-Token", "t0k"), Want: Want{Status: 202,
			Body: Exact("/raw/echo ? a=1&b=%20"), Header: hdr("X-Method", "GET", "X-Token-Seen", "t0k", "Content-Type", typeText)}},
		{Name: "raw body", Method: "POST", Target: "/raw/body", Body: "hello", Want: Want{Status: 200, Body: Exact("read 5 of 5: hello")}},
		{Name: "raw body chunked", Method: "POST", Target: "/raw/body", Body: "hello", Chunked: true,
			Want: Want{Status: 200, Body: Exact("read 5 of -1: hello")}},
		{Name: "raw host as sent", Target: "/raw/host", Header: hdr("Host", "Tideway.Example:8080"),
			Want: Want{Status: 200, Body: Exact("Tideway.Example:8080")}},
		{Name: "raw content type sniffed", Target: "/raw/sniff", Want: Want{Status: 418,
			Body: Exact("<html><body>short and stout</body></html>"), Header: hdr("Content-Type", "text/html; charset=utf-8")}},
		{Name: "raw call", Target: "/call/ann%2Fbob", Want: Want{Status: 200, Body: Exact("call ann/bob"),
			Header: hdr("X-Pattern", "/call/{name}")}},
	}
}
