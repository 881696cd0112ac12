package route

import "strings"

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
	vals []string
}

// NewParams returns a Params large enough for every pattern in t, so that no
// lookup needs to grow it.
func (t *Tree[T]) NewParams() *Params {
	return &Params{vals: make([]string, 0, t.maxParams)}
}

// Len returns the number of parameter values.
func (p *Params) Len() int { return len(p.vals) }

// Raw returns the i'th value as it appeared in the path, still escaped.
func (p *Params) Raw(i int) string { return p.vals[i] }

// Value returns the i'th value unescaped. Each value is unescaped on its own,
// so an escaped "/" ("%2F") stays inside it. For a glob the whole rest of the
// path is unescaped; split Raw on "/" and unescape each part to keep the two
// apart. Value allocates only when the value holds an escape.
func (p *Params) Value(i int) string { return unescape(p.vals[i]) }

// Reset empties p, dropping its references into the last path.
func (p *Params) Reset() {
	clear(p.vals[:cap(p.vals)])
	p.vals = p.vals[:0]
}

// ValidPath reports whether every percent-escape in path is well formed.
func ValidPath(path string) bool { return invalidEscape(path) < 0 }

// Lookup finds the route that serves method and the escaped request path
// (a URL's EscapedPath, or the request-target's path as sent) and stores the
// route's parameter values in ps. It allocates nothing when ps has room for
// the tree's largest pattern (see NewParams) and, for MethodNotAllowed, when
// the matching patterns all share one node, which is the common case.
func (t *Tree[T]) Lookup(method, path string, ps *Params) Result[T] {
	if path == "" || path[0] != '/' {
		return Result[T]{}
	}
	esc := false
	if strings.IndexByte(path, '%') >= 0 {
		if invalidEscape(path) >= 0 {
			return Result[T]{Status: BadPath}
		}
		esc = true
	}
	if cap(ps.vals) < t.maxParams {
		ps.vals = make([]string, 0, t.maxParams)
	}
	m := matcher[T]{path: path, bit: t.methods.bit(method), esc: esc, vals: ps.vals[:cap(ps.vals)]}
	r := search(&t.root, &m, 1, 0)
	if r != nil {
		ps.vals = ps.vals[:r.Pattern.NumParams()]
		return Result[T]{Route: r, Status: Found}
	}
	ps.vals = ps.vals[:0]
	if m.allow == 0 {
		return Result[T]{}
	}
	a := m.allowLeaf.allowS
	if m.allow != m.allowLeaf.allow {
		a = t.methods.allowString(m.allow)
	}
	return Result[T]{Status: MethodNotAllowed, Allow: a}
}

// matcher is the state of one lookup shared by every level of search.
type matcher[T any] struct {
	allowLeaf *leaf[T] // the first leaf that matched the path but not the method
	path      string
	vals      []string
	bit       uint64 // the request's method; 0 if no route uses it
	allow     uint64 // union of the methods of every pattern that matched the path
	esc       bool   // path holds escapes
}

// search returns the route of the most specific pattern under n that matches
// the path from start (the first byte after a '/') and serves the method.
// np counts the parameters bound so far. Children are tried from the most
// specific kind down, so the first route found is the answer. Each node is
// visited at most once, so a lookup is linear in the size of the tree.
func search[T any](n *node[T], m *matcher[T], start, np int) *Route[T] {
	path := m.path
	end := strings.IndexByte(path[start:], '/')
	last := end < 0
	if last {
		end = len(path)
	} else {
		end += start
	}
	seg := path[start:end]

	if c := n.matchStatic(seg, m.esc); c != nil {
		if r := descend(c, m, end, last, np); r != nil {
			return r
		}
	}
	if c := n.param; c != nil && seg != "" {
		m.vals[np] = seg
		if r := descend(c, m, end, last, np+1); r != nil {
			return r
		}
	}
	if c := n.glob; c != nil && c.leaf != nil {
		m.vals[np] = path[start:]
		return c.leaf.accept(m)
	}
	return nil
}

// descend continues the search below c, which matched the segment ending at
// end, or accepts c's routes if that segment was the last.
func descend[T any](c *node[T], m *matcher[T], end int, last bool, np int) *Route[T] {
	if last {
		if c.leaf == nil {
			return nil
		}
		return c.leaf.accept(m)
	}
	return search(c, m, end+1, np)
}

// accept returns l's route for the request's method, or records l's methods
// for the Allow header and returns nil.
func (l *leaf[T]) accept(m *matcher[T]) *Route[T] {
	if r := l.serve(m.bit); r != nil {
		return r
	}
	if m.allow == 0 {
		m.allowLeaf = l
	}
	m.allow |= l.allow
	return nil
}

// matchStatic returns the static child whose text equals the segment once
// unescaped.
func (n *node[T]) matchStatic(seg string, esc bool) *node[T] {
	if seg == "" {
		return n.empty
	}
	if esc && strings.IndexByte(seg, '%') >= 0 {
		c0 := firstUnescaped(seg)
		for i := 0; i < len(n.first); i++ {
			if n.first[i] == c0 && eqUnescaped(seg, n.statics[i].text) {
				return n.statics[i]
			}
		}
		return nil
	}
	c0 := seg[0]
	for i := 0; i < len(n.first); i++ {
		if n.first[i] == c0 && n.statics[i].text == seg {
			return n.statics[i]
		}
	}
	return nil
}
