// Package token checks the token syntax of HTTP (RFC 9110, section 5.6.2),
// which methods, header names and cookie names share, so that every
// package that checks one checks it the same way.
package token

// Valid reports whether s is a non-empty RFC 9110 token: letters, digits
// and the characters !#$%&'*+-.^_`|~.
func Valid(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
			return false
		}
	}
	return true
}

func isTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}
