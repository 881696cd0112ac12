package bind

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/tideway-go/tideway/view"
)

type upload struct {
	Avatar *multipart.FileHeader   `form:"avatar" validate:"required"`
	Docs   []*multipart.FileHeader `form:"docs" validate:"omitempty,max=2"`
	Name   string                  `form:"name"`
	N      *int                    `form:"n"`
}

// part is one part of a multipart body for tests: a value, or a file
// when file is set.
type part struct {
	name, file, content string
}

func value(name, v string) part          { return part{name: name, content: v} }
func file(name, fn, content string) part { return part{name: name, file: fn, content: content} }

// multipartParts builds a multipart/form-data body and its Content-Type.
func multipartParts(t testing.TB, parts ...part) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		if p.file != "" || strings.HasPrefix(p.name, "empty-file:") {
			name := strings.TrimPrefix(p.name, "empty-file:")
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, name, p.file))
			h.Set("Content-Type", "application/octet-stream")
		} else {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, p.name))
		}
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(pw, p.content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), w.FormDataContentType()
}

// uploaded is what the test handler reports of an upload.
type uploaded struct {
	Avatar string // "name:content"
	Docs   []string
	Name   string
	N      *int
}

func describeUpload(t testing.TB, u upload) uploaded {
	var out uploaded
	if u.Avatar != nil {
		out.Avatar = u.Avatar.Filename + ":" + readAll(t, u.Avatar)
		if u.Avatar.Size != int64(len(out.Avatar)-len(u.Avatar.Filename)-1) {
			t.Errorf("avatar size %d", u.Avatar.Size)
		}
	}
	for _, d := range u.Docs {
		out.Docs = append(out.Docs, d.Filename+":"+readAll(t, d))
	}
	out.Name, out.N = u.Name, u.N
	return out
}

func TestMultipart(t *testing.T) {
	h := func(u upload) uploaded { return describeUpload(t, u) }
	for _, tc := range []struct {
		name  string
		parts []part
		want  uploaded
	}{
		{"one file", []part{file("avatar", "me.png", "PNG")}, uploaded{Avatar: "me.png:PNG"}},
		{"files and values", []part{value("name", "ann"), file("avatar", "me.png", "PNG"), file("docs", "a.txt", "A"), file("docs", "b.txt", ""), value("n", "0")},
			uploaded{Avatar: "me.png:PNG", Docs: []string{"a.txt:A", "b.txt:"}, Name: "ann", N: ptr(0)}},
		{"empty file sent", []part{file("avatar", "empty.txt", "")}, uploaded{Avatar: "empty.txt:"}},
		{"directories dropped from file names", []part{file("avatar", "../../etc/passwd", "x")}, uploaded{Avatar: "passwd:x"}},
		{"empty file input of a browser is absent", []part{file("avatar", "a", "b"), value("empty-file:docs", "")}, uploaded{Avatar: "a:b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, ctype := multipartParts(t, tc.parts...)
			out, err := run(h, nil, nil, newRequest("POST", "/", body, "Content-Type", ctype))
			if err != nil {
				t.Fatal(err)
			}
			if got := out.(uploaded); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("bound %+v\nwant  %+v", got, tc.want)
			}
		})
	}
}

