package bind

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway/view"
)

// port is a TextUnmarshaler whose error is strconv's own, which names a Go
// function: it must not reach a client.
type port int

func (p *port) UnmarshalText(b []byte) error {
	n, err := strconv.Atoi(string(b))
	*p = port(n)
	return err
}

// cents has a converter registered on the QueryDecoder.
type cents int

// pair is a struct of two fields, for nested keys.
type pair struct {
	Y int    `query:"y" form:"y"`
	Z string `query:"z" form:"z"`
}

// nestedQuery and nestedForm hold every shape of nested key: a slice of
// structs, a slice of pointers to structs, a struct, a pointer to one and
// a slice of a TextUnmarshaler struct, which gorilla/schema indexes too.
type nestedQuery struct {
	A []struct {
		X int `query:"x"`
	} `query:"a"`
	AP []*pair     `query:"ap"`
	B  pair        `query:"b"`
	P  *pair       `query:"p"`
	TS []time.Time `query:"ts"`
	N  int         `query:"n"`
}

type nestedForm struct {
	A []struct {
		X int `form:"x"`
	} `form:"a"`
	AP []*pair     `form:"ap"`
	B  pair        `form:"b"`
	P  *pair       `form:"p"`
	TS []time.Time `form:"ts"`
	N  int         `form:"n"`
}

// TestNestedKeyReasons checks that a key that stops short of a value, or
// goes past one, is answered in words, not with gorilla/schema's errors
// (which named Go types: "converter not found for struct { X int ... }"),
// alike for query strings, urlencoded forms and multipart forms.
func TestNestedKeyReasons(t *testing.T) {
	const when = "2026-01-02T03:04:05Z"
	for _, tc := range []struct {
		key, value string
		want       string // "" for no error
	}{
		{"a.0", "1", "must be given as a.0.x"},
		{"a", "1", "must be given as a.0.x"},
		{"a.x", "1", "must be given as a.0.x"},
		{"ap.0", "1", "must be given field by field, as in ap.0.y"},
		{"ap", "1", "must be given field by field, as in ap.0.y"},
		{"b", "1", "must be given field by field, as in b.y"},
		{"p", "1", "must be given field by field, as in p.y"},
		{"ts", when, "must be given as ts.0"},
		{"b.q", "1", "unknown parameter"},
		{"b.0", "1", "unknown parameter"},
		{"n.0", "1", "unknown parameter"},
		{"a.0.x.y", "1", "unknown parameter"},
		{"a.0.q", "1", "unknown parameter"},
		{"a.0.x", "1", ""},
		{"ap.1.z", "s", ""},
		{"b.y", "1", ""},
		{"p.z", "s", ""},
		{"ts.0", when, ""},
	} {
		check := func(t *testing.T, loc string, err error) {
			t.Helper()
			if tc.want == "" {
				if err != nil {
					t.Errorf("%s=%s: %v", tc.key, tc.value, err)
				}
				return
			}
			want := []view.FieldError{{Location: loc, Field: tc.key, Reason: tc.want}}
			var be *Error
			if !errors.As(err, &be) || be.Status != 400 || !reflect.DeepEqual(be.Fields, want) {
				t.Errorf("%s=%s:\n got %v\nwant %v", tc.key, tc.value, err, want)
			}
		}
		raw := url.Values{tc.key: {tc.value}}.Encode()
		t.Run("query "+tc.key, func(t *testing.T) {
			_, err := run(func(nestedQuery) {}, nil, nil, newRequest("GET", "/?"+raw, ""))
			check(t, "query", err)
		})
		t.Run("form "+tc.key, func(t *testing.T) {
			_, err := run(func(nestedForm) {}, nil, nil, newRequest("POST", "/", raw, "Content-Type", typeURLEncoded))
			check(t, "form", err)
		})
		t.Run("multipart "+tc.key, func(t *testing.T) {
			body, ct := multipartBody(t, tc.key, tc.value)
			_, err := run(func(nestedForm) {}, nil, nil, newRequest("POST", "/", body, "Content-Type", ct))
			check(t, "form", err)
		})
	}
}

