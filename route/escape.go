package route

import (
	"strings"

	"github.com/tideway-go/tideway/internal/pct"
)

// invalidEscape returns the index of the first '%' in s that does not start
// a valid "%XX" escape, or -1 when every escape is valid.
func invalidEscape(s string) int {
	for i := strings.IndexByte(s, '%'); i >= 0; {
		if i+2 >= len(s) || !pct.IsHex(s[i+1]) || !pct.IsHex(s[i+2]) {
			return i
		}
		next := strings.IndexByte(s[i+3:], '%')
		if next < 0 {
			return -1
		}
		i += 3 + next
	}
	return -1
}

// unescape decodes the "%XX" escapes of s, which must all be valid. Unlike
// query unescaping, '+' stays '+'.
func unescape(s string) string {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if s[i] == '%' {
			b = append(b, pct.Byte(s[i+1], s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// eqUnescaped reports whether the escaped segment esc, once unescaped, equals
// lit. It decodes as it compares, so it allocates nothing. The escapes of esc
// must be valid.
func eqUnescaped(esc, lit string) bool {
	j := 0
	for i := 0; i < len(esc); j++ {
		c := esc[i]
		if c == '%' {
			c = pct.Byte(esc[i+1], esc[i+2])
			i += 3
		} else {
			i++
		}
		if j >= len(lit) || lit[j] != c {
			return false
		}
	}
	return j == len(lit)
}

// hasChainPrefix reports whether the escaped path, from offset i, holds the
// segments of chain followed by '/' or the end, comparing each after
// unescaping, and returns the offset where they end. chain is one or more
// non-empty segments without '/' joined by '/', so a '/' in the path
// matches a '/' of chain only when it is not escaped. The escapes of path
// must be valid.
func hasChainPrefix(path string, i int, chain string) (int, bool) {
	for j := 0; j < len(chain); j++ {
		if i >= len(path) {
			return 0, false
		}
		c := path[i]
		if c == '%' {
			c = pct.Byte(path[i+1], path[i+2])
			if c == '/' {
				return 0, false // a "%2F" is inside a segment
			}
			i += 3
		} else {
			i++
		}
		if c != chain[j] {
			return 0, false
		}
	}
	return i, i == len(path) || path[i] == '/'
}

// escapeLiteral escapes the bytes of a literal segment that could not appear
// in it as written: the inverse of unescape for printing patterns and paths.
// A leading '*' or ':' is escaped too, since Parse reads a segment that
// starts with one as a glob or a mistaken parameter.
func escapeLiteral(s string) string {
	const hexdigits = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' && c < 0x7f && !strings.ContainsRune("%/{}?#", rune(c)) && (i > 0 || c != '*' && c != ':') {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+8), s[:i]...)
		}
		b = append(b, '%', hexdigits[c>>4], hexdigits[c&15])
	}
	if b == nil {
		return s
	}
	return string(b)
}
