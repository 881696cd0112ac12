package route

import (
	"net/url"
	"testing"
)

func TestInvalidEscape(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", -1}, {"/a/b", -1}, {"%41", -1}, {"a%2fb%2F", -1},
		{"%", 0}, {"%4", 0}, {"%zz", 0}, {"%4g", 0}, {"a%41%", 4}, {"%41%g1", 3},
	} {
		if got := invalidEscape(tc.in); got != tc.want {
			t.Errorf("invalidEscape(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestUnescape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"abc", "abc"}, {"a%2Fb", "a/b"}, {"a+b", "a+b"}, {"%e2%82%AC", "€"}, {"%00", "\x00"},
	} {
		if got := unescape(tc.in); got != tc.want {
			t.Errorf("unescape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !eqUnescaped(tc.in, tc.want) {
			t.Errorf("eqUnescaped(%q, %q) = false", tc.in, tc.want)
		}
		if eqUnescaped(tc.in, tc.want+"x") || eqUnescaped(tc.in+"x", tc.want) {
			t.Errorf("eqUnescaped(%q) matches a longer string", tc.in)
		}
		if got := unescape(escapeLiteral(tc.want)); got != tc.want {
			t.Errorf("escapeLiteral(%q) does not round-trip: %q", tc.want, got)
		}
	}
}

// FuzzEscape checks the package's escape helpers against net/url.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a%2Fb", "%zz", "%", "€", "a+b", "%C3%A9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := url.PathUnescape(s)
		if (err == nil) != (invalidEscape(s) < 0) {
			t.Fatalf("invalidEscape(%q) = %d, url.PathUnescape error %v", s, invalidEscape(s), err)
		}
		if err != nil {
			return
		}
		if got := unescape(s); got != want {
			t.Fatalf("unescape(%q) = %q, want %q", s, got, want)
		}
		if !eqUnescaped(s, want) {
			t.Fatalf("eqUnescaped(%q, %q) = false", s, want)
		}
		if got := unescape(escapeLiteral(want)); got != want {
			t.Fatalf("escapeLiteral(%q) does not round-trip: %q", want, got)
		}
	})
}
