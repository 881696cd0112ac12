package openapi

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzValidateTag maps arbitrary validate tags on values of every kind:
// whatever a tag holds, the schema must marshal to JSON (no invalid
// number from a bound, say) and must not share state with another field's.
func FuzzValidateTag(f *testing.F) {
	for _, tag := range []string{
		"required,min=1,max=100", "omitempty,oneof=a 'b c' d", "gt=-1,lt=1e3", "len=18446744073709551616",
		"dive,keys,min=1,endkeys,max=2", "max=5,dive,required,email", "eq=0x10", "min=+1", "startswith=(",
		"datetime=2006-01-02", "ip|email", "dive,dive,min=1", "lt=-9223372036854775808",
	} {
		f.Add(tag)
	}
	types := []reflect.Type{
		reflect.TypeFor[string](), reflect.TypeFor[*int](), reflect.TypeFor[float32](), reflect.TypeFor[[]string](),
		reflect.TypeFor[[2][]uint8](), reflect.TypeFor[map[string]*float64](), reflect.TypeFor[inner](), reflect.TypeFor[*inner](),
		reflect.TypeFor[[]byte](), reflect.TypeFor[any](),
	}
	f.Fuzz(func(t *testing.T, tag string) {
		g := NewGenerator()
		for _, typ := range types {
			base := jsonOf(t, g.Schema(typ))
			s, _ := g.field(typ, tag)
			b, err := json.Marshal(s)
			if err != nil {
				t.Fatalf("%s with %q: %v", typ, tag, err)
			}
			if !json.Valid(b) {
				t.Fatalf("%s with %q: invalid JSON %s", typ, tag, b)
			}
			if again := jsonOf(t, g.Schema(typ)); again != base {
				t.Fatalf("%s with %q changed the type's schema: %s -> %s", typ, tag, base, again)
			}
		}
	})
}
