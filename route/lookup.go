package route

import (
	"github.com/tideway-go/tideway/internal/pct"

	"math/bits"
	"strings"
)

// Status is the outcome of a Lookup.
type Status uint8

const (
	// NotFound means no pattern matches the path: answer 404.
	NotFound Status = iota
	// Found means Result.Route serves the request.
	Found
	// MethodNotAllowed means some pattern matches the path, but none with the
	// request's method: answer 405 with Result.Allow in the Allow header.
	MethodNotAllowed
	// BadPath means the path has an invalid percent-escape such as "%zz":
	// answer 400.
	BadPath
)

var statusNames = [...]string{NotFound: "not found", Found: "found", MethodNotAllowed: "method not allowed", BadPath: "bad path"}

// String returns a lowercase description of s.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "unknown status"
}

// Result is what Lookup found.
type Result[T any] struct {
	Route  *Route[T] // the serving route when Status is Found
	Allow  string    // the Allow header value when Status is MethodNotAllowed
	Status Status
}

// Params holds the parameter values of one lookup: the raw, still escaped
// text of each parameter of the matched pattern, in order. Reuse one Params
// (from a sync.Pool, say) across lookups so that lookups allocate nothing.
type Params struct {
	// vals are where each value lies in path. Offsets rather than strings
	// keep pointers, and so write barriers, out of the lookup.
	vals []span
	path string // the path of the last lookup that found parameters
	esc  bool   // path holds escapes
}

// span is the place of one parameter value in the path: path[start:end].
type span struct{ start, end int }

// NewParams returns a Params large enough for every pattern in t, so that no
// lookup needs to grow it.
func (t *Tree[T]) NewParams() *Params {
	return &Params{vals: make([]span, 0, t.maxParams)}
}

// Len returns the number of parameter values.
func (p *Params) Len() int { return len(p.vals) }

// Raw returns the i'th value as it appeared in the path, still escaped.
func (p *Params) Raw(i int) string {
	v := p.vals[i]
	return p.path[v.start:v.end]
}

// Value returns the i'th value unescaped. Each value is unescaped on its own,
// so an escaped "/" ("%2F") stays inside it. For a glob the whole rest of the
// path is unescaped; split Raw on "/" and unescape each part to keep the two
// apart. Value allocates only when the value holds an escape.
func (p *Params) Value(i int) string {
	s := p.Raw(i)
	if !p.esc {
		return s // the path held no '%'
	}
	return unescape(s)
}

// Escaped reports whether the path of the last lookup held escapes. When
// it did not, Value and Raw are the same, and Raw is cheaper.
func (p *Params) Escaped() bool { return p.esc }

// Reset empties p, dropping its reference to the last path.
func (p *Params) Reset() {
	p.vals, p.path = p.vals[:0], ""
}

// ValidPath reports whether every percent-escape in path is well formed.
func ValidPath(path string) bool { return invalidEscape(path) < 0 }

// Lookup finds the route that serves method and the escaped request path
// (a URL's EscapedPath, or the request-target's path as sent) and stores the
// route's parameter values in ps. It allocates nothing when ps has room for
// the tree's largest pattern (see NewParams) and, for MethodNotAllowed, when
// the matching patterns all share one node, which is the common case.
func (t *Tree[T]) Lookup(method, path string, ps *Params) Result[T] {
	return t.lookup(method, path, ps, false)
}

// LookupPlain is Lookup for a path that the caller knows holds no '%', such
// as one it has just searched for escapes: it saves looking for them again.
// Given a path with a '%', it may answer wrongly.
func (t *Tree[T]) LookupPlain(method, path string, ps *Params) Result[T] {
	return t.lookup(method, path, ps, true)
}

// lookup is Lookup; plain says that path holds no '%'.
func (t *Tree[T]) lookup(method, path string, ps *Params, plain bool) Result[T] {
	if path == "" || path[0] != '/' {
		return Result[T]{}
	}
	bit := t.methods.bit(method)
	// A fully literal pattern beats every other pattern matching its path;
	// if it lacks the method, the search below looks further. The keys of
	// t.exact hold no '%', so a path found there has no escapes. Most
	// paths of patterns with parameters do not get past mayHold, which
	// costs no call.
	if t.exact.mayHold(path) {
		if l := t.exact.probe(path); l != nil {
			if r := l.serve(bit); r >= 0 {
				ps.vals = ps.vals[:0]
				return Result[T]{Route: t.routes[r], Status: Found}
			}
		}
	}
	esc := false
	if !plain && strings.IndexByte(path, '%') >= 0 {
		if invalidEscape(path) >= 0 {
			return Result[T]{Status: BadPath}
		}
		esc = true
	}
	if cap(ps.vals) < t.maxParams {
		ps.vals = make([]span, 0, t.maxParams)
	}
	// Set field by field: a composite literal is built aside and copied.
	var m matcher
	m.path, m.bit, m.esc, m.vals = path, bit, esc, ps.vals[:cap(ps.vals)]
	if r := m.search(&t.root, 1, 0); r >= 0 {
		ps.vals, ps.path, ps.esc = ps.vals[:m.np], path, esc
		return Result[T]{Route: t.routes[r], Status: Found}
	}
	ps.vals = ps.vals[:0]
	if m.allow == 0 {
		return Result[T]{}
	}
	a := m.allowLeaf.allowS
	if m.allow != m.allowLeaf.allow() {
		a = t.methods.allowString(m.allow)
	}
	return Result[T]{Status: MethodNotAllowed, Allow: a}
}

