package fasthttp

import (
	"net/url"
)

// target is the request-target split as net/http's server splits it.
type target struct {
	path  string // URL.EscapedPath()
	query string // URL.RawQuery, verbatim
	host  string // the authority of an absolute-form target, else ""
}

// parseTarget splits a request-target (the second word of the request
// line, as sent) into what net/http's server would give a handler:
// URL.EscapedPath(), URL.RawQuery and, for an absolute-form target, its
// authority. It reports false where net/http refuses the request line
// with 400 (an invalid percent-escape in the path, a relative path).
//
// An origin-form target whose path needs no re-escaping (the common case)
// is split without net/url; anything else goes through url.ParseRequestURI,
// the function net/http's server uses, so the answer is the same.
func parseTarget(uri []byte) (target, bool) {
	if len(uri) > 0 && uri[0] == '/' {
		end := len(uri)
		for i, c := range uri {
			if c == '?' {
				end = i
				break
			}
			if !pathByte[c] || c == '%' && (i+2 >= len(uri) || !isHex(uri[i+1]) || !isHex(uri[i+2])) {
				return parseSlow(uri)
			}
		}
		for _, c := range uri[end:] {
			if c < ' ' || c == 0x7f {
				return parseSlow(uri) // net/url refuses control bytes
			}
		}
		t := target{path: string(uri[:end])}
		if end < len(uri) {
			t.query = string(uri[end+1:])
		}
		return t, true
	}
	if string(uri) == "*" {
		return target{path: "*"}, true
	}
	return parseSlow(uri)
}

// parseSlow parses uri as net/http's server does.
func parseSlow(uri []byte) (target, bool) {
	u, err := url.ParseRequestURI(string(uri))
	if err != nil {
		return target{}, false
	}
	return target{path: u.EscapedPath(), query: u.RawQuery, host: u.Host}, true
}

// pathByte holds the bytes that net/url leaves as they are in an escaped
// path (RFC 3986 pchar, '/', '[', ']'), so a path made of them alone is its
// own EscapedPath. '%' is in the set; its two hex digits are checked apart.
var pathByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-._~!$&'()*+,;=:@[]/%" {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
