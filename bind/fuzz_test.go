package bind

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/gorilla/schema"
)

// checkBindError fails unless err is nil or a client error with a status
// in 400..499 and at least one field.
func checkBindError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var sc interface{ StatusCode() int }
	if !errors.As(err, &sc) || sc.StatusCode() < 400 || sc.StatusCode() > 499 {
		t.Fatalf("err %v (%T) is not a client error", err, err)
	}
	var be *Error
	if errors.As(err, &be) && len(be.Fields) == 0 {
		t.Fatalf("*Error with no fields")
	}
	if be != nil {
		for _, f := range be.Fields {
			for _, leak := range goWords {
				if strings.Contains(f.Reason, leak) {
					t.Fatalf("reason %q for %s names Go internals (%q)", f.Reason, f.Key(), leak)
				}
			}
		}
	}
}

// goWords are words of Go's and gorilla/schema's own error texts that a
// reason for a client must never carry.
var goWords = []string{"schema", "converter", "reflect", "struct {", "interface", "go.shape", "strconv", "Unmarshal", "invalid syntax"}

// FuzzQuery binds arbitrary query strings into a struct with every kind of
// query field. It must never panic, and every failure is a 400 or 422.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"limit=5&tag=a&tag=b", "items.0.name=x", "items.-1.name=x", "a.-1.x=1", "items.99999999999999999999.name=x",
		"filter.max=256", "since=2026-01-02T03:04:05Z", "page=1;x=2", "%zz", "flag=maybe", "ratio=NaN", "items.0.name=a&items.5.name=b",
		// Keys that stop at a struct, miss an index or go too deep: the
		// reasons once carried gorilla/schema's text, naming Go types.
		"filter=1", "items=x", "items.0=x", "filter.max.x=1", "items.0.name.x=1", "since.0=x",
	} {
		f.Add(s)
	}
	p, err := Compile(func(q query) query { return q }, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		_, err := p.Call(newResponse(), newRequest("GET", "/?"+raw, ""), noPath{}, 0)
		checkBindError(t, err)
	})
}

// FuzzBody binds arbitrary bodies. It must never panic, and every failure
// is a client error.
func FuzzBody(f *testing.F) {
	for _, s := range []string{
		`{"customer":"a","count":1,"paid":true}`, `{"items":[{"name":"x","qty":1}]}`, `{"count":1e400}`, `{"a":"\u0000"}`,
		`{"Customer":"x"}`, `{"customer":"a"} x`, `[[[[`, `{"note":null}`, `{"\u0063ustomer":"a"}`, ``,
	} {
		f.Add(s)
	}
	p, err := Compile(func(o order) order { return o }, Options{Params: []string{"id"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		_, err := p.Call(newResponse(), newRequest("POST", "/", body, "Content-Type", "application/json"), pathValues{"1"}, 0)
		checkBindError(t, err)
	})
}

// FuzzPathParam parses arbitrary segments into every supported path type.
func FuzzPathParam(f *testing.F) {
	for _, s := range []string{"1", "-1", "18446744073709551616", "NaN", "1e309", "true", "2026-11-22T10:00:00Z", "a%2Fb", "%zz", ""} {
		f.Add(s)
	}
	p, err := Compile(func(p pathTypes) {}, Options{Params: pathNames})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, seg string) {
		vals := make(pathValues, len(pathNames))
		for i := range vals {
			vals[i] = seg
		}
		_, err := p.Call(newResponse(), newRequest("GET", "/", ""), vals, 0)
		checkBindError(t, err)
	})
}

// TestSchemaPanicsOnNegativeIndex documents why checkIndexes exists:
// gorilla/schema v1.4.1 itself panics on a negative slice index. If this
// test starts failing, the upstream bug is fixed; the check stays anyway.
func TestSchemaPanicsOnNegativeIndex(t *testing.T) {
	type inner struct{ X string }
	type outer struct{ A []inner }
	panicked := func() (p bool) {
		defer func() { p = recover() != nil }()
		_ = schema.NewDecoder().Decode(&outer{}, url.Values{"A.-1.X": {"1"}})
		return false
	}()
	if !panicked {
		t.Skip("gorilla/schema no longer panics on a negative index")
	}
	_, err := run(func(q struct {
		A []inner `query:"a"`
	}) {
	}, nil, nil, newRequest("GET", "/?a.-1.x=1", ""))
	var be *Error
	if !errors.As(err, &be) || be.Status != 400 || be.Fields[0].Field != "a.-1.x" {
		t.Fatalf("err = %v", err)
	}
}