// matcher is the state of one lookup shared by every level of search.
type matcher struct {
	allowLeaf *leaf // the first leaf that matched the path but not the method
	path      string
	vals      []span
	bit       uint64 // the request's method; 0 if no route uses it
	allow     uint64 // union of the methods of every pattern that matched the path
	np        int    // the number of parameters of the route found
	esc       bool   // path holds escapes
}

// search returns the index of the route of the most specific pattern under
// n that matches the path from start (the first byte after a '/') and
// serves the method, or -1. np counts the parameters bound so far. Children
// are tried from the most specific kind down, so the first route found is
// the answer. Each node is visited at most once, so a lookup is linear in
// the size of the tree.
//
// search only recurses where it may have to come back: when a static child
// matched and n also has a {} or * child, or when the {} child matched and
// n also has a * child. Otherwise the descent is a loop.
func (m *matcher) search(n *node, start, np int) int32 {
	path := m.path
	for {
		// Static children have distinct first segments, so at most one
		// matches.
		var c *node
		end := start
		switch {
		case m.esc:
			c, end = n.matchEscaped(path, start)
		case start == len(path) || path[start] == '/':
			c = n.empty
		case len(n.first) > 0:
			// matchStatic, by hand: the children whose text starts with
			// the path's next byte, compared in one go even for a chain.
			c0 := path[start]
			i, hi := 0, len(n.first)
			if x := n.index; x != nil {
				b := int(c0) - int(x.lo)
				if b < 0 || b >= len(x.at)-1 {
					hi = 0
				} else {
					i, hi = int(x.at[b]), int(x.at[b+1])
				}
			}
			for ; i < hi; i++ {
				if n.first[i] != c0 {
					continue
				}
				s := n.statics[i]
				e := start + len(s.text)
				// Check the byte after the text before the text itself. A
				// slash node's text holds a '/' that only "%2F" can match
				// (a chain with the same text may follow it).
				if e > len(path) || e < len(path) && path[e] != '/' || s.slash {
					continue
				}
				// When eight bytes of the path are left, compare them with
				// lead first: that settles texts of up to eight bytes and
				// turns most others away.
				if start+8 <= len(path) {
					if load64(path, start)&s.mask != s.lead || len(s.text) > 8 && path[start+8:e] != s.text[8:] {
						continue
					}
				} else if path[start:e] != s.text {
					continue
				}
				c, end = s, e
				break
			}
		}
		if c != nil {
			if n.param == nil && n.glob == nil {
				// Nothing to come back to.
				if end == len(path) {
					return m.accept(c.leaf, np)
				}
				n, start = c, end+1
				continue
			}
			if r := m.descend(c, end, np); r >= 0 {
				return r
			}
		}
		if c := n.param; c != nil {
			// segmentEnd, by hand.
			end := start
			for ; end+8 <= len(path); end += 8 {
				x := load64(path, end) ^ slashes
				if t := (x - ones) &^ x & highs; t != 0 {
					end += bits.TrailingZeros64(t) / 8
					goto found
				}
			}
			for end < len(path) && path[end] != '/' {
				end++
			}
		found:
			if end > start {
				m.vals[np] = span{start, end}
				if n.glob == nil {
					if end == len(path) {
						return m.accept(c.leaf, np+1)
					}
					n, start, np = c, end+1, np+1
					continue
				}
				if r := m.descend(c, end, np+1); r >= 0 {
					return r
				}
			}
		}
		if l := n.glob; l != nil {
			m.vals[np] = span{start, len(path)}
			return m.accept(l, np+1)
		}
		return -1
	}
}

// Constants for finding a '/' eight bytes at a time: x := w ^ slashes has a
// zero byte where w has a '/', and then (x - ones) &^ x & highs has its
// lowest set bit in the first such byte.
const ones, highs, slashes = 0x0101010101010101, 0x8080808080808080, 0x2f2f2f2f2f2f2f2f

// load64 returns the eight bytes of s from i as a little-endian number.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// descend continues the search below c, which matched the path up to end,
// or accepts c's routes if end is the end of the path.
func (m *matcher) descend(c *node, end, np int) int32 {
	if end == len(m.path) {
		return m.accept(c.leaf, np)
	}
	return m.search(c, end+1, np)
}

// accept returns the index of l's route for the request's method, or
// records l's methods for the Allow header and returns -1. l may be nil.
func (m *matcher) accept(l *leaf, np int) int32 {
	if l != nil && l.mask&m.bit != 0 {
		m.np = np
		return l.route(m.bit)
	}
	return m.acceptOther(l, np)
}

// acceptOther is accept when l lacks the request's own method.
func (m *matcher) acceptOther(l *leaf, np int) int32 {
	if l == nil {
		return -1
	}
	if r := l.serve(m.bit); r >= 0 {
		m.np = np
		return r
	}
	if m.allow == 0 {
		m.allowLeaf = l
	}
	m.allow |= l.allow()
	return -1
}

// matchEscaped returns the static child of n whose text the path, which
// holds escapes, continues with from start, comparing after unescaping, and
// where that text ends in the path.
func (n *node) matchEscaped(path string, start int) (*node, int) {
	if start == len(path) || path[start] == '/' {
		return n.empty, start
	}
	c0 := path[start]
	if c0 == '%' {
		c0 = pct.Byte(path[start+1], path[start+2])
	}
	for i, c := range n.statics {
		if n.first[i] != c0 {
			continue
		}
		if c.slash {
			end := strings.IndexByte(path[start:], '/')
			if end < 0 {
				end = len(path)
			} else {
				end += start
			}
			if eqUnescaped(path[start:end], c.text) {
				return c, end
			}
		} else if end, ok := hasChainPrefix(path, start, c.text); ok {
			return c, end
		}
	}
	return nil, 0
}
