package apidocs

import "strings"

// etagMatch reports whether an If-None-Match value names etag, a quoted
// tag such as `"abc"`, by the weak comparison RFC 9110 asks for: the value
// is "*", or a comma-separated list holding etag with or without "W/".
// Reading stops at the first malformed entry, which then matches nothing:
// the page is sent again, never wrongly withheld.
func etagMatch(header, etag string) bool {
	s := header
	for {
		s = strings.TrimLeft(s, " \t,")
		switch {
		case s == "":
			return false
		case s[0] == '*':
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
		if s[:end+2] == etag {
			return true
		}
		s = s[end+2:]
	}
}
