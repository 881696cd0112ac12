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
	t, _, ok := parseTargetReuse(uri, "")
	return t, ok
}

// parseTargetReuse is parseTarget, with the path prev in place of a new
// copy when the path is the same (strings never change, so handing out
// the same one again is safe), and whether the path holds no '%'. The
// adapter gives it the path of the previous request its views served:
// requests for the same path then cost no allocation.
func parseTargetReuse(uri []byte, prev string) (t target, plain, ok bool) {
	if len(uri) == 0 || uri[0] != '/' {
		if string(uri) == "*" {
			return target{path: "*"}, true, true
		}
		t, ok = parseSlow(uri)
		return t, false, ok
	}
	end, plain := len(uri), true
	i := 0
	for ; i+8 <= len(uri); i += 8 {
		// Most bytes are asIs (0): eight at a time while they are.
		b := uri[i : i+8 : i+8]
		if targetByte[b[0]]|targetByte[b[1]]|targetByte[b[2]]|targetByte[b[3]]|
			targetByte[b[4]]|targetByte[b[5]]|targetByte[b[6]]|targetByte[b[7]] != asIs {
			break
		}
	}
scan:
	for ; i < len(uri); i++ {
		switch targetByte[uri[i]] {
		case asIs:
		case percent:
			if i+2 >= len(uri) || !isHex(uri[i+1]) || !isHex(uri[i+2]) {
				t, ok = parseSlow(uri)
				return t, false, ok
			}
			plain = false
		case question:
			end = i
			break scan
		default:
			t, ok = parseSlow(uri)
			return t, false, ok
		}
	}
	if end < len(uri) {
		for _, c := range uri[end:] {
			if targetByte[c] == control {
				t, ok = parseSlow(uri) // net/url refuses control bytes
				return t, false, ok
			}
		}
		t.query = string(uri[end+1:])
	}
	if string(uri[:end]) == prev {
		t.path = prev
	} else {
		t.path = string(uri[:end])
	}
	return t, plain, true
}

// parseTarget sets q.t to the target uri, as parseTargetReuse splits it,
// and reports whether its path is plain and whether it is valid (if not,
// q.t is left as it was). Between requests q.t keeps the target of the
// previous one: the path is reused when it is the same, and a target that
// is the previous one's plain path alone, with no query, is not scanned
// again, since parseTargetReuse gives the same answer for the same bytes.
func (q *request) parseTarget(uri []byte) (plain, ok bool) {
	if q.exact && string(uri) == q.t.path {
		return true, true // q.t is that target already
	}
	t, plain, ok := parseTargetReuse(uri, q.t.path)
	if ok {
		// plain and as long as uri: the path is the whole target (no
		// query; parseSlow, which may set a host, is never plain).
		q.t, q.exact = t, plain && len(t.path) == len(uri)
	}
	return plain, ok
}

// parseSlow parses uri as net/http's server does.
func parseSlow(uri []byte) (target, bool) {
	u, err := url.ParseRequestURI(string(uri))
	if err != nil {
		return target{}, false
	}
	return target{path: u.EscapedPath(), query: u.RawQuery, host: u.Host}, true
}

// The kinds of byte in a request-target, for parseTargetReuse.
const (
	asIs     = iota // net/url leaves it as it is in an escaped path
	percent         // '%', which must start an escape
	question        // '?', which starts the query
	escaped         // net/url escapes it in the path: parseSlow decides
	control         // a control byte, which net/url refuses anywhere
)

// targetByte gives the kind of each byte: asIs for RFC 3986 pchar, '/',
// '[' and ']', so that a path made of them alone is its own EscapedPath.
var targetByte = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c < ' ' || c == 0x7f:
			t[c] = control
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = asIs
		default:
			t[c] = escaped
		}
	}
	for _, c := range "-._~!$&'()*+,;=:@[]/" {
		t[c] = asIs
	}
	t['%'], t['?'] = percent, question
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