func TestMultipartErrors(t *testing.T) {
	h := func(u upload) {}
	three := []part{file("avatar", "a", "a"), file("docs", "1", "1"), file("docs", "2", "2"), file("docs", "3", "3")}
	for _, tc := range []struct {
		name   string
		parts  []part
		status int
		want   []view.FieldError
		allow  bool
	}{
		{"file absent", []part{value("name", "x")}, 422, []view.FieldError{{Location: "form", Field: "avatar", Reason: "is required"}}, false},
		{"empty file input is absent", []part{value("empty-file:avatar", "")}, 422, []view.FieldError{{Location: "form", Field: "avatar", Reason: "is required"}}, false},
		{"value for a file", []part{value("avatar", "x")}, 400, []view.FieldError{{Location: "form", Field: "avatar", Reason: "must be a file upload, not a value"}}, false},
		{"file for a value", []part{file("avatar", "a", "a"), file("name", "n.txt", "x")}, 400, []view.FieldError{{Location: "form", Field: "name", Reason: "must be a value, not a file upload"}}, false},
		{"two files for one", []part{file("avatar", "a", "a"), file("avatar", "b", "b")}, 400, []view.FieldError{{Location: "form", Field: "avatar", Reason: "takes one file; 2 were sent"}}, false},
		{"unknown file", []part{file("avatar", "a", "a"), file("other", "o", "o")}, 400, []view.FieldError{{Location: "form", Field: "other", Reason: "unknown parameter"}}, false},
		{"unknown file allowed", []part{file("avatar", "a", "a"), file("other", "o", "o")}, 0, nil, true},
		{"unknown value", []part{file("avatar", "a", "a"), value("other", "o")}, 400, []view.FieldError{{Location: "form", Field: "other", Reason: "unknown parameter"}}, false},
		{"value not a number", []part{file("avatar", "a", "a"), value("n", "x")}, 400, []view.FieldError{{Location: "form", Field: "n", Reason: "must be an integer"}}, false},
		{"validation of the file list", three, 422, []view.FieldError{{Location: "form", Field: "docs", Reason: "must be at most 2 items"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, ctype := multipartParts(t, tc.parts...)
			_, err := run(h, nil, nil, newRequest("POST", "/", body, "Content-Type", ctype), func(o *Options) { o.AllowUnknown = tc.allow })
			if tc.status == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var be *Error
			if !errors.As(err, &be) || be.Status != tc.status || !reflect.DeepEqual(be.Fields, tc.want) {
				t.Errorf("got %v\nwant %d %v", err, tc.status, tc.want)
			}
		})
	}
}

func TestMultipartBodyErrors(t *testing.T) {
	h := func(u upload) {}
	good, ctype := multipartParts(t, file("avatar", "a", strings.Repeat("x", 500)))
	// manyParts is a body of n empty files, in the Content-Type ctype.
	manyParts := func(n int) string {
		var ps []part
		for i := range n {
			ps = append(ps, file("docs", fmt.Sprint(i), ""))
		}
		body, ct := multipartParts(t, ps...)
		return strings.ReplaceAll(body, strings.TrimPrefix(ct, "multipart/form-data; boundary="), strings.TrimPrefix(ctype, "multipart/form-data; boundary="))
	}
	for _, tc := range []struct {
		name   string
		ctype  string
		body   string
		length int64 // -2: as the body's length
		limits Limits
		status int
		detail string // the error's message, or for a 400 its one field error's reason
	}{
		{"urlencoded for files", typeURLEncoded, "avatar=x", -2, Limits{}, 415, `unsupported Content-Type "application/x-www-form-urlencoded"; send multipart/form-data`},
		{"missing content type", "", good, -2, Limits{}, 415, "missing Content-Type; send multipart/form-data"},
		{"no boundary", "multipart/form-data", good, -2, Limits{}, 400, "has a missing or invalid multipart boundary in its Content-Type"},
		{"boundary too long", "multipart/form-data; boundary=" + strings.Repeat("b", 71), good, -2, Limits{}, 400, "has a missing or invalid multipart boundary in its Content-Type"},
		{"boundary with a bad character", `multipart/form-data; boundary="a\nb"`, good, -2, Limits{}, 400, "has a missing or invalid multipart boundary in its Content-Type"},
		{"boundary ending in a space", `multipart/form-data; boundary="ab "`, good, -2, Limits{}, 400, "has a missing or invalid multipart boundary in its Content-Type"},
		{"empty body", ctype, "", -2, Limits{}, 400, "is not valid multipart/form-data"},
		{"truncated body", ctype, good[:len(good)-10], -2, Limits{}, 400, "is not valid multipart/form-data"},
		{"garbage", ctype, "not multipart at all", -2, Limits{}, 400, "is not valid multipart/form-data"},
		{"declared length over the limit", ctype, good, 1 << 30, Limits{Body: 400}, 413, "request body is larger than the limit of 400 bytes"},
		{"chunked body over the limit", ctype, good, -1, Limits{Body: 400}, 413, "request body is larger than the limit of 400 bytes"},
		{"declared length lies", ctype, good, 10, Limits{Body: 400}, 413, "request body is larger than the limit of 400 bytes"},
		{"body at the limit", ctype, good, -1, Limits{Body: int64(len(good))}, 0, ""},
		{"body one byte over the limit", ctype, good, -1, Limits{Body: int64(len(good)) - 1}, 413, ""},
		{"parts at the cap", ctype, manyParts(5), -2, Limits{MultipartParts: 5}, 422, ""}, // avatar absent
		{"parts over the cap", ctype, manyParts(6), -2, Limits{MultipartParts: 5}, 400, "has more than 5 parts; at most 5 are allowed"},
		{"parts over the default cap", ctype, manyParts(101), -2, Limits{}, 400, "has more than 100 parts; at most 100 are allowed"},
		{"parts over mime/multipart's own cap", ctype, manyParts(1001), -2, Limits{MultipartParts: 2000}, 400, "is too large to decode: too many parts or headers, or too many bytes of values"},
		{"values over the value count", ctype, strings.ReplaceAll(manyParts(3), `name="docs"; filename=`, `name="name"; x=`), -2, Limits{QueryParams: 2}, 400, "has 3 values; at most 2 are allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hdrs []string
			if tc.ctype != "" {
				hdrs = []string{"Content-Type", tc.ctype}
			}
			req := newRequest("POST", "/", tc.body, hdrs...)
			if tc.length != -2 {
				req.Length = tc.length
			}
			_, err := run(h, nil, nil, req, func(o *Options) { o.Limits = tc.limits })
			if tc.status == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var sc interface{ StatusCode() int }
			if !errors.As(err, &sc) || sc.StatusCode() != tc.status {
				t.Fatalf("err = %v, want status %d", err, tc.status)
			}
			if tc.detail == "" {
				return
			}
			var be *Error
			if errors.As(err, &be) {
				if len(be.Fields) != 1 || be.Fields[0].Key() != "form" || be.Fields[0].Reason != tc.detail {
					t.Errorf("fields %v, want form: %s", be.Fields, tc.detail)
				}
			} else if err.Error() != tc.detail {
				t.Errorf("err %q, want %q", err, tc.detail)
			}
		})
	}
}

