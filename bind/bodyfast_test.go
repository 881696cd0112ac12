package bind

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

type fastKind string

// fastBodyT has a field of every kind fastBody sets, pointers to some,
// names that fold together, and fields encoding/json sees but that are
// not body fields.
type fastBodyT struct {
	Name   string   `json:"name"`
	Nick   *string  `json:"nick"`
	Count  int8     `json:"count"`
	Big    int64    `json:"big"`
	N      int      `json:"n"`
	U      uint16   `json:"u"`
	UP     *uint64  `json:"up"`
	F      float32  `json:"f"`
	G      *float64 `json:"g"`
	Ok     bool     `json:"ok"`
	OkP    *bool    `json:"okp"`
	Kind   fastKind `json:"kind"`
	Ab     string   `json:"ab"`
	AB     string   `json:"AB"`
	Plain  string   // untagged: encoding/json's key is "Plain"
	Header string   `header:"X-H"` // encoding/json's key is "Header"
	Skip   string   `json:"-"`
	//lint:ignore SA5008 encoding/json reads this tag as the key "-", and so must fastBody
	Dash string `json:"-,"`
	//lint:ignore U1000 an unexported field, which encoding/json skips
	hidden string
}

func fastPlanArg(t *testing.T, fn any) *arg {
	t.Helper()
	p, err := Compile(fn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p.args[0]
}

func TestFastBodyEligible(t *testing.T) {
	type embedded struct{ fastBodyT }
	type stringOpt struct {
		N int `json:"n,string"`
	}
	type slice struct {
		Tags []string `json:"tags"`
	}
	type unmarshaler struct {
		When time.Time `json:"when"`
	}
	type nonASCII struct {
		Name string `json:"nämé"`
	}
	type twice struct {
		A string // encoding/json's key is "A", as for B
		B string `json:"A"`
	}
	type iface struct {
		V any `json:"v"`
	}
	for _, tc := range []struct {
		name string
		fn   any
		fast bool
	}{
		{"scalars and pointers", func(fastBodyT) {}, true},
		{"embedded struct", func(embedded) {}, false},
		{"string option", func(stringOpt) {}, false},
		{"slice", func(slice) {}, false},
		{"unmarshaler", func(unmarshaler) {}, false},
		{"non-ASCII name", func(nonASCII) {}, false},
		{"repeated name", func(twice) {}, false},
		{"interface", func(iface) {}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fastPlanArg(t, tc.fn).body.fast != nil; got != tc.fast {
				t.Errorf("fast decoder: %v, want %v", got, tc.fast)
			}
		})
	}
}

