package adaptertest

import (
	"fmt"
	"strings"
)

// mpBoundary is the boundary of the multipart bodies in inputCases.
const mpBoundary = "tideway-conformance"

// mpType is the Content-Type of the multipart bodies in inputCases.
var mpType = hdr("Content-Type", "multipart/form-data; boundary="+mpBoundary)

// mpPart is one part of a multipart body: a value, or a file when file
// is set.
type mpPart struct{ name, file, content string }

// mpBody builds a multipart/form-data body with boundary mpBoundary.
func mpBody(parts ...mpPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("--" + mpBoundary + "\r\n")
		if p.file != "" {
			fmt.Fprintf(&b, "Content-Disposition: form-data; name=%q; filename=%q\r\nContent-Type: application/octet-stream\r\n\r\n", p.name, p.file)
		} else {
			fmt.Fprintf(&b, "Content-Disposition: form-data; name=%q\r\n\r\n", p.name)
		}
		b.WriteString(p.content + "\r\n")
	}
	b.WriteString("--" + mpBoundary + "--\r\n")
	return b.String()
}

// inputCases covers cookie:, form: and multipart file fields: bound
// values, presence, and every error they add: 400 with the bad keys, 413,
// 415, 422 and the multipart part cap.
func inputCases() []Case {
	formType := hdr("Content-Type", "application/x-www-form-urlencoded")
	avatar := mpPart{"avatar", "me.png", "PNG"}
	tooBig := mpBody(mpPart{"avatar", "big.bin", strings.Repeat("x", inputBodyLimit)})
	const formEcho = `{"items":["x","y"],"qty":2,"tags":["a","b"],"title":"pen"}`
	return []Case{
		{Name: "cookie bound", Target: "/inputs/cookie", Header: hdr("Cookie", "session=abc; visits=3; theme=\"dark\""),
			Want: Want{Status: 200, Body: Exact("session=abc visits=3 theme=dark")}},
		{Name: "cookie absent pointer", Target: "/inputs/cookie", Header: hdr("Cookie", "session=abc"),
			Want: Want{Status: 200, Body: Exact("session=abc visits=0 theme=none")}},
		{Name: "cookie foreign pairs skipped", Target: "/inputs/cookie", Header: hdr("Cookie", "bad name=1; session=abc; other=x y"),
			Want: Want{Status: 200, Body: Exact("session=abc visits=0 theme=none")}},
		{Name: "cookie unparsable", Target: "/inputs/cookie", Header: hdr("Cookie", "session=abc; visits=many"),
			Want: Want{Status: 400, Body: Problem("", "cookie.visits")}},
		{Name: "cookie invalid value", Target: "/inputs/cookie", Header: hdr("Cookie", "session=a,b"),
			Want: Want{Status: 400, Body: Problem("", "cookie.session")}},
		{Name: "cookie missing", Target: "/inputs/cookie", Want: Want{Status: 422, Body: Problem("", "cookie.session")}},

		{Name: "form bound", Method: "POST", Target: "/inputs/form", Header: formType,
			Body: "title=pen&qty=2&tag=a&tag=b&items.0.name=x&items.1.name=y",
			Want: Want{Status: 200, Body: Exact(formEcho), Header: hdr("Content-Type", typeJSON)}},
		{Name: "form bound chunked", Method: "POST", Target: "/inputs/form", Header: formType, Chunked: true,
			Body: "title=pen&qty=2&tag=a&tag=b&items.0.name=x&items.1.name=y", Want: Want{Status: 200, Body: Exact(formEcho)}},
		{Name: "form bound multipart", Method: "POST", Target: "/inputs/form", Header: mpType,
			Body: mpBody(mpPart{"title", "", "pen"}, mpPart{"qty", "", "2"}, mpPart{"tag", "", "a"}, mpPart{"tag", "", "b"},
				mpPart{"items.0.name", "", "x"}, mpPart{"items.1.name", "", "y"}),
			Want: Want{Status: 200, Body: Exact(formEcho)}},
		{Name: "form absent pointer", Method: "POST", Target: "/inputs/form", Header: formType, Body: "title=pen",
			Want: Want{Status: 200, Body: Exact(`{"items":null,"qty":null,"tags":null,"title":"pen"}`)}},
		{Name: "form wrong content type", Method: "POST", Target: "/inputs/form", Header: hdr("Content-Type", "text/plain"),
			Body: "title=pen", Want: Want{Status: 415,
				Body: Problem(`unsupported Content-Type "text/plain"; send application/x-www-form-urlencoded or multipart/form-data`)}},
		{Name: "form json content type", Method: "POST", Target: "/inputs/form", Header: hdr("Content-Type", "application/json"),
			Body: `{"title":"pen"}`, Want: Want{Status: 415, Body: Problem("")}},
		{Name: "form unknown key", Method: "POST", Target: "/inputs/form", Header: formType, Body: "title=pen&bogus=1",
			Want: Want{Status: 400, Body: Problem("", "form.bogus")}},
		{Name: "form negative index", Method: "POST", Target: "/inputs/form", Header: formType, Body: "title=pen&items.-1.name=x",
			Want: Want{Status: 400, Body: Problem("", "form.items.-1.name")}},
		{Name: "form not a number", Method: "POST", Target: "/inputs/form", Header: formType, Body: "title=pen&qty=two",
			Want: Want{Status: 400, Body: Problem("", "form.qty")}},
		{Name: "form malformed", Method: "POST", Target: "/inputs/form", Header: formType, Body: "title=%zz",
			Want: Want{Status: 400, Body: Problem("", "form")}},
		{Name: "form validation", Method: "POST", Target: "/inputs/form", Header: formType, Body: "title=" + strings.Repeat("x", 21),
			Want: Want{Status: 422, Body: Problem("", "form.title")}},
		{Name: "form required", Method: "POST", Target: "/inputs/form", Header: formType, Body: "qty=1",
			Want: Want{Status: 422, Body: Problem("", "form.title")}},
		{Name: "form over limit", Method: "POST", Target: "/inputs/form", Header: formType, Body: "title=" + strings.Repeat("x", inputBodyLimit),
			Want: Want{Status: 413, Body: Problem(fmt.Sprintf("request body is larger than the limit of %d bytes", inputBodyLimit))}},
		{Name: "form chunked over limit", Method: "POST", Target: "/inputs/form", Header: formType, Chunked: true,
			Body: "title=" + strings.Repeat("x", inputBodyLimit),
			Want: Want{Status: 413, Body: Problem(fmt.Sprintf("request body is larger than the limit of %d bytes", inputBodyLimit))}},

		{Name: "multipart file bound", Method: "POST", Target: "/inputs/upload", Header: mpType,
			Body: mpBody(avatar, mpPart{"note", "", "hi"}),
			Want: Want{Status: 200, Body: Exact(`me.png 3 "PNG"; note=hi`), Header: hdr("Content-Type", typeText)}},
		{Name: "multipart files bound chunked", Method: "POST", Target: "/inputs/upload", Header: mpType, Chunked: true,
			Body: mpBody(avatar, mpPart{"docs", "a.txt", "A"}, mpPart{"docs", "dir/b.txt", ""}),
			Want: Want{Status: 200, Body: Exact(`me.png 3 "PNG"; a.txt 1 "A"; b.txt 0 ""; note=`)}},
		{Name: "multipart file missing", Method: "POST", Target: "/inputs/upload", Header: mpType,
			Body: mpBody(mpPart{"note", "", "hi"}), Want: Want{Status: 422, Body: Problem("", "form.avatar")}},
		{Name: "multipart value for a file", Method: "POST", Target: "/inputs/upload", Header: mpType,
			Body: mpBody(mpPart{"avatar", "", "not a file"}), Want: Want{Status: 400, Body: Problem("", "form.avatar")}},
		{Name: "multipart unknown file", Method: "POST", Target: "/inputs/upload", Header: mpType,
			Body: mpBody(avatar, mpPart{"other", "o.txt", "o"}), Want: Want{Status: 400, Body: Problem("", "form.other")}},
		{Name: "multipart urlencoded", Method: "POST", Target: "/inputs/upload", Header: formType, Body: "note=hi",
			Want: Want{Status: 415, Body: Problem(`unsupported Content-Type "application/x-www-form-urlencoded"; send multipart/form-data`)}},
		{Name: "multipart malformed", Method: "POST", Target: "/inputs/upload", Header: mpType, Body: "--" + mpBoundary + "\r\nbroken",
			Want: Want{Status: 400, Body: Problem("", "form")}},
		{Name: "multipart no boundary", Method: "POST", Target: "/inputs/upload", Header: hdr("Content-Type", "multipart/form-data"),
			Body: mpBody(avatar), Want: Want{Status: 400, Body: Problem("", "form")}},
		{Name: "multipart over limit", Method: "POST", Target: "/inputs/upload", Header: mpType, Body: tooBig,
			Want: Want{Status: 413, Body: Problem(fmt.Sprintf("request body is larger than the limit of %d bytes", inputBodyLimit))}},
		{Name: "multipart chunked over limit", Method: "POST", Target: "/inputs/upload", Header: mpType, Chunked: true, Body: tooBig,
			Want: Want{Status: 413, Body: Problem(fmt.Sprintf("request body is larger than the limit of %d bytes", inputBodyLimit))}},
		{Name: "multipart parts at the cap", Method: "POST", Target: "/inputs/upload", Header: mpType,
			Body: mpBody(avatar, mpPart{"docs", "1", "1"}, mpPart{"docs", "2", "2"}, mpPart{"note", "", "n"}),
			Want: Want{Status: 200, Body: Exact(`me.png 3 "PNG"; 1 1 "1"; 2 1 "2"; note=n`)}},
		{Name: "multipart too many parts", Method: "POST", Target: "/inputs/upload", Header: mpType,
			Body: mpBody(avatar, mpPart{"docs", "1", "1"}, mpPart{"docs", "2", "2"}, mpPart{"docs", "3", "3"}, mpPart{"note", "", "n"}),
			Want: Want{Status: 400, Body: Problem(fmt.Sprintf("bad request: form: has more than %d parts; at most %d are allowed", inputParts, inputParts), "form")}},
	}
}