// TestMultipartTempFiles checks that uploads spilled to disk are removed
// when the request ends, however it ends.
func TestMultipartTempFiles(t *testing.T) {
	big := strings.Repeat("0123456789abcdef", 256) // 4 KiB, over MultipartMemory
	for _, tc := range []struct {
		name  string
		parts []part
		fn    func(t *testing.T, dir string) any
		err   bool // Call fails (a bind error, or the handler's)
		panic bool
	}{
		{"handler returns", []part{file("avatar", "a", big), file("docs", "b", big)}, func(t *testing.T, dir string) any {
			return func(u upload) string {
				if len(tempFiles(t, dir)) == 0 {
					t.Error("no file spilled to disk")
				}
				if readAll(t, u.Avatar) != big || readAll(t, u.Docs[0]) != big {
					t.Error("spilled content differs")
				}
				return "ok"
			}
		}, false, false},
		{"handler fails", []part{file("avatar", "a", big)}, func(t *testing.T, dir string) any {
			return func(u upload) error {
				if len(tempFiles(t, dir)) == 0 {
					t.Error("no file spilled to disk")
				}
				return errors.New("handler failed")
			}
		}, true, false},
		{"handler panics", []part{file("avatar", "a", big)}, func(t *testing.T, dir string) any {
			return func(u upload) {
				if len(tempFiles(t, dir)) == 0 {
					t.Error("no file spilled to disk")
				}
				panic("boom")
			}
		}, false, true},
		{"binding fails after the spill", []part{file("avatar", "a", big), file("bogus", "b", big)}, func(t *testing.T, dir string) any {
			return func(u upload) { t.Error("handler called") }
		}, true, false},
		{"a file nobody binds", []part{file("avatar", "a", "small"), file("bogus", "b", big)}, func(t *testing.T, dir string) any {
			return func(u upload) {}
		}, false, false},
		{"a value-only struct", []part{value("title", "t"), file("bogus", "b", big)}, func(t *testing.T, dir string) any {
			return func(f formIn) {}
		}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("TMPDIR", dir)
			body, ctype := multipartParts(t, tc.parts...)
			p, err := Compile(tc.fn(t, dir), Options{Limits: Limits{MultipartMemory: 1024, Body: 1 << 20}, AllowUnknown: tc.name == "a file nobody binds"})
			if err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if r := recover(); (r != nil) != tc.panic {
						t.Errorf("recovered %v", r)
					}
				}()
				_, err = p.Call(newResponse(), newRequest("POST", "/", body, "Content-Type", ctype), noPath{}, 0)
			}()
			if !tc.panic && (err != nil) != tc.err {
				t.Errorf("err = %v", err)
			}
			if left := tempFiles(t, dir); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestMultipartBinder checks that a Binder refuses file fields, and
// removes what a multipart body spilled.
func TestMultipartBinder(t *testing.T) {
	_, err := NewBinder[upload](Options{Route: "POST /u"})
	var pe *PlanError
	if !errors.As(err, &pe) || pe.Field != "upload.Avatar" || !strings.Contains(pe.Msg, "handler parameter") {
		t.Errorf("NewBinder[upload]: %v", err)
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	b, err := NewBinder[formIn](Options{AllowUnknown: true, Limits: Limits{MultipartMemory: 16}})
	if err != nil {
		t.Fatal(err)
	}
	body, ctype := multipartParts(t, value("title", "t"), file("stray", "s", strings.Repeat("x", 100)))
	var dst formIn
	if err := b.Bind(t.Context(), newRequest("POST", "/", body, "Content-Type", ctype), noPath{}, &dst); err != nil || dst.Title != "t" {
		t.Fatalf("Bind: %v, %+v", err, dst)
	}
	if left := tempFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestMultipartCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   any
		want string
	}{
		{"file header by value", func(struct {
			F multipart.FileHeader `form:"f"`
		}) {
		}, "has type multipart.FileHeader; a file field is *multipart.FileHeader (one file) or []*multipart.FileHeader (several)"},
		{"slice of file headers", func(struct {
			F []multipart.FileHeader `form:"f"`
		}) {
		}, "has type []multipart.FileHeader; a file field is"},
		{"pointer to pointer", func(struct {
			F **multipart.FileHeader `form:"f"`
		}) {
		}, "a file field is"},
		{"map of files", func(struct {
			F map[string]*multipart.FileHeader `form:"f"`
		}) {
		}, "a file field is"},
		{"os file", func(struct {
			F *os.File `form:"f"`
		}) {
		}, "has type *os.File; a file field is"},
		{"multipart file", func(struct {
			F multipart.File `form:"f"`
		}) {
		}, "has type multipart.File; a file field is"},
		{"reader", func(struct {
			F io.Reader `form:"f"`
		}) {
		}, "a file field is"},
		{"file inside a struct", func(struct {
			F struct{ Doc *multipart.FileHeader } `form:"f"`
		}) {
		}, "a file binds only to a form: field of type *multipart.FileHeader"},
		{"file header as a query", func(struct {
			F *multipart.FileHeader `query:"f"`
		}) {
		}, "a file binds only to a form: field"},
		{"dotted file key", func(struct {
			F *multipart.FileHeader `form:"a.b"`
		}) {
		}, `form key "a.b" contains "."`},
		{"files and json", func(struct {
			F *multipart.FileHeader `form:"f"`
			J string                `json:"j"`
		}) {
		}, "also has json: fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.fn, Options{Route: "POST /x"})
			var pe *PlanError
			if !errors.As(err, &pe) || pe.Field == "" || !strings.Contains(pe.Msg, tc.want) {
				t.Errorf("got %v, want a field error with %q", err, tc.want)
			}
		})
	}
}

