package bind

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway/internal/viewtest"
	"github.com/tideway-go/tideway/view"
)

// level is a TextUnmarshaler for tests.
type level int

func (l *level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 1
	case "high":
		*l = 2
	default:
		return errors.New("unknown level")
	}
	return nil
}

type pathTypes struct {
	S   string    `path:"s"`
	I   int       `path:"i"`
	I8  int8      `path:"i8"`
	I16 int16     `path:"i16"`
	I32 int32     `path:"i32"`
	I64 int64     `path:"i64"`
	U   uint      `path:"u"`
	U8  uint8     `path:"u8"`
	U16 uint16    `path:"u16"`
	U32 uint32    `path:"u32"`
	U64 uint64    `path:"u64"`
	F32 float32   `path:"f32"`
	F64 float64   `path:"f64"`
	B   bool      `path:"b"`
	T   time.Time `path:"t"`
	L   level     `path:"l"`
	P   *int      `path:"p"`
}

var pathNames = []string{"s", "i", "i8", "i16", "i32", "i64", "u", "u8", "u16", "u32", "u64", "f32", "f64", "b", "t", "l", "p"}

func TestPathTypes(t *testing.T) {
	good := pathValues{"a%2Fb", "-1", "-128", "32767", "-5", "9223372036854775807", "1", "255", "65535", "7", "18446744073709551615", "1.5", "-2e10", "true", "2026-11-22T10:00:00Z", "high", "42"}
	out, err := run(func(p pathTypes) pathTypes { return p }, pathNames, good, newRequest("GET", "/", ""))
	if err != nil {
		t.Fatal(err)
	}
	got := out.(pathTypes)
	if got.S != "a/b" || got.I != -1 || got.I8 != -128 || got.I16 != 32767 || got.I64 != 1<<63-1 || got.U8 != 255 || got.U64 != 1<<64-1 ||
		got.F32 != 1.5 || got.F64 != -2e10 || !got.B || got.T.Year() != 2026 || got.L != 2 || got.P == nil || *got.P != 42 {
		t.Errorf("bound %+v", got)
	}

	bad := pathValues{"x", "1.5", "128", "32768", "x", "9223372036854775808", "-1", "256", "-0", "4294967296", "18446744073709551616", "NaN", "Inf", "yes", "yesterday", "medium", "p"}
	_, err = run(func(p pathTypes) {}, pathNames, bad, newRequest("GET", "/", ""))
	var be *Error
	if !errors.As(err, &be) || be.Status != http.StatusBadRequest {
		t.Fatalf("err = %v", err)
	}
	want := map[string]string{
		"path.i":   "must be an integer",
		"path.i8":  "out of range for an 8-bit integer",
		"path.i16": "out of range for a 16-bit integer",
		"path.i32": "must be an integer",
		"path.i64": "out of range for a 64-bit integer",
		"path.u":   "must be a non-negative integer",
		"path.u8":  "out of range for an 8-bit unsigned integer",
		"path.u16": "must be a non-negative integer",
		"path.u32": "out of range for a 32-bit unsigned integer",
		"path.u64": "out of range for a 64-bit unsigned integer",
		"path.f32": "must be a finite number",
		"path.f64": "must be a finite number",
		"path.b":   "must be true or false",
		"path.t":   "must be an RFC 3339 time such as 2006-01-02T15:04:05Z",
		"path.l":   "invalid value: unknown level",
		"path.p":   "must be an integer",
	}
	got2 := map[string]string{}
	for _, f := range be.Fields {
		got2[f.Key()] = f.Reason
	}
	if !reflect.DeepEqual(got2, want) {
		t.Errorf("errors:\n got %v\nwant %v", got2, want)
	}
}

