package apidocs

import (
	"strings"
	"testing"
)

func TestETagMatch(t *testing.T) {
	const etag = `"abc"`
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`*`, true},
		{` , "x", "abc"`, true},
		{"\t\"x\",W/\"abc\"", true},
		{`"x","y"`, false},
		{`"abcd"`, false},
		{`abc`, false},
		{`"abc`, false},
		{`"x" "abc"`, true}, // missing comma: read as two tags, harmlessly
		{`W/`, false},
		{`w/"abc"`, false},
		{`"x", junk, "abc"`, false}, // reading stops at junk
		{``, false},
	} {
		if got := etagMatch(tc.header, etag); got != tc.want {
			t.Errorf("etagMatch(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

func FuzzETagMatch(f *testing.F) {
	for _, s := range []string{`"abc"`, `W/"abc"`, `*`, `"x", W/"abc"`, `W/`, `"`, `,,,`, "\"a\"\t,W/\"\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		const etag = `"abc"`
		got := etagMatch(header, etag)
		if got && !strings.Contains(header, etag) && !strings.Contains(header, "*") {
			t.Errorf("etagMatch(%q) matched without the tag or *", header)
		}
		if !etagMatch(header+", "+etag, etag) && !got && wellFormed(header) {
			t.Errorf("etagMatch(%q + etag) = false after a well-formed list", header)
		}
	})
}

// wellFormed reports whether s is a list of quoted tags (each maybe W/),
// commas and blanks only.
func wellFormed(s string) bool {
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			return true
		}
		s = strings.TrimPrefix(s, "W/")
		if s == "" || s[0] != '"' {
			return false
		}
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return false
		}
		s = s[end+2:]
	}
}
