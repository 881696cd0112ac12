package bind

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/tideway-go/tideway/view"
)

type setterInt int16

// setterTypes are the field types fastTextSetter handles.
var setterTypes = []reflect.Type{
	reflect.TypeFor[string](), reflect.TypeFor[bool](),
	reflect.TypeFor[int](), reflect.TypeFor[int8](), reflect.TypeFor[int16](), reflect.TypeFor[int32](), reflect.TypeFor[int64](),
	reflect.TypeFor[uint](), reflect.TypeFor[uint8](), reflect.TypeFor[uint16](), reflect.TypeFor[uint32](), reflect.TypeFor[uint64](),
	reflect.TypeFor[float32](), reflect.TypeFor[float64](), reflect.TypeFor[setterInt](),
}

// sameAsParser checks that fastTextSetter and scalarParser give the same
// value and the same reason for s, for every type of setterTypes.
func sameAsParser(t *testing.T, s string) {
	t.Helper()
	for _, typ := range setterTypes {
		set := fastTextSetter(typ)
		if set == nil {
			t.Fatalf("no textSetter for %s", typ)
		}
		fast, slow := reflect.New(typ), reflect.New(typ)
		ferr := set(fast.UnsafePointer(), s)
		serr := scalarParser(typ)(s, slow.Elem())
		if fmt.Sprint(ferr) != fmt.Sprint(serr) || (ferr == nil && !reflect.DeepEqual(fast.Elem().Interface(), slow.Elem().Interface())) {
			t.Errorf("%s from %q: setter %v, %v; parser %v, %v", typ, s, fast.Elem(), ferr, slow.Elem(), serr)
		}
	}
}

func TestTextSetterSameAsParser(t *testing.T) {
	for _, s := range []string{
		"", "0", "-0", "-1", "1", "127", "128", "-128", "-129", "255", "256", "32767", "32768", "65535", "65536",
		"2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "18446744073709551616", "1e3", "1.5", "-1.5", "3.4e38", "3.5e38", "1e309", "NaN", "Inf",
		"+1", "0x10", "1_000", "true", "false", "t", "F", "TRUE", "x", "café", " 1",
	} {
		sameAsParser(t, s)
	}
}

// FuzzTextSetter holds the unsafe setters of path and header fields to
// the reflection parsers on every input.
func FuzzTextSetter(f *testing.F) {
	for _, s := range []string{"0", "-129", "1e3", "NaN", "true", "18446744073709551616", "3.5e38"} {
		f.Add(s)
	}
	f.Fuzz(sameAsParser)
}

// TestFieldOffset checks fieldOffset on direct, embedded and pointer
// embedded fields.
func TestFieldOffset(t *testing.T) {
	type inner struct {
		A int8
		B string
	}
	type outer struct {
		X int32
		inner
		*byID
	}
	typ := reflect.TypeFor[outer]()
	for _, tc := range []struct {
		index []int
		want  uintptr
		ok    bool
	}{
		{[]int{0}, 0, true},
		{[]int{1, 1}, typ.Field(1).Offset + reflect.TypeFor[inner]().Field(1).Offset, true},
		{[]int{2, 0}, 0, false},
	} {
		got, ok := fieldOffset(typ, tc.index)
		if got != tc.want || ok != tc.ok {
			t.Errorf("fieldOffset(%v) = %d, %v; want %d, %v", tc.index, got, ok, tc.want, tc.ok)
		}
	}
}

// plainIn is bound without reflection (arg.plain): path, header and
// state fields of plain types, nothing validated.
type plainIn struct {
	ID    uint64    `path:"id"`
	Name  string    `path:"name"`
	N     int8      `header:"X-N"`
	F     float32   `header:"X-F"`
	State *appState `state:""`
}

// TestPlainFill checks binding through fillPlain: values, the zero value
// of a header not sent, errors of every bad field in one answer, and
// pooled storage reused across requests.
func TestPlainFill(t *testing.T) {
	p, err := Compile(func(in plainIn) plainIn { return in }, Options{Params: []string{"id", "name"}, States: []any{&appState{Name: "state"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !p.args[0].plain || !p.plain || !p.zero {
		t.Fatalf("plainIn: arg plain %v, plan plain %v, zero %v; want all true", p.args[0].plain, p.plain, p.zero)
	}
	// Both ways through Call, callPlain's and the general one, give the
	// same answers; the second request of each round shows that the
	// pooled struct was zeroed.
	for _, short := range []bool{true, false} {
		p.plain = short
		plainFillRound(t, p)
	}
	// Path and state fields are set on every request: nothing to zero.
	type byID struct {
		ID int `path:"id"`
	}
	type withState struct {
		S *appState `state:""`
	}
	full, err := Compile(func(byID, withState) (int, error) { return 0, nil }, Options{Params: []string{"id"}, States: []any{&appState{}}})
	if err != nil {
		t.Fatal(err)
	}
	if !full.plain || full.zero {
		t.Errorf("path and state structs: plan plain %v, zero %v; want true, false", full.plain, full.zero)
	}
}

func plainFillRound(t *testing.T, p *Plan) {
	t.Helper()
	for _, tc := range []struct {
		path    pathValues
		headers []string
		want    plainIn
		errs    []view.FieldError
	}{
		{pathValues{"7", "caf%C3%A9"}, []string{"X-N", "-128", "X-F", "1.5"}, plainIn{ID: 7, Name: "café", N: -128, F: 1.5}, nil},
		{pathValues{"8", "b"}, nil, plainIn{ID: 8, Name: "b"}, nil},
		{pathValues{"x", "c"}, []string{"X-N", "128", "X-F", "NaN"}, plainIn{}, []view.FieldError{
			{Location: "path", Field: "id", Reason: "must be a non-negative integer"},
			{Location: "header", Field: "X-N", Reason: "out of range for an 8-bit integer"},
			{Location: "header", Field: "X-F", Reason: "must be a finite number"},
		}},
	} {
		out, err := p.Call(newResponse(), newRequest("GET", "/", "", tc.headers...), tc.path, 0)
		var be *Error
		switch {
		case tc.errs != nil:
			if !errors.As(err, &be) || be.Status != 400 || !reflect.DeepEqual(be.Fields, tc.errs) {
				t.Errorf("%v: err %v, want %v", tc.path, err, tc.errs)
			}
		case err != nil:
			t.Errorf("%v: %v", tc.path, err)
		default:
			got := out.(plainIn)
			if got.State == nil || got.State.Name != "state" {
				t.Errorf("%v: state %v", tc.path, got.State)
			}
			got.State = nil
			if got != tc.want {
				t.Errorf("%v: bound %+v, want %+v", tc.path, got, tc.want)
			}
		}
	}
}
