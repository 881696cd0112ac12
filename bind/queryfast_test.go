package bind

import (
	"math"
	"reflect"
	"testing"
)

// sameValue is reflect.DeepEqual, except that NaN equals NaN.
func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y && math.Signbit(x) == math.Signbit(y) || math.IsNaN(x) && math.IsNaN(y)
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

type fastQueryStruct struct {
	S   string   `query:"s"`
	I   int      `query:"i"`
	I8  int8     `query:"i8"`
	U16 uint16   `query:"u16"`
	U64 uint64   `query:"u64"`
	F32 float32  `query:"f32"`
	F64 float64  `query:"f64"`
	B   bool     `query:"b"`
	PI  *int     `query:"pi"`
	PS  *string  `query:"ps"`
	L   level    `query:"l"`   // named: never on the fast path
	Tag []string `query:"tag"` // slice: never on the fast path
	N   filter   `query:"n"`   // nested: never on the fast path
}

// bindBoth binds raw through the full path (fast first) and through the
// gorilla/schema path alone.
func bindBoth(t *testing.T, p *Plan, raw string) (fast, slow reflect.Value, fastSent, slowSent uint64, fastC, slowC collector, took bool) {
	a := p.args[0]
	fast = reflect.New(a.typ).Elem()
	slow = reflect.New(a.typ).Elem()
	_, took = a.query.fastQuery(raw, reflect.New(a.typ).Elem())
	fastSent = p.bindQuery(a, raw, fast, &fastC, true)
	slowSent = p.bindQuery(a, raw, slow, &slowC, false)
	return
}

func compileFast(t testing.TB) *Plan {
	p, err := Compile(func(fastQueryStruct) {}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestQueryFastPathTaken(t *testing.T) {
	p := compileFast(t)
	for _, tc := range []struct {
		raw  string
		fast bool
	}{
		{"s=x&i=-5&i8=127&u16=65535&u64=1&f32=1.5&f64=-2e10&b=on&pi=3&ps=", true},
		{"f64=NaN", false}, // not a number a client may send: the full path reports it
		{"f32=-Inf", false},
		{"s=a+b%20c&b=true", true},
		{"i=128&i8=128", false}, // overflow: the full path reports it
		{"s=x&s=y", false},      // repeated key
		{"i=", false},           // empty value for a number
		{"l=low", false},        // named type
		{"tag=a", false},        // slice
		{"n.name=x", false},     // nested
		{"x=1", false},          // unknown key
		{"s=%zz", false},        // bad escape
		{"s=1;i=2", false},      // semicolon
		{"%73=x", false},        // escaped key
		{"&&s=x&&", true},       // empty pairs are skipped by both paths
	} {
		fast, slow, fs, ss, fc, sc, took := bindBoth(t, p, tc.raw)
		if took != tc.fast {
			t.Errorf("%q: fast path taken = %v, want %v", tc.raw, took, tc.fast)
		}
		if !sameValue(fast, slow) || fs != ss || !reflect.DeepEqual(fc, sc) {
			t.Errorf("%q: fast %+v %b %v; slow %+v %b %v", tc.raw, fast, fs, fc, slow, ss, sc)
		}
	}
}

// FuzzQueryFastPath is the differential test for the fast path: on every
// input, binding with the fast path enabled gives the same values, the
// same presence and the same errors as gorilla/schema alone.
func FuzzQueryFastPath(f *testing.F) {
	for _, s := range []string{
		"s=x&i=-5&i8=127&u16=65535&u64=18446744073709551615&f32=1e39&f64=-0&b=on&pi=3&ps=",
		"b=TRUE&b=0", "i=0x10", "i=+5", "u16=-1", "f64=Inf&f32=nan", "pi=&ps=a", "s=%E2%82%AC+x", "l=high&tag=a&n.max=3",
		"&=&", "i=1&&&&&&&&&&&&&&&&&&&&&&&i8=2", "s=a=b", "i= 1",
	} {
		f.Add(s)
	}
	p := compileFast(f)
	f.Fuzz(func(t *testing.T, raw string) {
		fast, slow, fs, ss, fc, sc, _ := bindBoth(t, p, raw)
		if !sameValue(fast, slow) || fs != ss || !reflect.DeepEqual(fc, sc) {
			t.Fatalf("%q: fast %+v %b %v; slow %+v %b %v", raw, fast, fs, fc, slow, ss, sc)
		}
	})
}
