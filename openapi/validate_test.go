package openapi

import (
	"reflect"
	"testing"
)

func TestValidateTags(t *testing.T) {
	str := reflect.TypeFor[string]()
	num := reflect.TypeFor[int32]()
	flt := reflect.TypeFor[float64]()
	list := reflect.TypeFor[[]string]()
	dict := reflect.TypeFor[map[string]int8]()
	for _, tc := range []struct {
		typ      reflect.Type
		tag      string
		want     string
		required bool
	}{
		{str, "", `{"type":"string"}`, false},
		{str, "required", `{"type":"string"}`, true},
		{str, "omitempty,min=2", `{"type":"string","minLength":2}`, false},
		{str, "required,max=10", `{"type":"string","maxLength":10}`, true},
		{str, "len=4", `{"type":"string","minLength":4,"maxLength":4}`, false},
		{str, "gt=2,lt=5", `{"type":"string","minLength":3,"maxLength":4}`, false},
		{str, "gte=1,lte=3", `{"type":"string","minLength":1,"maxLength":3}`, false},
		{str, "lt=0", `{"type":"string"}`, false},
		{str, "min=x", `{"type":"string"}`, false},
		{str, "oneof=red green 'light blue'", `{"type":"string","enum":["red","green","light blue"]}`, false},
		{str, "eq=yes", `{"type":"string","enum":["yes"]}`, false},
		{str, "email", `{"type":"string","format":"email"}`, false},
		{str, "uuid4", `{"type":"string","format":"uuid"}`, false},
		{str, "url", `{"type":"string","format":"uri"}`, false},
		{str, "uri", `{"type":"string","format":"uri"}`, false},
		{str, "ipv4", `{"type":"string","format":"ipv4"}`, false},
		{str, "ipv6", `{"type":"string","format":"ipv6"}`, false},
		{str, "ip", `{"type":"string","anyOf":[{"format":"ipv4"},{"format":"ipv6"}]}`, false},
		{str, "hostname", `{"type":"string","format":"hostname"}`, false},
		{str, "datetime=2006-01-02", `{"type":"string","format":"date"}`, false},
		{str, "datetime=2006-01-02T15:04:05Z07:00", `{"type":"string","format":"date-time"}`, false},
		{str, "datetime=15:04", `{"type":"string"}`, false},
		{str, "base64", `{"type":"string","contentEncoding":"base64"}`, false},
		{str, "json", `{"type":"string","contentMediaType":"application/json"}`, false},
		{str, "alpha", `{"type":"string","pattern":"^[a-zA-Z]+$"}`, false},
		{str, "alphanum,startswith=x", `{"type":"string","pattern":"^[a-zA-Z0-9]+$"}`, false},
		{str, "startswith=a.b", `{"type":"string","pattern":"^a\\.b"}`, false},
		{str, "endswith=!", `{"type":"string","pattern":"!$"}`, false},
		{str, "contains=+", `{"type":"string","pattern":"\\+"}`, false},
		{str, "email|uuid", `{"type":"string"}`, false},
		{str, "custom_rule,excluded_with=X", `{"type":"string"}`, false},
		{reflect.TypeFor[*string](), "omitempty,min=1,email", `{"type":["string","null"],"minLength":1,"format":"email"}`, false},
		{reflect.TypeFor[*string](), "oneof=a b", `{"type":["string","null"],"enum":["a","b",null]}`, false},
		{reflect.TypeFor[*int](), "eq=3", `{"type":["integer","null"],"format":"int64","enum":[3,null]}`, false},
		{num, "min=1,max=100", `{"type":"integer","format":"int32","minimum":1,"maximum":100}`, false},
		{num, "gt=0,lt=10", `{"type":"integer","format":"int32","exclusiveMinimum":0,"exclusiveMaximum":10}`, false},
		{num, "gte=-5,lte=5", `{"type":"integer","format":"int32","minimum":-5,"maximum":5}`, false},
		{num, "len=3", `{"type":"integer","format":"int32","minimum":3,"maximum":3}`, false},
		{num, "oneof=1 2 3", `{"type":"integer","format":"int32","enum":[1,2,3]}`, false},
		{num, "oneof=1 two", `{"type":"integer","format":"int32"}`, false},
		{num, "email", `{"type":"integer","format":"int32"}`, false},
		{reflect.TypeFor[uint64](), "max=18446744073709551615", `{"type":"integer","minimum":0,"maximum":18446744073709551615}`, false},
		{reflect.TypeFor[uint](), "min=1", `{"type":"integer","minimum":1}`, false},
		{flt, "min=0.5,lt=1e3", `{"type":"number","format":"double","minimum":0.5,"exclusiveMaximum":1e3}`, false},
		{flt, "min=NaN", `{"type":"number","format":"double"}`, false},
		{list, "min=1,max=3,unique", `{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3,"uniqueItems":true}`, false},
		{list, "gt=0", `{"type":"array","items":{"type":"string"},"minItems":1}`, false},
		{list, "required,dive,required,email", `{"type":"array","items":{"type":"string","format":"email"}}`, true},
		{reflect.TypeFor[[][]int8](), "dive,max=2,dive,min=1", `{"type":"array","items":{"type":"array","items":{"type":"integer","minimum":1},"maxItems":2}}`, false},
		{reflect.TypeFor[[2]string](), "dive,oneof=a b", `{"type":"array","items":{"type":"string","enum":["a","b"]},"minItems":2,"maxItems":2}`, false},
		{dict, "min=1,max=9", `{"type":"object","additionalProperties":{"type":"integer"},"minProperties":1,"maxProperties":9}`, false},
		{dict, "dive,keys,min=2,endkeys,max=5", `{"type":"object","additionalProperties":{"type":"integer","maximum":5}}`, false},
		{reflect.TypeFor[[]byte](), "max=10", `{"type":"string","contentEncoding":"base64"}`, false},
		{reflect.TypeFor[inner](), "required", `{"$ref":"#/components/schemas/inner"}`, true},
		{reflect.TypeFor[*inner](), "required,min=1", `{"anyOf":[{"$ref":"#/components/schemas/inner"},{"type":"null"}]}`, true},
	} {
		t.Run(tc.typ.String()+" "+tc.tag, func(t *testing.T) {
			g := NewGenerator()
			s, required := g.field(tc.typ, tc.tag)
			g.Components()
			if got := jsonOf(t, s); !sameJSON(t, got, tc.want) || required != tc.required {
				t.Errorf("got %s, required %v\nwant %s, required %v", got, required, tc.want, tc.required)
			}
		})
	}
}

// TestValidateTagsCopy checks that rules never change a schema another
// field shares.
func TestValidateTagsCopy(t *testing.T) {
	g := NewGenerator()
	base := g.Schema(reflect.TypeFor[[]string]())
	before := jsonOf(t, base)
	r := parseValidate("min=1,dive,max=3")
	after := r.apply(g, base)
	if jsonOf(t, base) != before || after == base || after.Items == base.Items {
		t.Errorf("apply changed its input: %s -> %s", before, jsonOf(t, base))
	}
}

func TestOneofValues(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a b  c", []string{"a", "b", "c"}},
		{"'a b' c", []string{"a b", "c"}},
		{"'unclosed c", []string{"'unclosed", "c"}},
		{"", nil},
	} {
		if got := oneofValues(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("oneofValues(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