// bindOne binds value into a struct of one field of type typ, tagged
// loc:"v", sent from that location (a path segment, a query key, a
// header, a cookie or an urlencoded form value), and returns the error.
func bindOne(typ reflect.Type, loc, value string, opts ...func(*Options)) error {
	key := "v"
	if loc == "header" {
		key = "X-V"
	}
	st := reflect.StructOf([]reflect.StructField{{Name: "V", Type: typ, Tag: reflect.StructTag(fmt.Sprintf("%s:%q", loc, key))}})
	fn := reflect.MakeFunc(reflect.FuncOf([]reflect.Type{st}, nil, false), func([]reflect.Value) []reflect.Value { return nil }).Interface()
	var params []string
	var vals pathValues
	req := newRequest("GET", "/", "")
	switch loc {
	case "path":
		params, vals = []string{"v"}, pathValues{url.PathEscape(value)}
	case "query":
		req = newRequest("GET", "/?v="+url.QueryEscape(value), "")
	case "header":
		req = newRequest("GET", "/", "", key, value)
	case "cookie":
		req = newRequest("GET", "/", "", "Cookie", "v="+value)
	case "form":
		req = newRequest("POST", "/", "v="+url.QueryEscape(value), "Content-Type", typeURLEncoded)
	}
	_, err := run(fn, params, vals, req, opts...)
	return err
}

// TestValueReasonsAgree checks that a value that does not parse gets the
// same reason wherever it is sent from, with the bit size only when the
// number is out of range, and no Go type or function in it.
func TestValueReasonsAgree(t *testing.T) {
	intSize := fmt.Sprintf("out of range for a %d-bit integer", strconv.IntSize)
	for _, tc := range []struct {
		typ   reflect.Type
		value string
		want  string
	}{
		{reflect.TypeFor[int](), "x", "must be an integer"},
		{reflect.TypeFor[int](), "1.5", "must be an integer"},
		{reflect.TypeFor[int](), "99999999999999999999", intSize},
		{reflect.TypeFor[*int](), "x", "must be an integer"},
		{reflect.TypeFor[int8](), "300", "out of range for an 8-bit integer"},
		{reflect.TypeFor[int32](), "x", "must be an integer"},
		{reflect.TypeFor[int64](), "x", "must be an integer"},
		{reflect.TypeFor[uint](), "-1", "must be a non-negative integer"},
		{reflect.TypeFor[uint16](), "70000", "out of range for a 16-bit unsigned integer"},
		{reflect.TypeFor[uint64](), "x", "must be a non-negative integer"},
		{reflect.TypeFor[float64](), "NaN", "must be a finite number"},
		{reflect.TypeFor[float32](), "x", "must be a finite number"},
		{reflect.TypeFor[bool](), "maybe", "must be true or false"},
		{reflect.TypeFor[time.Time](), "yesterday", "must be an RFC 3339 time such as 2006-01-02T15:04:05Z"},
		{reflect.TypeFor[*time.Time](), "yesterday", "must be an RFC 3339 time such as 2006-01-02T15:04:05Z"},
		{reflect.TypeFor[level](), "mid", "invalid value: unknown level"},
		{reflect.TypeFor[port](), "x", "is not a valid value"},
	} {
		for _, loc := range []string{"path", "query", "header", "cookie", "form"} {
			err := bindOne(tc.typ, loc, tc.value)
			var be *Error
			if !errors.As(err, &be) || be.Status != 400 || len(be.Fields) != 1 || be.Fields[0].Reason != tc.want {
				t.Errorf("%s %s=%q: got %v, want %q", loc, tc.typ, tc.value, err, tc.want)
			}
		}
	}
}