// TestFormBodyCount checks the delimiter count against the parts of
// bodies read in every chunk size, including one byte at a time, so that
// delimiters straddle reads.
func TestFormBodyCount(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       int
	}{
		{"three parts", "--b\r\n\r\nx\r\n--b\r\n\r\ny\r\n--b\r\n\r\n\r\n--b--\r\n", 4},
		{"preamble", "pre\r\n--b\r\n\r\nx\r\n--b--", 2},
		{"LF only", "--b\n\nx\n--b\n\n\n--b--", 3},
		{"not at a line start", "x--b\r\n--b--", 1},
		{"empty", "", 0},
		{"boundary prefix only", "\n--\n-\n--", 0},
	} {
		for _, size := range []int{1, 2, 3, 5, 4096} {
			b := newFormBody(iotest.OneByteReader(strings.NewReader(tc.body)), "b", 1<<20, 100)
			if size > 1 {
				b = newFormBody(&chunkReader{s: tc.body, n: size}, "b", 1<<20, 100)
			}
			if _, err := io.ReadAll(b); err != nil {
				t.Fatal(err)
			}
			if b.delims != tc.want {
				t.Errorf("%s, reads of %d: %d delimiters, want %d", tc.name, size, b.delims, tc.want)
			}
		}
	}
	// A longer boundary split at every point.
	body := "--boundary-1\r\n\r\na\r\n--boundary-1\r\n\r\nb\r\n--boundary-1--"
	for size := 1; size <= len(body); size++ {
		b := newFormBody(&chunkReader{s: body, n: size}, "boundary-1", 1<<20, 100)
		io.ReadAll(b)
		if b.delims != 3 {
			t.Errorf("reads of %d: %d delimiters, want 3", size, b.delims)
		}
	}
}

