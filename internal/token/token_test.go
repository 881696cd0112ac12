package token

import "testing"

func TestValid(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"GET", true},
		{"X-Request-ID", true},
		{"session_id", true},
		{"!#$%&'*+-.^_`|~09azAZ", true},
		{"", false},
		{"a b", false},
		{"a=b", false},
		{"a;b", false},
		{"a,b", false},
		{"\"a\"", false},
		{"a\x00", false},
		{"é", false},
		{"(a)", false},
	} {
		if got := Valid(tc.s); got != tc.want {
			t.Errorf("Valid(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