// TestQueryValueReasons covers what only query and form fields take:
// several values, values split at commas, and converters.
func TestQueryValueReasons(t *testing.T) {
	dec := NewQueryDecoder()
	dec.RegisterConverter(cents(0), func(s string) reflect.Value {
		n, err := strconv.Atoi(strings.TrimSuffix(s, "c"))
		if err != nil || !strings.HasSuffix(s, "c") {
			return reflect.Value{}
		}
		return reflect.ValueOf(cents(n))
	})
	type in struct {
		Is  []int      `query:"is"`
		I8s []int8     `query:"i8s"`
		Ls  []level    `query:"ls"`
		C   cents      `query:"c"`
		Cs  []cents    `query:"cs"`
		Ps  []*uint    `query:"ps"`
		Ts  []port     `query:"ts"`
		PC  *cents     `query:"pc"`
		F   []float64  `query:"f"`
		B   []bool     `query:"b"`
		T   *time.Time `query:"t"`
	}
	for _, tc := range []struct {
		raw, field, want string
	}{
		{"is=1&is=x", "is", "must be an integer"},
		{"is=1,x", "is", "must be an integer"},
		{"i8s=1,300", "i8s", "out of range for an 8-bit integer"},
		{"i8s=1&i8s=x,300", "i8s", "must be an integer"},
		{"ls=low&ls=mid", "ls", "invalid value: unknown level"},
		{"c=12", "c", "is not a valid value"},
		{"cs=1c&cs=2", "cs", "is not a valid value"},
		{"pc=x", "pc", "is not a valid value"},
		{"ps=-1", "ps", "must be a non-negative integer"},
		{"ts=x", "ts", "is not a valid value"},
		{"f=1&f=Inf", "f", "must be a finite number"},
		{"b=maybe", "b", "must be true or false"},
		{"t=x", "t", "must be an RFC 3339 time such as 2006-01-02T15:04:05Z"},
	} {
		_, err := run(func(in) {}, nil, nil, newRequest("GET", "/?"+tc.raw, ""), func(o *Options) { o.Query = dec })
		want := []view.FieldError{{Location: "query", Field: tc.field, Reason: tc.want}}
		var be *Error
		if !errors.As(err, &be) || be.Status != 400 || !reflect.DeepEqual(be.Fields, want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.raw, err, want)
		}
	}
	if _, err := run(func(in) {}, nil, nil, newRequest("GET", "/?c=12c&cs=1c&cs=2c&is=1,2&ls=low", ""), func(o *Options) { o.Query = dec }); err != nil {
		t.Errorf("valid values: %v", err)
	}
}

// uuid is an array that decodes itself, and so may be a query field.
type uuid [2]byte

func (u *uuid) UnmarshalText(b []byte) error {
	if len(b) != 2 {
		return errors.New("must be 2 bytes")
	}
	copy(u[:], b)
	return nil
}

// TestUndecodableQueryTypes checks that field types whose every value
// gorilla/schema would refuse (with an error naming the type) or whose
// keys it would not see are refused at registration.
func TestUndecodableQueryTypes(t *testing.T) {
	dec := NewQueryDecoder()
	dec.RegisterConverter([3]int{}, func(string) reflect.Value { return reflect.ValueOf([3]int{1, 2, 3}) })
	for _, tc := range []struct {
		name string
		fn   any
		want string // "" when it compiles
	}{
		{"array", func(struct {
			A [3]uint8 `query:"a"`
		}) {
		}, "has type [3]uint8, which a query string cannot be decoded into; use a slice instead of an array"},
		{"slice of slices", func(struct {
			A [][]int `query:"a"`
		}) {
		}, "a slice cannot hold slices or arrays"},
		{"slice of pointers to slices", func(struct {
			A []*[]int `query:"a"`
		}) {
		}, "a slice cannot hold slices or arrays"},
		{"pointer to a pointer", func(struct {
			A **int `query:"a"`
		}) {
		}, "use one pointer, not a pointer to a pointer"},
		{"nested array", func(struct {
			A []struct {
				X [2]int `query:"x"`
			} `query:"a"`
		}) {
		}, "use a slice instead of an array"},
		{"form array", func(struct {
			A [2]int `form:"a"`
		}) {
		}, "has type [2]int, which a form value cannot be decoded into; use a slice instead of an array"},
		// gorilla/schema's tag options would hold only for requests that
		// take its slow path.
		{"default option", func(struct {
			N int `query:"n,default:5"`
		}) {
		}, `query tag "n,default:5" has the option "default:5", which Tideway does not apply; use a pointer field`},
		{"required option", func(struct {
			N int `form:"n,required"`
		}) {
		}, `form tag "n,required" has the option "required", which Tideway does not apply; use validate:"required"`},
		{"nested option", func(struct {
			B struct {
				N int `form:"n,required,default:1"`
			} `form:"b"`
		}) {
		}, `.N: form tag "n,required,default:1" has the option "required"`},
		{"omitempty option", func(struct {
			Ns []int `query:"ns,omitempty"`
		}) {
		}, `has the option "omitempty", which Tideway does not apply; remove it`},
		{"array that decodes itself", func(struct {
			U  uuid   `query:"u"`
			Us []uuid `query:"us"`
		}) {
		}, ""},
		{"array with a converter", func(struct {
			A [3]int `query:"a"`
		}) {
		}, ""},
	} {
		_, err := Compile(tc.fn, Options{Query: dec})
		var pe *PlanError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (!errors.As(err, &pe) || !strings.Contains(pe.Msg, tc.want)):
			t.Errorf("%s: got %v, want a PlanError with %q", tc.name, err, tc.want)
		}
	}
}

