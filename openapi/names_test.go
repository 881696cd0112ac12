package openapi

import (
	randv1 "math/rand"
	randv2 "math/rand/v2"
	"reflect"
	"testing"

	"github.com/tideway-go/tideway/respond"
)

type Problem struct {
	Code int `json:"code"`
}

type Status struct{}

func localA() reflect.Type {
	type local struct{ A int }
	return reflect.TypeFor[local]()
}

func localB() reflect.Type {
	type local struct{ B int }
	return reflect.TypeFor[local]()
}

func TestComponentNames(t *testing.T) {
	for _, tc := range []struct {
		name  string
		types []reflect.Type
		want  []string // by type, in order
	}{
		{"plain names", []reflect.Type{reflect.TypeFor[inner](), reflect.TypeFor[outer]()}, []string{"inner", "outer"}},
		{"a clash, qualified by package", []reflect.Type{reflect.TypeFor[Problem](), reflect.TypeFor[respond.Problem](), reflect.TypeFor[inner]()},
			[]string{"openapi.Problem", "respond.Problem", "inner"}},
		{"two clashes", []reflect.Type{reflect.TypeFor[Status](), reflect.TypeFor[respond.Status](), reflect.TypeFor[Problem](), reflect.TypeFor[respond.Problem]()},
			[]string{"openapi.Status", "respond.Status", "openapi.Problem", "respond.Problem"}},
		{"types local to funcs", []reflect.Type{localB(), localA()}, []string{"openapi.local2", "openapi.local"}},
		{"generic", []reflect.Type{reflect.TypeFor[generic[respond.Problem]](), reflect.TypeFor[generic[[]*inner]]()},
			[]string{"genericProblem", "genericInner"}},
		// Arguments from two packages named rand: the signatures read the
		// same ("*rand.Rand"), so only the full names order them.
		{"generic, arguments of one name from two packages", []reflect.Type{reflect.TypeFor[generic[*randv2.Rand]](), reflect.TypeFor[generic[*randv1.Rand]]()},
			[]string{"openapi.genericRand2", "openapi.genericRand"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			names := componentNames(tc.types)
			for i, typ := range tc.types {
				if names[typ] != tc.want[i] {
					t.Errorf("%s is named %q, want %q", typ, names[typ], tc.want[i])
				}
			}
			// The same set in the other order gives the same names.
			rev := make([]reflect.Type, len(tc.types))
			for i, typ := range tc.types {
				rev[len(rev)-1-i] = typ
			}
			if again := componentNames(rev); !reflect.DeepEqual(again, names) {
				t.Errorf("names depend on order: %v and %v", names, again)
			}
		})
	}
}

func TestBaseAndSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a b/c", "a_b_c"},
		{"Ok.1-_", "Ok.1-_"},
		{"é", "_"},
	} {
		if got := sanitize(tc.in); got != tc.want {
			t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
