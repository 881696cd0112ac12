package openapi

import (
	"encoding/json"
	"mime/multipart"
	"net/netip"
	"reflect"
	"testing"
	"time"
)

// jsonOf marshals v for comparisons.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sameJSON reports whether two JSON texts hold the same value.
func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("%v in %s", err, a)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return reflect.DeepEqual(x, y)
}

type (
	plain struct {
		A string `json:"a"`
		B int    `json:"b,omitempty"`
		C bool
		d int    //lint:ignore U1000 unexported fields are left out
		E string `json:"-"`
	}
	inner struct {
		X int `json:"x"`
		Y int `json:"y"`
	}
	outer struct {
		inner        // promoted, though unexported
		Y     string `json:"y"` // shallower: wins over inner.Y
		Named inner  `json:"named"`
	}
	ptrEmbed struct {
		*inner
		Z int `json:"z"`
	}
	clashA struct {
		V int
	}
	clashB struct {
		V string
	}
	clash struct { // two V at one depth, neither dominant: both dropped
		clashA
		clashB
		W int `json:"w"`
	}
	deep struct {
		V string
	}
	clashC struct {
		X int `json:"V"`
	}
	taggedWins struct { // two V at one depth, one tagged: it wins
		clashB
		clashC
	}
	tagged struct {
		deep
		V2 int `json:"V"` // shallower
	}
	quoted struct {
		N int64  `json:"n,string"`
		P *bool  `json:"p,string"`
		T string `json:"t,string"`
		// Rules that bound the number, not the quoted text's length.
		R int `json:"r,string" validate:"required,min=1,max=9"`
	}
	list  struct{ Next *list }
	tree  map[string]tree
	chain []chain
	text  struct{}
	jsonM struct{}
	skip  struct {
		C  chan int
		F  func()
		K  complex128
		M  map[[2]int]string
		OK int
	}
	generic[T any] struct {
		Items []T `json:"items"`
	}
	self struct{}
)

func (text) MarshalText() ([]byte, error)   { return nil, nil }
func (*jsonM) MarshalJSON() ([]byte, error) { return nil, nil }
func (*self) OpenAPISchema(g *Generator) *Schema {
	return &Schema{Type: Types{"string"}, Enum: []any{"a", "b"}}
}