type flatBody struct {
	Name  string            `json:"name" validate:"required"`
	Count int8              `json:"count"`
	Ok    *bool             `json:"ok"`
	Tags  []string          `json:"tags"`
	Meta  map[string]string `json:"meta"`
	Any   any               `json:"any"`
	When  string            `json:"When"`
}

// FuzzBodyFlatPath is the differential test for flat body structs: on
// every input, json.Unmarshal with the presence scan finding unknown keys
// binds the same values, presence and errors as the json.Decoder path.
func FuzzBodyFlatPath(f *testing.F) {
	for _, s := range []string{
		`{"name":"a","count":1,"ok":true,"tags":["x"],"meta":{"k":"v"},"any":{"x":[1]}}`,
		`{"name":"a","extra":1}`, `{"NAME":"a","when":"x"}`, `{"count":300}`, `{"count":"x","name":1}`,
		`{"name":"a"} x`, `{"name":`, `{"name":"\u0061","name":"b"}`, `{"ok":null}`, `{}`, `{"a":1,"b":2}`,
	} {
		f.Add(s)
	}
	p, err := Compile(func(flatBody) {}, Options{})
	if err != nil {
		f.Fatal(err)
	}
	a := p.args[0]
	if !a.body.flat {
		f.Fatal("flatBody is not flat")
	}
	f.Fuzz(func(t *testing.T, body string) {
		end, reason := checkShape([]byte(body), 64)
		if reason != "" {
			return // both paths refuse it before decoding
		}
		for _, allow := range []bool{false, true} {
			p.unknown = allow
			fast, slow := reflect.New(a.typ).Elem(), reflect.New(a.typ).Elem()
			var fc, sc collector
			fs := p.decodeFlat(a, []byte(body), end, fast, &fc)
			ss := p.decodeStream(a, []byte(body), slow, &sc)
			if fs != ss || !reflect.DeepEqual(fc, sc) || (len(fc.fields) == 0 && !reflect.DeepEqual(fast.Interface(), slow.Interface())) {
				t.Fatalf("%q (allow unknown %v):\nflat   %+v %b %+v\nstream %+v %b %+v", body, allow, fast, fs, fc, slow, ss, sc)
			}
		}
	})
}

// FuzzShape checks checkShape, with its fast string skipping, against a
// byte-at-a-time reference: the same verdict on every body, and the same
// end of the first object.
func FuzzShape(f *testing.F) {
	for _, s := range []string{
		`{"a":"b"}`, `{"a":"\\"}`, `{"a":"\""} x`, `{"a":"\\\""}`, `{"a":[{"b":"}"}]}]]`, `  {`, `{"`, `{"a\`,
		`[1]`, ``, ` `, `{}{}`, `{"a":"\\\\"}`, `{]`, `{{{{`,
	} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, body string, max int) {
		if max < 1 || max > 100 {
			return
		}
		end, reason := checkShape([]byte(body), max)
		wantEnd, wantReason := shapeReference([]byte(body), max)
		if reason != wantReason || (reason == "" && end != wantEnd) {
			t.Fatalf("checkShape(%q, %d) = %d, %q; want %d, %q", body, max, end, reason, wantEnd, wantReason)
		}
	})
}

// shapeReference is checkShape written the slow, obvious way.
func shapeReference(data []byte, max int) (int, string) {
	i := 0
	for i < len(data) && strings.IndexByte(" \t\r\n", data[i]) >= 0 {
		i++
	}
	if i == len(data) {
		return -1, "is empty; send a JSON object"
	}
	if data[i] != '{' {
		return -1, "must be a JSON object"
	}
	end, depth, inString, escaped := -1, 0, false, false
	for ; i < len(data); i++ {
		c := data[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return -1, fmt.Sprintf("nests deeper than %d levels", max)
			}
		case c == '}' || c == ']':
			depth--
			if depth == 0 && end < 0 {
				end = i + 1
			}
		}
	}
	return end, ""
}
