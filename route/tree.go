package route

import (
	"math/bits"
	"runtime"
	"sort"
	"strings"
)

// Route is one registered (method, pattern) pair and the value it maps to.
type Route[T any] struct {
	Method  string
	Pattern *Pattern
	Value   T
	Source  Source // where the route was registered
}

// Tree is a table of routes matched by specificity. Add every route before
// the first Lookup; after that, a Tree is safe for concurrent lookups, but
// Add must not run at the same time as anything else.
type Tree[T any] struct {
	root      node[T]
	methods   methodSet
	maxParams int
	n         int
}

type node[T any] struct {
	text    string     // literal text of this node when it is a static child
	first   string     // first byte of each static child's text, in statics order
	statics []*node[T] // static children with non-empty text, sorted by text
	empty   *node[T]   // the static child with empty text (a "//" or trailing "/")
	param   *node[T]
	glob    *node[T]
	leaf    *leaf[T] // routes whose pattern ends here, or nil
}

type leaf[T any] struct {
	pattern *Pattern    // the first pattern registered here; others share its shape
	routes  []*Route[T] // one per bit of mask, in bit order
	mask    uint64      // methods registered here
	allow   uint64      // mask, with HEAD when GET is there
	allowS  string      // the Allow header for allow
}

// New returns an empty Tree.
func New[T any]() *Tree[T] { return &Tree[T]{} }

// Len returns the number of routes in the tree.
func (t *Tree[T]) Len() int { return t.n }

// Add registers value for method and pattern. It records the caller of Add
// as the route's source. Add fails with *PatternError, *MethodError or
// *ConflictError, and leaves the tree unchanged when it fails.
func (t *Tree[T]) Add(method, pattern string, value T) error {
	return t.AddFrom(Caller(1), method, pattern, value)
}

// MustAdd is like Add but panics if Add fails.
func (t *Tree[T]) MustAdd(method, pattern string, value T) {
	if err := t.AddFrom(Caller(1), method, pattern, value); err != nil {
		panic(err)
	}
}

// Caller returns the source of the caller skip frames above the caller of
// Caller, for layers that register routes on behalf of their own callers.
func Caller(skip int) Source {
	_, file, line, ok := runtime.Caller(skip + 1)
	if !ok {
		return Source{}
	}
	return Source{File: file, Line: line}
}

// AddFrom is like Add but records src as the route's source.
func (t *Tree[T]) AddFrom(src Source, method, pattern string, value T) error {
	p, err := Parse(pattern)
	if err != nil {
		return err
	}
	if !validMethod(method) {
		return &MethodError{Method: method, Pattern: pattern}
	}
	// Find a conflict before changing anything.
	n := t.find(p)
	if n != nil && n.leaf != nil {
		if b := t.methods.bit(method); n.leaf.mask&b != 0 {
			old := n.leaf.route(b)
			return &ConflictError{
				Method: method, New: pattern, NewAt: src,
				Existing: old.Pattern.String(), At: old.Source,
				Sample: p.Sample(),
			}
		}
	}
	b, err := t.methods.add(method)
	if err != nil {
		return err
	}
	if n == nil {
		n = t.insert(p)
	}
	if n.leaf == nil {
		n.leaf = &leaf[T]{pattern: p}
	}
	l := n.leaf
	r := &Route[T]{Method: method, Pattern: p, Value: value, Source: src}
	i := bits.OnesCount64(l.mask & (b - 1))
	l.routes = append(l.routes, nil)
	copy(l.routes[i+1:], l.routes[i:])
	l.routes[i] = r
	l.mask |= b
	l.allow = l.mask
	if l.mask&bitGET != 0 {
		l.allow |= bitHEAD
	}
	l.allowS = t.methods.intern(l.allow)
	t.maxParams = max(t.maxParams, p.NumParams())
	t.n++
	return nil
}

// find returns the node for p's shape, or nil.
func (t *Tree[T]) find(p *Pattern) *node[T] {
	n := &t.root
	for _, s := range p.segs {
		switch s.Kind {
		case Glob:
			n = n.glob
		case Param:
			n = n.param
		default:
			n = n.staticChild(s.Text)
		}
		if n == nil {
			return nil
		}
	}
	return n
}

// insert returns the node for p's shape, creating nodes on the way.
func (t *Tree[T]) insert(p *Pattern) *node[T] {
	n := &t.root
	for _, s := range p.segs {
		switch s.Kind {
		case Glob:
			if n.glob == nil {
				n.glob = &node[T]{}
			}
			n = n.glob
		case Param:
			if n.param == nil {
				n.param = &node[T]{}
			}
			n = n.param
		default:
			c := n.staticChild(s.Text)
			if c == nil {
				c = &node[T]{text: s.Text}
				n.addStatic(c)
			}
			n = c
		}
	}
	return n
}

func (n *node[T]) staticChild(text string) *node[T] {
	if text == "" {
		return n.empty
	}
	for i, c := range n.statics {
		if n.first[i] == text[0] && c.text == text {
			return c
		}
	}
	return nil
}

func (n *node[T]) addStatic(c *node[T]) {
	if c.text == "" {
		n.empty = c
		return
	}
	i := sort.Search(len(n.statics), func(i int) bool { return n.statics[i].text >= c.text })
	n.statics = append(n.statics, nil)
	copy(n.statics[i+1:], n.statics[i:])
	n.statics[i] = c
	var b strings.Builder
	for _, s := range n.statics {
		b.WriteByte(s.text[0])
	}
	n.first = b.String()
}

// route returns the route for the single bit b, which must be in l.mask.
func (l *leaf[T]) route(b uint64) *Route[T] {
	return l.routes[bits.OnesCount64(l.mask&(b-1))]
}

// serve returns the route of l that serves method bit b: the route for b
// itself, or for HEAD the GET route when there is no HEAD route.
func (l *leaf[T]) serve(b uint64) *Route[T] {
	if l.mask&b != 0 {
		return l.route(b)
	}
	if b == bitHEAD && l.mask&bitGET != 0 {
		return l.route(bitGET)
	}
	return nil
}

// Walk calls fn for every route in a stable order: depth first, and at each
// segment literal children (alphabetically) before {} before *, so of two
// patterns that can match the same path the more specific comes first. For
// one pattern, routes come in method order (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS,
// CONNECT, TRACE, then other methods in the order they were first added).
func (t *Tree[T]) Walk(fn func(*Route[T])) {
	t.root.walkLeaves(func(l *leaf[T]) {
		for _, r := range l.routes {
			fn(r)
		}
	})
}