func TestAnonymousPathErrorNames(t *testing.T) {
	type two struct {
		A int `path:""`
		B int `path:""`
	}
	_, err := run(func(two) {}, []string{"", ""}, pathValues{"1", "y"}, newRequest("GET", "/", ""))
	var be *Error
	if !errors.As(err, &be) || len(be.Fields) != 1 || be.Fields[0].Key() != "path.2" {
		t.Errorf("second {} segment: %v", err)
	}
}

// taggedStore is app state whose contents carry validate tags and break
// them: validation must never look at it.
type taggedStore struct {
	Msgs []message
}

func TestStateIsNotValidated(t *testing.T) {
	bad := &taggedStore{Msgs: []message{{Contents: ""}}} // fails required
	type both struct {
		DB    *taggedStore `state:""`
		Limit int          `query:"limit" validate:"omitempty,min=1"`
	}
	type only struct {
		DB *taggedStore `state:""`
	}
	p, err := Compile(func(both, only) {}, Options{States: []any{bad}})
	if err != nil {
		t.Fatal(err)
	}
	if p.args[1].check {
		t.Error("a struct holding only state is set to be validated")
	}
	if _, err := p.Call(newResponse(), newRequest("GET", "/?limit=2", ""), noPath{}, 0); err != nil {
		t.Errorf("valid request: %v", err)
	}
	_, err = p.Call(newResponse(), newRequest("GET", "/?limit=0", ""), noPath{}, 0)
	var be *Error
	if !errors.As(err, &be) || len(be.Fields) != 1 || be.Fields[0].Key() != "query.limit" {
		t.Errorf("invalid request: %v", err)
	}
}

func TestIgnoreOnlyStruct(t *testing.T) {
	type ignore struct {
		_ struct{} `path:"id"`
	}
	if _, err := run(func(ignore) string { return "ok" }, []string{"id"}, pathValues{"7"}, newRequest("GET", "/", "")); err != nil {
		t.Errorf("a struct that only ignores a segment: %v", err)
	}
}

func TestPathGlobAndAnonymous(t *testing.T) {
	type glob struct {
		Org  string   `path:""`
		Repo string   `path:""`
		Rest string   `path:"rest"`
		Segs []string `path:"segs"`
	}
	type globSegs struct {
		Org  string   `path:""`
		Repo string   `path:""`
		Segs []string `path:"segs"`
	}
	out, err := run(func(g globSegs) globSegs { return g }, []string{"", "", "segs..."}, pathValues{"acme", "web", "a%2Fb/c/"}, newRequest("GET", "/", ""))
	if err != nil {
		t.Fatal(err)
	}
	if g := out.(globSegs); g.Org != "acme" || g.Repo != "web" || !reflect.DeepEqual(g.Segs, []string{"a/b", "c", ""}) {
		t.Errorf("bound %+v", g)
	}
	type globStr struct {
		Rest string   `path:"rest"`
		_    struct{} `path:""`
	}
	out, err = run(func(g globStr) string { return g.Rest }, []string{"", "rest..."}, pathValues{"ignored", "a/b%20c"}, newRequest("GET", "/", ""))
	if err != nil || out != "a/b c" {
		t.Errorf("glob string = %v, %v", out, err)
	}
	_ = glob{}
}

type query struct {
	Limit  int        `query:"limit" validate:"omitempty,min=1,max=100"`
	Tags   []string   `query:"tag"`
	Since  time.Time  `query:"since"`
	Level  level      `query:"level"`
	Flag   *bool      `query:"flag"`
	Filter filter     `query:"filter"`
	Items  []item     `query:"items"`
	Page   *int       `query:"page" validate:"required"`
	Ratio  float64    `query:"ratio"`
	Until  *time.Time `query:"until"`
}

type filter struct {
	Name string `query:"name"`
	Max  uint8  `query:"max"`
}

type item struct {
	Name string `query:"name"`
}