// chunkReader reads s n bytes at a time.
type chunkReader struct {
	s string
	n int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.n)], r.s)
	r.s = r.s[n:]
	return n, nil
}

// FuzzMultipart binds arbitrary multipart bodies, with a boundary chosen
// by the fuzzer too, into a struct with files and values, under small
// limits so that files spill to disk. It must never panic, every failure
// is a client error, and no temporary file outlives the request.
func FuzzMultipart(f *testing.F) {
	seed := func(parts ...part) {
		body, ctype := multipartParts(f, parts...)
		f.Add(strings.TrimPrefix(ctype, "multipart/form-data; boundary="), []byte(body))
	}
	seed(file("avatar", "a.png", "PNG"), value("name", "ann"), value("n", "3"))
	seed(file("avatar", "a", strings.Repeat("x", 300)), file("docs", "1", strings.Repeat("y", 300)), file("docs", "2", "z"))
	seed(value("avatar", "x"), file("name", "n", "n"), file("other", "o", "o"))
	seed(value("empty-file:avatar", ""), value("n", "x"), value("items.-1.name", "x"))
	seed()
	f.Add("b", []byte("--b\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"f\"\r\n\r\nabc\r\n--b--\r\n"))
	f.Add("b", []byte("--b\nContent-Disposition: form-data; name=\"n\"\n\n1\n--b--"))
	f.Add("b", []byte("--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b--"))
	f.Add("b", []byte("--b\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n=41=\r\n\r\n--b--"))
	f.Add(" ", []byte("-- \r\n\r\n"))
	dir := f.TempDir()
	f.Setenv("TMPDIR", dir)
	p, err := Compile(func(u upload) string {
		var n int64
		for _, fh := range append([]*multipart.FileHeader{u.Avatar}, u.Docs...) {
			if fh == nil {
				continue
			}
			r, err := fh.Open()
			if err != nil {
				panic(err)
			}
			m, _ := io.Copy(io.Discard, r)
			r.Close()
			n += m
		}
		return fmt.Sprint(n)
	}, Options{Limits: Limits{Body: 4096, MultipartMemory: 64, MultipartParts: 6}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, boundary string, body []byte) {
		ctype := "multipart/form-data; boundary=\"" + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(boundary) + "\""
		_, err := p.Call(newResponse(), newRequest("POST", "/", string(body), "Content-Type", ctype), noPath{}, 0)
		checkBindError(t, err)
		if left := tempFiles(t, dir); len(left) > 0 {
			t.Fatalf("temporary files left: %v", left)
		}
	})
}