// TestSchemaMaxIndex checks that an index gorilla/schema would refuse with
// its own message (naming Go kinds) is refused by the index check first,
// even when Limits.MaxSliceIndex allows it.
func TestSchemaMaxIndex(t *testing.T) {
	type in struct {
		A []struct {
			X int `query:"x"`
		} `query:"a"`
	}
	opt := func(o *Options) { o.Limits.MaxSliceIndex = 20000 }
	_, err := run(func(in) {}, nil, nil, newRequest("GET", "/?a.16001.x=1", ""), opt)
	want := []view.FieldError{{Location: "query", Field: "a.16001.x", Reason: "has index 16001; at most 16000 is allowed"}}
	var be *Error
	if !errors.As(err, &be) || !reflect.DeepEqual(be.Fields, want) {
		t.Errorf("got %v, want %v", err, want)
	}
	if _, err := run(func(in) {}, nil, nil, newRequest("GET", "/?a.16000.x=1", ""), opt); err != nil {
		t.Errorf("index 16000: %v", err)
	}
}

// TestBodyNumberReasons checks the reasons for JSON numbers that do not
// fit an integer field: out of range as for other locations, and the
// size only then.
func TestBodyNumberReasons(t *testing.T) {
	type in struct {
		I  int       `json:"i"`
		I8 int8      `json:"i8"`
		U  uint      `json:"u"`
		U8 *uint8    `json:"u8"`
		S  int       `json:"s,string"`
		T  time.Time `json:"t"`
	}
	intSize := fmt.Sprintf("out of range for a %d-bit integer", strconv.IntSize)
	for _, tc := range []struct {
		body, field, want string
	}{
		{`{"i":"x"}`, "i", "must be an integer, not a string"},
		{`{"i":1.5}`, "i", "must be an integer, not 1.5"},
		{`{"i":1e2}`, "i", "must be an integer, not 1e2"},
		{`{"i":99999999999999999999}`, "i", intSize},
		{`{"i":-1e400}`, "i", intSize},
		{`{"i8":"x"}`, "i8", "must be an 8-bit integer, not a string"},
		{`{"i8":-129}`, "i8", "out of range for an 8-bit integer"},
		{`{"i8":127.5}`, "i8", "must be an 8-bit integer, not 127.5"},
		{`{"u":-1}`, "u", "must be a non-negative integer, not -1"},
		{`{"u8":256}`, "u8", "out of range for an 8-bit unsigned integer"},
		{`{"s":"x"}`, "", `has a value that must be a number or boolean in quotes, such as "42"`},
		{`{"t":"x"}`, "", "has a value that is not an RFC 3339 time such as 2006-01-02T15:04:05Z"},
		{`{"t":5}`, "", "has a value that is not an RFC 3339 time such as 2006-01-02T15:04:05Z"},
	} {
		_, err := run(func(in) {}, nil, nil, newRequest("POST", "/", tc.body, "Content-Type", "application/json"))
		want := []view.FieldError{{Location: "body", Field: tc.field, Reason: tc.want}}
		var be *Error
		if !errors.As(err, &be) || !reflect.DeepEqual(be.Fields, want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.body, err, want)
		}
	}
}