func TestQuery(t *testing.T) {
	raw := "limit=5&tag=a&tag=b&since=2026-01-02T03:04:05Z&level=low&flag=false&filter.name=x&filter.max=9&items.0.name=p&items.1.name=q&page=0&ratio=0.5"
	out, err := run(func(q query) query { return q }, nil, nil, newRequest("GET", "/?"+raw, ""))
	if err != nil {
		t.Fatal(err)
	}
	q := out.(query)
	if q.Limit != 5 || !reflect.DeepEqual(q.Tags, []string{"a", "b"}) || q.Since.Day() != 2 || q.Level != 1 || q.Flag == nil || *q.Flag ||
		q.Filter != (filter{"x", 9}) || !reflect.DeepEqual(q.Items, []item{{"p"}, {"q"}}) || q.Page == nil || *q.Page != 0 || q.Ratio != 0.5 || q.Until != nil {
		t.Errorf("bound %+v", q)
	}
}

func TestQueryErrors(t *testing.T) {
	h := func(q query) {}
	for _, tc := range []struct {
		raw    string
		status int
		want   []view.FieldError
		allow  bool
	}{
		{"page=1&limit=x", 400, []view.FieldError{{Location: "query", Field: "limit", Reason: "must be an integer"}}, false},
		{"page=1&limit=0", 422, []view.FieldError{{Location: "query", Field: "limit", Reason: "must be at least 1"}}, false},
		{"page=1&limit=101", 422, []view.FieldError{{Location: "query", Field: "limit", Reason: "must be at most 100"}}, false},
		{"limit=5", 422, []view.FieldError{{Location: "query", Field: "page", Reason: "is required"}}, false},
		{"page=1&bogus=1", 400, []view.FieldError{{Location: "query", Field: "bogus", Reason: "unknown parameter"}}, false},
		{"page=1&bogus=1", 0, nil, true},
		{"page=1&filter.bogus=1", 400, []view.FieldError{{Location: "query", Field: "filter.bogus", Reason: "unknown parameter"}}, false},
		{"page=1&items.-1.name=x", 400, []view.FieldError{{Location: "query", Field: "items.-1.name", Reason: `has a negative or malformed index "-1"`}}, false},
		{"page=1&items.100.name=x", 400, []view.FieldError{{Location: "query", Field: "items.100.name", Reason: "has index 100; at most 99 is allowed"}}, false},
		{"page=1&items.%2B1.name=x", 400, []view.FieldError{{Location: "query", Field: "items.+1.name", Reason: `has a negative or malformed index "+1"`}}, false},
		{"page=1&items.01.name=x", 400, []view.FieldError{{Location: "query", Field: "items.01.name", Reason: `has a malformed index "01"`}}, false},
		{"page=1&items..name=x", 400, []view.FieldError{{Location: "query", Field: "items..name", Reason: "has an empty key part"}}, false},
		{"page=1;limit=2", 400, []view.FieldError{{Location: "query", Field: "", Reason: `is malformed: ";" is not a separator; use "&"`}}, false},
		{"page=%zz", 400, []view.FieldError{{Location: "query", Field: "", Reason: "is malformed: invalid escape or separator"}}, false},
		{"page=1&filter.max=256", 400, []view.FieldError{{Location: "query", Field: "filter.max", Reason: "out of range for an 8-bit unsigned integer"}}, false},
		{"page=1&since=yesterday", 400, []view.FieldError{{Location: "query", Field: "since", Reason: "must be an RFC 3339 time such as 2006-01-02T15:04:05Z"}}, false},
		{"page=1&ratio=NaN", 400, []view.FieldError{{Location: "query", Field: "ratio", Reason: "must be a finite number"}}, false},
		{"page=1&ratio=-Inf", 400, []view.FieldError{{Location: "query", Field: "ratio", Reason: "must be a finite number"}}, false},
		{"page=x&limit=0", 400, []view.FieldError{{Location: "query", Field: "page", Reason: "must be an integer"}, {Location: "query", Field: "limit", Reason: "must be at least 1"}}, false},
	} {
		_, err := run(h, nil, nil, newRequest("GET", "/?"+tc.raw, ""), func(o *Options) { o.AllowUnknown = tc.allow })
		if tc.status == 0 {
			if err != nil {
				t.Errorf("%s: %v", tc.raw, err)
			}
			continue
		}
		var be *Error
		if !errors.As(err, &be) || be.Status != tc.status || !reflect.DeepEqual(be.Fields, tc.want) {
			t.Errorf("%s:\n got %v\nwant %d %v", tc.raw, err, tc.status, tc.want)
		}
	}
}