// TestFastBody checks which bodies the fast path takes, and what it binds;
// whatever it refuses goes the general way (FuzzBodyFast compares them).
func TestFastBody(t *testing.T) {
	a := fastPlanArg(t, func(fastBodyT) {})
	nick, up, g, okp := "n", uint64(18446744073709551615), -1.5e-3, false
	for _, tc := range []struct {
		body string
		want *fastBodyT // nil: the fast path refuses it
		sent []string
	}{
		{`{}`, &fastBodyT{}, nil},
		{" \r\n\t{ } \n", &fastBodyT{}, nil},
		{`{"name":"ann","nick":"n","count":-128,"big":9007199254740993,"n":0,"u":65535,"up":18446744073709551615,"f":1.5,"g":-1.5e-3,"ok":true,"okp":false,"kind":"k","ab":"x","AB":"y","Plain":"p","-":"d"}`,
			&fastBodyT{Name: "ann", Nick: &nick, Count: -128, Big: 9007199254740993, U: 65535, UP: &up, F: 1.5, G: &g, Ok: true, OkP: &okp, Kind: "k", Ab: "x", AB: "y", Plain: "p", Dash: "d"},
			[]string{"name", "nick", "count", "big", "n", "u", "up", "f", "g", "ok", "okp", "kind", "ab", "AB", "Plain", "-"}},
		{`{"NAME":"a","Ab":"b","plain":"c"}`, &fastBodyT{Name: "a", Ab: "b", Plain: "c"}, []string{"name", "ab", "Plain"}},
		{`{"name":null,"nick":null,"count":null}`, &fastBodyT{}, nil},
		{`{"name":"caf\u00e9 \"q\"\n"}`, &fastBodyT{Name: "café \"q\"\n"}, []string{"name"}},
		{"{\"name\":\"caf\xc3\xa9\"}", &fastBodyT{Name: "café"}, []string{"name"}},
		{"{\"name\":\"\xff\"}", &fastBodyT{Name: "\ufffd"}, []string{"name"}},
		{`{"n":-0,"f":-0,"big":-9223372036854775808}`, &fastBodyT{Big: -9223372036854775808}, []string{"n", "f", "big"}},

		{`{"count":128}`, nil, nil},           // out of range: a 400 from the general path
		{`{"u":-1}`, nil, nil},                // negative into uint
		{`{"n":1.0}`, nil, nil},               // not an integer
		{`{"n":1e2}`, nil, nil},               // not an integer
		{`{"n":01}`, nil, nil},                // invalid JSON
		{`{"name":1}`, nil, nil},              // type mismatch
		{`{"ok":"true"}`, nil, nil},           // type mismatch
		{`{"name":"a","name":"b"}`, nil, nil}, // repeated key
		{`{"extra":1}`, nil, nil},             // unknown key
		{`{"Header":"h"}`, nil, nil},          // encoding/json would set a non-body field
		{`{"Skip":"s"}`, nil, nil},            // unknown: json:"-"
		{`{"n\u0061me":"a"}`, nil, nil},       // escaped key
		{`{"name":"a"} x`, nil, nil},          // data after the value
		{`{"name":"a"`, nil, nil},             // truncated
		{`{"name":"a",}`, nil, nil},           // trailing comma
		{`{"name":"a\x"}`, nil, nil},          // bad escape
		{"{\"name\":\"a\tb\"}", nil, nil},     // control byte in a string
		{`{"ok":truex}`, nil, nil},
		{`{"ok":nul}`, nil, nil},
		{`[]`, nil, nil},
		{``, nil, nil},
		{`null`, nil, nil},
	} {
		t.Run(tc.body, func(t *testing.T) {
			var got fastBodyT
			sent, ok := a.body.fast.decode([]byte(tc.body), reflect.ValueOf(&got).UnsafePointer())
			if ok != (tc.want != nil) {
				t.Fatalf("decode: ok %v, want %v", ok, tc.want != nil)
			}
			if !ok {
				return
			}
			if !reflect.DeepEqual(got, *tc.want) {
				t.Errorf("decoded %+v\nwant    %+v", got, *tc.want)
			}
			var want uint64
			for _, f := range a.body.fields {
				for _, name := range tc.sent {
					if f.name == name {
						want |= f.bit
					}
				}
			}
			if sent != want {
				t.Errorf("sent %b, want %b", sent, want)
			}
		})
	}
}

// FuzzBodyFast is the differential test for the fast body decoder: binding
// a body with it and without it gives the same values, presence bits and
// errors, whether unknown keys are refused or allowed.
func FuzzBodyFast(f *testing.F) {
	for _, s := range []string{
		`{"name":"ann","nick":"n","count":-128,"big":1,"u":2,"up":3,"f":1.5,"g":-1e-3,"ok":true,"okp":false,"kind":"k"}`,
		`{"NAME":"a","Ab":"b","aB":"c","plain":"d","-":"e"}`, `{"count":128}`, `{"name":1,"extra":2}`,
		`{"name":"a\u00e9\ud800"}`, "{\"name\":\"\xff\"}", `{"Header":"h","name":"x"}`, `{"name":null,"name":"b"}`,
		`{"n":1.0}`, `{"f":1e39}`, `{"g":1e400}`, `{"u":-0}`, `{} `, `{"ok":nul}`, `{"a":[1]}`,
	} {
		f.Add(s)
	}
	p, err := Compile(func(fastBodyT) {}, Options{})
	if err != nil {
		f.Fatal(err)
	}
	a := p.args[0]
	fast := a.body.fast
	if fast == nil {
		f.Fatal("fastBodyT has no fast decoder")
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, allow := range []bool{false, true} {
			p.unknown = allow
			bind := func(fb *fastBody) (reflect.Value, uint64, collector, error) {
				a.body.fast = fb
				v := reflect.New(a.typ).Elem()
				var c collector
				sent, err := p.bindBody(a, newRequest("POST", "/", body, "Content-Type", "application/json"), v, 0, &c)
				return v, sent, c, err
			}
			fv, fs, fc, fe := bind(fast)
			sv, ss, sc, se := bind(nil)
			if fs != ss || fmt.Sprint(fe) != fmt.Sprint(se) || !reflect.DeepEqual(fc, sc) || !reflect.DeepEqual(fv.Interface(), sv.Interface()) {
				t.Fatalf("%q (allow unknown %v):\nfast    %+v %b %v %+v\ngeneral %+v %b %v %+v", body, allow, fv, fs, fe, fc, sv, ss, se, sc)
			}
		}
	})
}