// TestValidationUnits checks that counts of characters and items are
// singular for 1.
func TestValidationUnits(t *testing.T) {
	type in struct {
		S1 string         `json:"s1" validate:"min=1"`
		S2 string         `json:"s2" validate:"max=1"`
		S3 string         `json:"s3" validate:"len=1"`
		S4 string         `json:"s4" validate:"min=2"`
		S5 *string        `json:"s5" validate:"omitempty,gt=1"`
		L1 []int          `json:"l1" validate:"min=1"`
		L2 []int          `json:"l2" validate:"max=1"`
		L3 []int          `json:"l3" validate:"lt=1"`
		L4 [2]int         `json:"l4" validate:"len=3"`
		M1 map[string]int `json:"m1" validate:"len=1"`
		M2 map[string]int `json:"m2" validate:"gte=2"`
		N  int            `json:"n" validate:"min=1"`
		Q  string         `query:"q" validate:"omitempty,min=1"`
	}
	body := `{"s1":"","s2":"ab","s3":"ab","s4":"a","s5":"é","l1":[],"l2":[1,2],"l3":[1],"l4":[1,2],"m1":{},"m2":{"a":1},"n":0}`
	_, err := run(func(in) {}, nil, nil, newRequest("POST", "/?q=", body, "Content-Type", "application/json"))
	want := []view.FieldError{
		{Location: "body", Field: "s1", Reason: "must be at least 1 character"},
		{Location: "body", Field: "s2", Reason: "must be at most 1 character"},
		{Location: "body", Field: "s3", Reason: "must be exactly 1 character"},
		{Location: "body", Field: "s4", Reason: "must be at least 2 characters"},
		{Location: "body", Field: "s5", Reason: "must be more than 1 character"},
		{Location: "body", Field: "l1", Reason: "must be at least 1 item"},
		{Location: "body", Field: "l2", Reason: "must be at most 1 item"},
		{Location: "body", Field: "l3", Reason: "must be less than 1 item"},
		{Location: "body", Field: "l4", Reason: "must be exactly 3 items"},
		{Location: "body", Field: "m1", Reason: "must be exactly 1 item"},
		{Location: "body", Field: "m2", Reason: "must be at least 2 items"},
		{Location: "body", Field: "n", Reason: "must be at least 1"},
		{Location: "query", Field: "q", Reason: "must be at least 1 character"},
	}
	var be *Error
	if !errors.As(err, &be) || be.Status != 422 || !reflect.DeepEqual(be.Fields, want) {
		t.Errorf("got %v\nwant %v", err, want)
	}
}

type shelfBase struct {
	Shelf string `json:"shelf" validate:"required,min=1"`
}

// TestValidationOrder checks that validation errors come in the order the
// fields are declared, although presence, the validator and the zero
// values it skips are checked in separate passes, and body fields are
// bound after the others.
func TestValidationOrder(t *testing.T) {
	type book struct {
		Title  string      `json:"title" validate:"required,min=1"`
		Limit  int         `query:"limit" validate:"omitempty,min=1"`
		ISBN   string      `json:"isbn" validate:"len=13"`
		Tags   []string    `json:"tags" validate:"required,min=1"`
		Price  float64     `json:"price" validate:"omitempty,gt=0"`
		Author string      `header:"X-Author" validate:"required"`
		Items  []orderItem `json:"items" validate:"dive"`
		shelfBase
		Year int `json:"year" validate:"required"`
	}
	h := func(book) {}
	for _, tc := range []struct {
		name, target, body string
		status             int
		want               []view.FieldError
	}{
		{"every pass", "/?limit=0", `{"title":"","isbn":"1","tags":[],"price":0,"items":[{"qty":0}],"shelf":""}`, 422, []view.FieldError{
			{Location: "body", Field: "title", Reason: "must be at least 1 character"},
			{Location: "query", Field: "limit", Reason: "must be at least 1"},
			{Location: "body", Field: "isbn", Reason: "must be exactly 13 characters"},
			{Location: "body", Field: "tags", Reason: "must be at least 1 item"},
			{Location: "body", Field: "price", Reason: "must be more than 0"},
			{Location: "header", Field: "X-Author", Reason: "is required"},
			{Location: "body", Field: "items[0].name", Reason: "is required"},
			{Location: "body", Field: "items[0].qty", Reason: "must be at least 1"},
			{Location: "body", Field: "shelf", Reason: "must be at least 1 character"},
			{Location: "body", Field: "year", Reason: "is required"},
		}},
		{"presence only", "/", `{}`, 422, []view.FieldError{
			{Location: "body", Field: "title", Reason: "is required"},
			{Location: "body", Field: "isbn", Reason: "must be exactly 13 characters"},
			{Location: "body", Field: "tags", Reason: "is required"},
			{Location: "header", Field: "X-Author", Reason: "is required"},
			{Location: "body", Field: "shelf", Reason: "is required"},
			{Location: "body", Field: "year", Reason: "is required"},
		}},
		{"bind errors first", "/?limit=x", `{"title":"t","isbn":"1234567890123","tags":["a"],"price":"x","shelf":"s","year":1}`, 400, []view.FieldError{
			{Location: "body", Field: "price", Reason: "must be a finite number, not a string"},
			{Location: "query", Field: "limit", Reason: "must be an integer"},
			{Location: "header", Field: "X-Author", Reason: "is required"},
		}},
	} {
		_, err := run(h, nil, nil, newRequest("POST", tc.target, tc.body, "Content-Type", "application/json"))
		var be *Error
		if !errors.As(err, &be) || be.Status != tc.status || !reflect.DeepEqual(be.Fields, tc.want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.name, err, tc.want)
		}
	}
}