func TestQueryLimit(t *testing.T) {
	raw := strings.Repeat("tag=a&", 1000) + "page=1"
	_, err := run(func(q query) {}, nil, nil, newRequest("GET", "/?"+raw, ""))
	var be *Error
	if !errors.As(err, &be) || be.Fields[0].Reason != "has 1001 parameters; at most 1000 are allowed" {
		t.Errorf("err = %v", err)
	}
}

func TestHeaderAndState(t *testing.T) {
	type in struct {
		Key   string     `header:"X-Api-Key" validate:"required"`
		N     *int       `header:"X-Count"`
		State *appState  `state:""`
		Lvl   level      `header:"X-Level"`
		When  *time.Time `header:"If-Since"`
	}
	out, err := run(func(i in) in { return i }, nil, nil, newRequest("GET", "/", "", "x-api-key", "", "X-Count", "3"))
	if err != nil {
		t.Fatal(err)
	}
	i := out.(in)
	if i.Key != "" || i.N == nil || *i.N != 3 || i.State == nil || i.State.Name != "state" || i.When != nil {
		t.Errorf("bound %+v", i)
	}
	_, err = run(func(i in) {}, nil, nil, newRequest("GET", "/", "", "X-Count", "x"))
	want := []view.FieldError{{Location: "header", Field: "X-Count", Reason: "must be an integer"}, {Location: "header", Field: "X-Api-Key", Reason: "is required"}}
	var be *Error
	if !errors.As(err, &be) || be.Status != 400 || !reflect.DeepEqual(be.Fields, want) {
		t.Errorf("err = %v, want %v", err, want)
	}
}

type order struct {
	Customer string      `json:"customer" validate:"required"`
	Count    int         `json:"count" validate:"required,max=5"`
	Paid     bool        `json:"paid" validate:"required"`
	Note     *string     `json:"note"`
	Items    []orderItem `json:"items" validate:"dive"`
	ID       uint64      `path:"id"`
	Secret   string      `query:"secret"`
}

type orderItem struct {
	Name string `json:"name" validate:"required"`
	Qty  int    `json:"qty" validate:"min=1"`
}

