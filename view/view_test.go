package view

import "testing"

func TestFieldErrorKey(t *testing.T) {
	for _, tc := range []struct {
		e    FieldError
		want string
	}{
		{FieldError{Location: "path", Field: "id"}, "path.id"},
		{FieldError{Location: "body", Field: "items[3].name"}, "body.items[3].name"},
		{FieldError{Location: "body"}, "body"},
	} {
		if got := tc.e.Key(); got != tc.want {
			t.Errorf("%+v.Key() = %q, want %q", tc.e, got, tc.want)
		}
	}
}