func TestSchema(t *testing.T) {
	for _, tc := range []struct {
		name       string
		typ        reflect.Type
		want       string // the schema
		components string // the components, when there are any
	}{
		{"bool", reflect.TypeFor[bool](), `{"type":"boolean"}`, ""},
		{"int", reflect.TypeFor[int](), `{"type":"integer","format":"int64"}`, ""},
		{"int32", reflect.TypeFor[int32](), `{"type":"integer","format":"int32"}`, ""},
		{"int8", reflect.TypeFor[int8](), `{"type":"integer"}`, ""},
		{"uint16", reflect.TypeFor[uint16](), `{"type":"integer","minimum":0}`, ""},
		{"float32", reflect.TypeFor[float32](), `{"type":"number","format":"float"}`, ""},
		{"float64", reflect.TypeFor[float64](), `{"type":"number","format":"double"}`, ""},
		{"string", reflect.TypeFor[string](), `{"type":"string"}`, ""},
		{"pointer", reflect.TypeFor[*string](), `{"type":["string","null"]}`, ""},
		{"pointer to pointer", reflect.TypeFor[**int](), `{"type":["integer","null"],"format":"int64"}`, ""},
		{"slice", reflect.TypeFor[[]int32](), `{"type":"array","items":{"type":"integer","format":"int32"}}`, ""},
		{"array", reflect.TypeFor[[3]bool](), `{"type":"array","items":{"type":"boolean"},"minItems":3,"maxItems":3}`, ""},
		{"bytes", reflect.TypeFor[[]byte](), `{"type":"string","contentEncoding":"base64"}`, ""},
		{"byte array", reflect.TypeFor[[2]byte](), `{"type":"array","items":{"type":"integer","minimum":0},"minItems":2,"maxItems":2}`, ""},
		{"map", reflect.TypeFor[map[string]float64](), `{"type":"object","additionalProperties":{"type":"number","format":"double"}}`, ""},
		{"map int keys", reflect.TypeFor[map[int]bool](), `{"type":"object","additionalProperties":{"type":"boolean"},"propertyNames":{"pattern":"^-?[0-9]+$"}}`, ""},
		{"map uint keys", reflect.TypeFor[map[uint8]bool](), `{"type":"object","additionalProperties":{"type":"boolean"},"propertyNames":{"pattern":"^[0-9]+$"}}`, ""},
		{"map TextMarshaler keys", reflect.TypeFor[map[netip.Addr]int8](), `{"type":"object","additionalProperties":{"type":"integer"}}`, ""},
		{"map of unsupported keys", reflect.TypeFor[map[[2]int]int](), `null`, ""},
		{"interface", reflect.TypeFor[any](), `{}`, ""},
		{"time", reflect.TypeFor[time.Time](), `{"type":"string","format":"date-time"}`, ""},
		{"time pointer", reflect.TypeFor[*time.Time](), `{"type":["string","null"],"format":"date-time"}`, ""},
		{"duration", reflect.TypeFor[time.Duration](), `{"type":"integer","format":"int64"}`, ""},
		{"json.Number", reflect.TypeFor[json.Number](), `{"type":"number"}`, ""},
		{"json.RawMessage", reflect.TypeFor[json.RawMessage](), `{}`, ""},
		{"TextMarshaler", reflect.TypeFor[text](), `{"type":"string"}`, ""},
		{"TextMarshaler in the standard library", reflect.TypeFor[netip.Addr](), `{"type":"string"}`, ""},
		{"Marshaler, pointer receiver", reflect.TypeFor[jsonM](), `{}`, ""},
		{"SchemaDescriber", reflect.TypeFor[self](), `{"type":"string","enum":["a","b"]}`, ""},
		{"SchemaDescriber pointer", reflect.TypeFor[*self](), `{"type":["string","null"],"enum":["a","b",null]}`, ""},
		{"file", reflect.TypeFor[*multipart.FileHeader](), `{"type":["string","null"],"contentMediaType":"application/octet-stream"}`, ""},
		{"chan", reflect.TypeFor[chan int](), `null`, ""},
		{"anonymous struct", reflect.TypeFor[struct {
			A int `json:"a"`
		}](), `{"type":"object","properties":{"a":{"type":"integer","format":"int64"}}}`, ""},
		{"empty struct", reflect.TypeFor[struct{}](), `{"type":"object"}`, ""},
		{"named struct", reflect.TypeFor[plain](), `{"$ref":"#/components/schemas/plain"}`,
			`{"plain":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer","format":"int64"},"C":{"type":"boolean"}}}}`},
		{"pointer to a named struct", reflect.TypeFor[*inner](), `{"anyOf":[{"$ref":"#/components/schemas/inner"},{"type":"null"}]}`,
			`{"inner":{"type":"object","properties":{"x":{"type":"integer","format":"int64"},"y":{"type":"integer","format":"int64"}}}}`},
		{"embedded", reflect.TypeFor[outer](), `{"$ref":"#/components/schemas/outer"}`,
			`{"outer":{"type":"object","properties":{"x":{"type":"integer","format":"int64"},"y":{"type":"string"},"named":{"$ref":"#/components/schemas/inner"}}},
			  "inner":{"type":"object","properties":{"x":{"type":"integer","format":"int64"},"y":{"type":"integer","format":"int64"}}}}`},
		{"embedded pointer", reflect.TypeFor[ptrEmbed](), `{"$ref":"#/components/schemas/ptrEmbed"}`,
			`{"ptrEmbed":{"type":"object","properties":{"x":{"type":"integer","format":"int64"},"y":{"type":"integer","format":"int64"},"z":{"type":"integer","format":"int64"}}}}`},
		{"ambiguous fields dropped", reflect.TypeFor[clash](), `{"$ref":"#/components/schemas/clash"}`,
			`{"clash":{"type":"object","properties":{"w":{"type":"integer","format":"int64"}}}}`},
		{"shallower field wins", reflect.TypeFor[tagged](), `{"$ref":"#/components/schemas/tagged"}`,
			`{"tagged":{"type":"object","properties":{"V":{"type":"integer","format":"int64"}}}}`},
		{"tagged field wins at its depth", reflect.TypeFor[taggedWins](), `{"$ref":"#/components/schemas/taggedWins"}`,
			`{"taggedWins":{"type":"object","properties":{"V":{"type":"integer","format":"int64"}}}}`},
		{",string", reflect.TypeFor[quoted](), `{"$ref":"#/components/schemas/quoted"}`,
			`{"quoted":{"type":"object","properties":{"n":{"type":"string"},"p":{"type":["string","null"]},"t":{"type":"string"},"r":{"type":"string"}},"required":["r"]}}`},
		{"recursive struct", reflect.TypeFor[list](), `{"$ref":"#/components/schemas/list"}`,
			`{"list":{"type":"object","properties":{"Next":{"anyOf":[{"$ref":"#/components/schemas/list"},{"type":"null"}]}}}}`},
		{"recursive map", reflect.TypeFor[tree](), `{"$ref":"#/components/schemas/tree"}`,
			`{"tree":{"type":"object","additionalProperties":{"$ref":"#/components/schemas/tree"}}}`},
		{"recursive slice", reflect.TypeFor[chain](), `{"$ref":"#/components/schemas/chain"}`,
			`{"chain":{"type":"array","items":{"$ref":"#/components/schemas/chain"}}}`},
		{"unsupported fields left out", reflect.TypeFor[skip](), `{"$ref":"#/components/schemas/skip"}`,
			`{"skip":{"type":"object","properties":{"OK":{"type":"integer","format":"int64"}}}}`},
		{"generic", reflect.TypeFor[generic[inner]](), `{"$ref":"#/components/schemas/genericInner"}`,
			`{"genericInner":{"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/inner"}}}},
			  "inner":{"type":"object","properties":{"x":{"type":"integer","format":"int64"},"y":{"type":"integer","format":"int64"}}}}`},
		{"generic of builtins", reflect.TypeFor[generic[map[string]int]](), `{"$ref":"#/components/schemas/genericMapStringInt"}`,
			`{"genericMapStringInt":{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","additionalProperties":{"type":"integer","format":"int64"}}}}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGenerator()
			s := g.Schema(tc.typ)
			c := g.Components()
			if got := jsonOf(t, s); !sameJSON(t, got, tc.want) {
				t.Errorf("Schema(%s)\n got %s\nwant %s", tc.typ, got, tc.want)
			}
			want := tc.components
			if want == "" {
				want = "{}"
			}
			if got := jsonOf(t, c); !sameJSON(t, got, want) {
				t.Errorf("Components after Schema(%s)\n got %s\nwant %s", tc.typ, got, want)
			}
		})
	}
}

// TestSchemaShared checks that a component is built once and every
// reference to it is filled in.
func TestSchemaShared(t *testing.T) {
	g := NewGenerator()
	a, b := g.Schema(reflect.TypeFor[inner]()), g.Schema(reflect.TypeFor[[]inner]())
	c := g.Components()
	if len(c) != 1 || a.Ref != "#/components/schemas/inner" || b.Items.Ref != a.Ref {
		t.Errorf("components %v, references %q and %q", c, a.Ref, b.Items.Ref)
	}
}

func TestTypesJSON(t *testing.T) {
	for _, tc := range []struct {
		types Types
		json  string
	}{
		{Types{"string"}, `"string"`},
		{Types{"string", "null"}, `["string","null"]`},
	} {
		if got := jsonOf(t, tc.types); got != tc.json {
			t.Errorf("%v: %s, want %s", tc.types, got, tc.json)
		}
		var back Types
		if err := json.Unmarshal([]byte(tc.json), &back); err != nil || !reflect.DeepEqual(back, tc.types) {
			t.Errorf("%s: unmarshalled %v, %v", tc.json, back, err)
		}
	}
	var s Schema
	if err := json.Unmarshal([]byte(`{"type":3}`), &s); err == nil {
		t.Error("type 3 was accepted")
	}
}