func TestBody(t *testing.T) {
	h := func(o order) order { return o }
	ct := []string{"Content-Type", "application/json"}
	t.Run("zero values that were sent pass required", func(t *testing.T) {
		out, err := run(h, []string{"id"}, pathValues{"7"}, newRequest("POST", "/", `{"customer":"","count":0,"paid":false,"items":[]}`, ct...))
		if err != nil {
			t.Fatal(err)
		}
		if o := out.(order); o.Note != nil || o.ID != 7 {
			t.Errorf("bound %+v", o)
		}
	})
	t.Run("body cannot set path or query fields", func(t *testing.T) {
		out, err := run(h, []string{"id"}, pathValues{"7"}, newRequest("POST", "/", `{"customer":"a","count":1,"paid":true,"ID":99,"Secret":"s"}`, ct...), func(o *Options) { o.AllowUnknown = true })
		if err != nil {
			t.Fatal(err)
		}
		if o := out.(order); o.ID != 7 || o.Secret != "" {
			t.Errorf("bound %+v", o)
		}
	})
	t.Run("+json and parameters accepted", func(t *testing.T) {
		_, err := run(h, []string{"id"}, pathValues{"7"}, newRequest("POST", "/", `{"customer":"a","count":1,"paid":true}`, "Content-Type", "application/merge-patch+json; charset=utf-8"))
		if err != nil {
			t.Fatal(err)
		}
	})
	for _, tc := range []struct {
		name   string
		body   string
		hdrs   []string
		status int
		want   []view.FieldError
	}{
		{"missing keys", `{"note":null}`, ct, 422, []view.FieldError{{Location: "body", Field: "customer", Reason: "is required"}, {Location: "body", Field: "count", Reason: "is required"}, {Location: "body", Field: "paid", Reason: "is required"}}},
		{"zero sent still checked against the rest of the tag", `{"customer":"a","count":9,"paid":true}`, ct, 422, []view.FieldError{{Location: "body", Field: "count", Reason: "must be at most 5"}}},
		{"nested errors use wire names", `{"customer":"a","count":1,"paid":true,"items":[{"name":"x","qty":1},{"qty":0}]}`, ct, 422, []view.FieldError{{Location: "body", Field: "items[1].name", Reason: "is required"}, {Location: "body", Field: "items[1].qty", Reason: "must be at least 1"}}},
		{"type error names the field", `{"customer":"a","count":"many","paid":true}`, ct, 400, []view.FieldError{{Location: "body", Field: "count", Reason: "must be an integer, not a string"}}},
		{"nested type error", `{"customer":"a","count":1,"paid":true,"items":[{"qty":"x"}]}`, ct, 400, []view.FieldError{{Location: "body", Field: "items.qty", Reason: "must be an integer, not a string"}, {Location: "body", Field: "items[0].name", Reason: "is required"}}},
		{"type error and missing key", `{"count":"many","paid":true}`, ct, 400, []view.FieldError{{Location: "body", Field: "count", Reason: "must be an integer, not a string"}, {Location: "body", Field: "customer", Reason: "is required"}}},
		{"number for a string", `{"customer":5,"count":1,"paid":true}`, ct, 400, []view.FieldError{{Location: "body", Field: "customer", Reason: "must be a string, not a number"}}},
		{"number out of range", `{"customer":"a","count":1e40,"paid":true}`, ct, 400, []view.FieldError{{Location: "body", Field: "count", Reason: "out of range for a 64-bit integer"}}},
		{"fraction for an integer", `{"customer":"a","count":1.5,"paid":true}`, ct, 400, []view.FieldError{{Location: "body", Field: "count", Reason: "must be an integer, not 1.5"}}},
		{"object for a bool", `{"customer":"a","count":1,"paid":{}}`, ct, 400, []view.FieldError{{Location: "body", Field: "paid", Reason: "must be true or false, not an object"}}},
		{"bool for a string", `{"customer":true,"count":1,"paid":true}`, ct, 400, []view.FieldError{{Location: "body", Field: "customer", Reason: "must be a string, not true or false"}}},
		{"string for an array", `{"customer":"a","count":1,"paid":true,"items":"x"}`, ct, 400, []view.FieldError{{Location: "body", Field: "items", Reason: "must be an array, not a string"}}},
		{"array for an item", `{"customer":"a","count":1,"paid":true,"items":[[]]}`, ct, 400, []view.FieldError{{Location: "body", Field: "items", Reason: "must be an object, not an array"}}},
		{"unknown field", `{"customer":"a","count":1,"paid":true,"extra":1}`, ct, 400, []view.FieldError{{Location: "body", Field: "extra", Reason: "unknown field"}}},
		{"syntax error", `{"customer":`, ct, 400, []view.FieldError{{Location: "body", Field: "", Reason: "is truncated JSON"}}},
		{"bad token", `{"customer":x}`, ct, 400, []view.FieldError{{Location: "body", Field: "", Reason: "is not valid JSON (at byte 13)"}}},
		{"trailing data", `{"customer":"a","count":1,"paid":true} {}`, ct, 400, []view.FieldError{{Location: "body", Field: "", Reason: "has data after the JSON value"}}},
		{"not an object", `[1]`, ct, 400, []view.FieldError{{Location: "body", Field: "", Reason: "must be a JSON object"}}},
		{"null", `null`, ct, 400, []view.FieldError{{Location: "body", Field: "", Reason: "must be a JSON object"}}},
		{"empty", ``, ct, 400, []view.FieldError{{Location: "body", Field: "", Reason: "is empty; send a JSON object"}}},
		{"too deep", `{"items":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, ct, 400, []view.FieldError{{Location: "body", Field: "", Reason: "nests deeper than 64 levels"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(h, []string{"id"}, pathValues{"7"}, newRequest("POST", "/", tc.body, tc.hdrs...))
			var be *Error
			if !errors.As(err, &be) || be.Status != tc.status || !reflect.DeepEqual(be.Fields, tc.want) {
				t.Errorf("got %v\nwant %d %v", err, tc.status, tc.want)
			}
		})
	}
}

// Shipping and Meta are embedded in the structs of TestBodyEmbedded.
type Shipping struct {
	Street string `json:"street" validate:"required"`
}

type Meta struct {
	Note string `json:"note"`
}

type promotedReq struct {
	ID int `path:"id"`
	Shipping
}

// Coded is embedded in promotedRule.
type Coded struct {
	Code string `json:"code" validate:"max=3"`
}

type promotedRule struct {
	ID int `path:"id"`
	Coded
}

// TestBodyEmbedded checks that an embedded struct's fields are body keys
// only where encoding/json promotes them: an embedded struct with a json
// name is one nested key, and one tagged "-" is no key at all.
func TestBodyEmbedded(t *testing.T) {
	type named struct {
		ID       int `path:"id"`
		Shipping `json:"ship"`
	}
	type skipped struct {
		ID   int    `path:"id"`
		Name string `json:"name"`
		Meta `json:"-"`
	}
	type promoted struct {
		ID int `path:"id"`
		Meta
	}
	show := func(v any) string { return fmt.Sprintf("%+v", v) }
	ct := []string{"Content-Type", "application/json"}
	for _, tc := range []struct {
		name   string
		fn     any
		body   string
		want   string // the bound struct, %+v
		status int    // else the error status
		errs   []view.FieldError
	}{
		{"named: nested", func(v named) string { return show(v) }, `{"ship":{"street":"x"}}`, "{ID:7 Shipping:{Street:x}}", 0, nil},
		{"named: the validator checks inside it", func(v named) string { return show(v) }, `{"ship":{}}`, "", 422,
			[]view.FieldError{{Location: "body", Field: "ship.street", Reason: "is required"}}},
		{"named: its fields are not top-level keys", func(v named) string { return show(v) }, `{"ship":{"street":"x"},"street":"y"}`, "", 400,
			[]view.FieldError{{Location: "body", Field: "street", Reason: "unknown field"}}},
		{"dash: no key", func(v skipped) string { return show(v) }, `{"name":"n"}`, "{ID:7 Name:n Meta:{Note:}}", 0, nil},
		{"dash: its fields are not keys", func(v skipped) string { return show(v) }, `{"name":"n","note":"x"}`, "", 400,
			[]view.FieldError{{Location: "body", Field: "note", Reason: "unknown field"}}},
		{"untagged: promoted", func(v promoted) string { return show(v) }, `{"note":"x"}`, "{ID:7 Meta:{Note:x}}", 0, nil},
		// required means sent for promoted fields too, and errors name
		// them by their key, not through the embedded struct.
		{"untagged: required sent empty", func(v promotedReq) string { return show(v) }, `{"street":""}`, "{ID:7 Shipping:{Street:}}", 0, nil},
		{"untagged: required missing", func(v promotedReq) string { return show(v) }, `{}`, "", 422,
			[]view.FieldError{{Location: "body", Field: "street", Reason: "is required"}}},
		{"untagged: rule on a promoted field", func(v promotedRule) string { return show(v) }, `{"code":"toolong"}`, "", 422,
			[]view.FieldError{{Location: "body", Field: "code", Reason: "must be at most 3 characters"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := run(tc.fn, []string{"id"}, pathValues{"7"}, newRequest("POST", "/", tc.body, ct...))
			if tc.status == 0 {
				if err != nil || out != tc.want {
					t.Errorf("got %v, %v; want %s", out, err, tc.want)
				}
				return
			}
			var be *Error
			if !errors.As(err, &be) || be.Status != tc.status || !reflect.DeepEqual(be.Fields, tc.errs) {
				t.Errorf("got %v, want %d %v", err, tc.status, tc.errs)
			}
		})
	}
}

func TestBodyMediaTypeAndLimit(t *testing.T) {
	h := func(m message) {}
	for _, tc := range []struct {
		name   string
		req    func() *Request
		status int
	}{
		{"missing content type", func() *Request { return newRequest("POST", "/", `{}`) }, 415},
		{"wrong content type", func() *Request { return newRequest("POST", "/", `{}`, "Content-Type", "text/plain") }, 415},
		{"malformed content type", func() *Request { return newRequest("POST", "/", `{}`, "Content-Type", "application/json; =") }, 415},
		{"declared length over the limit", func() *Request {
			r := newRequest("POST", "/", `{}`, "Content-Type", "application/json")
			r.Length = 1 << 30
			return r
		}, 413},
		{"chunked body over the limit", func() *Request {
			r := newRequest("POST", "/", `{"contents":"`+strings.Repeat("x", 2000)+`"}`, "Content-Type", "application/json")
			r.Length = -1
			return r
		}, 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(h, nil, nil, tc.req(), func(o *Options) { o.Limits.Body = 1000 })
			var sc interface{ StatusCode() int }
			if !errors.As(err, &sc) || sc.StatusCode() != tc.status {
				t.Errorf("err = %v, want status %d", err, tc.status)
			}
		})
	}
}

// Request is the test request type.
type Request = viewtest.Request

func TestErrorMessage(t *testing.T) {
	e := &Error{Status: 422, Fields: []view.FieldError{{Location: "body", Field: "a", Reason: "is required"}, {Location: "query", Field: "b", Reason: "must be at most 5"}}}
	if got, want := e.Error(), "bad request: validation failed: body.a: is required; query.b: must be at most 5"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	b, _ := json.Marshal(e.FieldErrors()[0])
	if string(b) != `{"location":"body","field":"a","reason":"is required"}` {
		t.Errorf("json %s", b)
	}
}

// tooLarge is a body reader error of the kind a server's own body limit
// gives.
type tooLarge struct{}

func (tooLarge) Error() string   { return "body over the server's limit" }
func (tooLarge) StatusCode() int { return 413 }

type failingBody struct{ err error }

func (f failingBody) Read([]byte) (int, error) { return 0, f.err }

func TestBodyReadErrors(t *testing.T) {
	for _, tc := range []struct {
		err    error
		status int
	}{
		{tooLarge{}, 413},
		{errors.New("connection reset"), 400},
	} {
		req := &readerRequest{Request: newRequest("POST", "/", "", "Content-Type", "application/json"), body: failingBody{tc.err}}
		p, cerr := Compile(func(m message) {}, Options{})
		if cerr != nil {
			t.Fatal(cerr)
		}
		_, err := p.Call(newResponse(), req, noPath{}, 0)
		var sc interface{ StatusCode() int }
		if !errors.As(err, &sc) || sc.StatusCode() != tc.status {
			t.Errorf("read error %v: got %v, want status %d", tc.err, err, tc.status)
		}
	}
}

// readerRequest replaces a test request's body reader.
type readerRequest struct {
	*viewtest.Request
	body io.Reader
}

func (r *readerRequest) Body() io.Reader { return r.body }
