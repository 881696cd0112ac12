package bind

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway/view"
)

type formItem struct {
	Name string `form:"name"`
	Qty  int    `form:"qty"`
}

type formIn struct {
	Title string     `form:"title" validate:"required"`
	Count *int       `form:"count"`
	Tags  []string   `form:"tag"`
	Items []formItem `form:"items"`
	When  time.Time  `form:"when"`
	Lvl   level      `form:"lvl"`
	Limit int        `form:"limit" validate:"omitempty,min=1"`
	Q     string     `query:"q"`
}

const typeURLEncoded = "application/x-www-form-urlencoded"

// multipartBody builds a multipart/form-data body from name, value pairs
// (values only) and returns it with its Content-Type.
func multipartBody(t testing.TB, kv ...string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for i := 0; i+1 < len(kv); i += 2 {
		if err := w.WriteField(kv[i], kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), w.FormDataContentType()
}

func TestForm(t *testing.T) {
	h := func(f formIn) formIn { return f }
	n0 := 0
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	full := formIn{Title: "a b", Count: &n0, Tags: []string{"x", "y"}, Items: []formItem{{"p", 1}, {"q", 2}}, When: when, Lvl: 1, Limit: 5, Q: "z"}
	fullBody := "title=a+b&count=0&tag=x&tag=y&items.0.name=p&items.0.qty=1&items.1.name=q&items.1.qty=2&when=2026-01-02T03%3A04%3A05Z&lvl=low&limit=5"
	mpBody, mpType := multipartBody(t, "title", "a b", "count", "0", "tag", "x", "tag", "y", "items.0.name", "p", "items.0.qty", "1",
		"items.1.name", "q", "items.1.qty", "2", "when", "2026-01-02T03:04:05Z", "lvl", "low", "limit", "5")
	for _, tc := range []struct {
		name  string
		ctype string
		body  string
		want  formIn
	}{
		{"urlencoded", typeURLEncoded, fullBody, full},
		{"urlencoded with charset", typeURLEncoded + "; charset=UTF-8", fullBody, full},
		{"multipart values", mpType, mpBody, full},
		{"fast path", typeURLEncoded, "title=t&count=7", formIn{Title: "t", Count: ptr(7), Q: "z"}},
		{"sent empty passes required", typeURLEncoded, "title=", formIn{Q: "z"}},
		{"absent pointer stays nil", typeURLEncoded, "title=t", formIn{Title: "t", Q: "z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := run(h, nil, nil, newRequest("POST", "/?q=z", tc.body, "Content-Type", tc.ctype))
			if err != nil {
				t.Fatal(err)
			}
			if got := out.(formIn); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("bound %+v\nwant  %+v", got, tc.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestFormErrors(t *testing.T) {
	h := func(f formIn) {}
	for _, tc := range []struct {
		name   string
		body   string
		status int
		want   []view.FieldError
		allow  bool
	}{
		{"absent is required", "count=1", 422, []view.FieldError{{Location: "form", Field: "title", Reason: "is required"}}, false},
		{"empty body", "", 422, []view.FieldError{{Location: "form", Field: "title", Reason: "is required"}}, false},
		{"validation of a zero sent", "title=t&limit=0", 422, []view.FieldError{{Location: "form", Field: "limit", Reason: "must be at least 1"}}, false},
		{"not a number", "title=t&count=x", 400, []view.FieldError{{Location: "form", Field: "count", Reason: "must be an integer"}}, false},
		{"nested not a number", "title=t&items.0.qty=x", 400, []view.FieldError{{Location: "form", Field: "items.0.qty", Reason: "must be an integer"}}, false},
		{"not a time", "title=t&when=today", 400, []view.FieldError{{Location: "form", Field: "when", Reason: "must be an RFC 3339 time such as 2006-01-02T15:04:05Z"}}, false},
		{"unknown key", "title=t&bogus=1", 400, []view.FieldError{{Location: "form", Field: "bogus", Reason: "unknown parameter"}}, false},
		{"unknown key allowed", "title=t&bogus=1", 0, nil, true},
		{"query key in the body", "title=t&q=1", 400, []view.FieldError{{Location: "form", Field: "q", Reason: "unknown parameter"}}, false},
		{"unknown nested key", "title=t&items.0.bogus=1", 400, []view.FieldError{{Location: "form", Field: "items.0.bogus", Reason: "unknown parameter"}}, false},
		{"negative index", "title=t&items.-1.name=x", 400, []view.FieldError{{Location: "form", Field: "items.-1.name", Reason: `has a negative or malformed index "-1"`}}, false},
		{"index over the limit", "title=t&items.100.name=x", 400, []view.FieldError{{Location: "form", Field: "items.100.name", Reason: "has index 100; at most 99 is allowed"}}, false},
		{"malformed index", "title=t&items.01.name=x", 400, []view.FieldError{{Location: "form", Field: "items.01.name", Reason: `has a malformed index "01"`}}, false},
		{"bad escape", "title=%zz", 400, []view.FieldError{{Location: "form", Reason: "is malformed: invalid escape or separator"}}, false},
		{"semicolon", "title=t;count=1", 400, []view.FieldError{{Location: "form", Reason: `is malformed: ";" is not a separator; use "&"`}}, false},
		{"too many values", strings.Repeat("tag=a&", 1000) + "title=t", 400, []view.FieldError{{Location: "form", Reason: "has 1001 parameters; at most 1000 are allowed"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(h, nil, nil, newRequest("POST", "/", tc.body, "Content-Type", typeURLEncoded), func(o *Options) { o.AllowUnknown = tc.allow })
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

func TestFormMultipartValueErrors(t *testing.T) {
	h := func(f formIn) {}
	for _, tc := range []struct {
		name   string
		kv     []string
		status int
		want   []view.FieldError
	}{
		{"absent is required", []string{"count", "1"}, 422, []view.FieldError{{Location: "form", Field: "title", Reason: "is required"}}},
		{"not a number", []string{"title", "t", "count", "x"}, 400, []view.FieldError{{Location: "form", Field: "count", Reason: "must be an integer"}}},
		{"unknown key", []string{"title", "t", "bogus", "1"}, 400, []view.FieldError{{Location: "form", Field: "bogus", Reason: "unknown parameter"}}},
		{"negative index", []string{"title", "t", "items.-1.name", "x"}, 400, []view.FieldError{{Location: "form", Field: "items.-1.name", Reason: `has a negative or malformed index "-1"`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, ctype := multipartBody(t, tc.kv...)
			_, err := run(h, nil, nil, newRequest("POST", "/", body, "Content-Type", ctype))
			var be *Error
			if !errors.As(err, &be) || be.Status != tc.status || !reflect.DeepEqual(be.Fields, tc.want) {
				t.Errorf("got %v\nwant %d %v", err, tc.status, tc.want)
			}
		})
	}
}

func TestFormMediaTypeAndLimit(t *testing.T) {
	h := func(f formIn) {}
	big := "title=" + strings.Repeat("x", 2000)
	for _, tc := range []struct {
		name   string
		req    func() *Request
		status int
		detail string
	}{
		{"missing content type", func() *Request { return newRequest("POST", "/", "title=t") }, 415,
			"missing Content-Type; send application/x-www-form-urlencoded or multipart/form-data"},
		{"json", func() *Request { return newRequest("POST", "/", `{"title":"t"}`, "Content-Type", "application/json") }, 415,
			`unsupported Content-Type "application/json"; send application/x-www-form-urlencoded or multipart/form-data`},
		{"malformed content type", func() *Request { return newRequest("POST", "/", "title=t", "Content-Type", typeURLEncoded+"; =") }, 415, ""},
		{"declared length over the limit", func() *Request {
			r := newRequest("POST", "/", "title=t", "Content-Type", typeURLEncoded)
			r.Length = 1 << 30
			return r
		}, 413, "request body is larger than the limit of 1000 bytes"},
		{"chunked body over the limit", func() *Request {
			r := newRequest("POST", "/", big, "Content-Type", typeURLEncoded)
			r.Length = -1
			return r
		}, 413, "request body is larger than the limit of 1000 bytes"},
		{"body one byte over the limit, length unknown", func() *Request {
			r := newRequest("POST", "/", "title="+strings.Repeat("x", 995), "Content-Type", typeURLEncoded)
			r.Length = -1
			return r
		}, 413, ""},
		{"body at the limit", func() *Request {
			r := newRequest("POST", "/", "title="+strings.Repeat("x", 994), "Content-Type", typeURLEncoded)
			r.Length = -1
			return r
		}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(h, nil, nil, tc.req(), func(o *Options) { o.Limits.Body = 1000 })
			if tc.status == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var sc interface{ StatusCode() int }
			if !errors.As(err, &sc) || sc.StatusCode() != tc.status || tc.detail != "" && err.Error() != tc.detail {
				t.Errorf("err = %v, want status %d %q", err, tc.status, tc.detail)
			}
		})
	}
}

func TestFormBodyReadErrors(t *testing.T) {
	p, err := Compile(func(f formIn) {}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ctype := range []string{typeURLEncoded, "multipart/form-data; boundary=xyz"} {
		for _, tc := range []struct {
			err    error
			status int
		}{
			{tooLarge{}, 413},
			{errors.New("connection reset"), 400},
		} {
			req := &readerRequest{Request: newRequest("POST", "/", "", "Content-Type", ctype), body: failingBody{tc.err}}
			_, err := p.Call(newResponse(), req, noPath{}, 0)
			var sc interface{ StatusCode() int }
			if !errors.As(err, &sc) || sc.StatusCode() != tc.status {
				t.Errorf("%s, read error %v: got %v, want status %d", ctype, tc.err, err, tc.status)
			}
		}
	}
}

func TestFormCompileErrors(t *testing.T) {
	type jsonBody struct {
		A string `json:"a"`
	}
	type formBody struct {
		B string `form:"b"`
	}
	for _, tc := range []struct {
		name  string
		fn    any
		field string
		want  string
	}{
		{"json and form in one struct", func(struct {
			A string `json:"a"`
			B string `form:"b"`
		}) {
		}, ".B", "also has json: fields; a body is either JSON or a form"},
		{"json and form structs", func(jsonBody, formBody) {}, "", "parameter 2 (bind.formBody) is a second body struct: it takes a form body (form: fields), and parameter 1 (bind.jsonBody) already takes a JSON body"},
		{"two form structs", func(formBody, *formBody) {}, "", "parameter 2 (*bind.formBody) is a second body struct"},
		{"no name", func(struct {
			A string `form:""`
		}) {
		}, ".A", "form tag needs a key name"},
		{"dash", func(struct {
			A string `form:"-"`
		}) {
		}, ".A", "form tag needs a key name"},
		{"dotted key", func(struct {
			A string `form:"a.b"`
		}) {
		}, ".A", `form key "a.b" contains "."`},
		{"map", func(struct {
			A map[string]string `form:"a"`
		}) {
		}, ".A", "which a form value cannot be decoded into"},
		{"nested map", func(struct {
			A struct{ M map[string]int } `form:"a"`
		}) {
		}, ".A", "which a form value cannot be decoded into"},
		{"key reaches another field", func(struct {
			Key string `form:"id"`
			ID  int    `query:"n"`
		}) {
		}, ".Key", `form key "id" is also the name of field`},
		{"two sources", func(struct {
			A string `form:"a" query:"a"`
		}) {
		}, ".A", "has tags query and form"},
		{"a value key and a file key that differ in case", func(struct {
			File *multipart.FileHeader `form:"Doc"`
			Doc  string                `form:"doc"`
		}) {
		}, ".Doc", `form key "doc" is also the key, up to case, of field .File`},
		{"two value keys that differ in case", func(struct {
			A string `form:"a"`
			B string `form:"A"`
		}) {
		}, ".B", `form key "A" is also the key, up to case, of field .A`},
		{"one key twice", func(struct {
			A string `form:"a"`
			B int    `form:"a"`
		}) {
		}, ".B", `form key "a" is also the key, up to case, of field .A`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.fn, Options{Route: "POST /x"})
			var pe *PlanError
			if !errors.As(err, &pe) || !strings.HasSuffix(pe.Field, tc.field) || tc.field == "" && pe.Field != "" || !strings.Contains(pe.Msg, tc.want) {
				t.Errorf("got %v (field %q), want field %q and %q", err, fieldOf(pe), tc.field, tc.want)
			}
		})
	}
}

func TestBodyMediaTypes(t *testing.T) {
	type upload struct {
		F *multipart.FileHeader `form:"f"`
	}
	for _, tc := range []struct {
		fn   any
		want []string
	}{
		{func(formIn) {}, []string{typeURLEncoded, "multipart/form-data"}},
		{func(upload) {}, []string{"multipart/form-data"}},
		{func(message) {}, []string{"application/json"}},
		{func(query) {}, nil},
	} {
		p, err := Compile(tc.fn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.args[0].bodyMediaTypes(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%T: %v, want %v", tc.fn, got, tc.want)
		}
	}
}

// formFuzz has a form field of every kind FuzzForm exercises.
type formFuzz struct {
	I    int                `form:"i"`
	I8   int8               `form:"i8"`
	U    uint               `form:"u"`
	U16  uint16             `form:"u16"`
	F32  float32            `form:"f32"`
	F    float64            `form:"f"`
	B    bool               `form:"b"`
	T    time.Time          `form:"t"`
	PI   *int               `form:"pi"`
	PT   *time.Time         `form:"pt"`
	S    []string           `form:"s"`
	Ns   []int              `form:"ns"`
	In   formItem           `form:"in"`
	Its  []formItem         `form:"its"`
	PIts []*formItem        `form:"pits"`
	L    level              `form:"l"`
	Deep struct{ X *uint8 } `form:"deep"`
}

// FuzzForm binds arbitrary urlencoded bodies into formFuzz. It must never
// panic, and every failure is a 400 or 422 naming the form.
func FuzzForm(f *testing.F) {
	for _, s := range []string{
		"i=1&i8=-128&u=3&u16=65535&f32=1.5&f=-2e10&b=true&t=2026-01-02T03:04:05Z&pi=0&pt=2026-01-02T03:04:05Z&s=a&s=b&ns=1&in.name=x&in.qty=2&its.0.name=a&pits.1.qty=3&l=low&deep.x=9",
		"its.-1.name=x", "pits.-1.qty=1", "its.99999999999999999999.name=x", "its.+1.name=x", "deep..x=1", "i=", "b=on", "f=NaN", "f32=1e39",
		"%zz", "a;b", "i=1&i=2", "ns.0=1", "in=x", "its=x", "deep.x.y=1", "pt=", "u=-1", "=", "&&&", "i8=128", "t=2026-02-30T00:00:00Z",
	} {
		f.Add(s)
	}
	p, err := Compile(func(v formFuzz) formFuzz { return v }, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		_, err := p.Call(newResponse(), newRequest("POST", "/", body, "Content-Type", typeURLEncoded), noPath{}, 0)
		checkBindError(t, err)
		var be *Error
		if errors.As(err, &be) {
			for _, fe := range be.Fields {
				if fe.Location != "form" || fe.Reason == "" {
					t.Fatalf("%q: error %v", body, fe)
				}
			}
		}
	})
}

// readAll reads an uploaded file whole.
func readAll(t testing.TB, fh *multipart.FileHeader) string {
	t.Helper()
	f, err := fh.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tempFiles returns the names in dir.
func tempFiles(t testing.TB, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}
