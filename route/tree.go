package route

import (
	"math/bits"
	"runtime"

	"github.com/tideway-go/tideway/internal/token"
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
	root      node
	exact     exactTable  // leaves of fully literal patterns, by path
	routes    []*Route[T] // indexed by leaf.routes
	methods   methodSet
	maxParams int
}

// leaf holds the routes of one pattern shape. A table holds one per
// pattern, so it keeps nothing it can work out.
type leaf struct {
	routes []int32 // indexes into Tree.routes, one per bit of mask, in bit order
	mask   uint64  // methods registered here
	allowS string  // the Allow header for allow()
}

// allow returns the methods of l's Allow header: mask, with HEAD when GET
// is there.
func (l *leaf) allow() uint64 { return l.mask | (l.mask&bitGET)*(bitHEAD/bitGET) }

// pattern returns the pattern of l's first route in method order; the
// patterns of its other routes have the same shape.
func (t *Tree[T]) pattern(l *leaf) *Pattern { return t.routes[l.routes[0]].Pattern }

// New returns an empty Tree.
func New[T any]() *Tree[T] { return &Tree[T]{} }

// Len returns the number of routes in the tree.
func (t *Tree[T]) Len() int { return len(t.routes) }

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
	segs := p.segments()
	if !token.Valid(method) {
		return &MethodError{Method: method, Pattern: pattern}
	}
	if m := misspelled(method); m != "" {
		// Methods are case-sensitive (RFC 9110, 9.1): "get" is a valid
		// token that no client sends for GET.
		return &MethodError{Method: method, Pattern: pattern, Standard: m}
	}
	// Find a conflict before changing anything.
	if slot := t.root.find(segs); slot != nil && *slot != nil {
		l := *slot
		if b := t.methods.bit(method); l.mask&b != 0 {
			old := t.routes[l.route(b)]
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
	slot := t.root.insert(segs)
	if *slot == nil {
		*slot = &leaf{}
		if key, ok := exactKey(segs); ok {
			t.exact.put(key, *slot)
		}
	}
	l := *slot
	if len(l.routes) > 0 {
		if q := t.pattern(l); q.raw == p.raw {
			p = q // routes of one pattern share it
		}
	}
	t.routes = append(t.routes, &Route[T]{Method: method, Pattern: p, Value: value, Source: src})
	i := bits.OnesCount64(l.mask & (b - 1))
	l.routes = append(l.routes, 0)
	copy(l.routes[i+1:], l.routes[i:])
	l.routes[i] = int32(len(t.routes) - 1)
	l.mask |= b
	l.allowS = t.methods.intern(l.allow())
	t.maxParams = max(t.maxParams, p.NumParams())
	return nil
}

// route returns the index of the route for the single bit b, which must be
// in l.mask.
func (l *leaf) route(b uint64) int32 {
	return l.routes[bits.OnesCount64(l.mask&(b-1))]
}

// serve returns the index of the route of l that serves method bit b: the
// route for b itself, or for HEAD the GET route when there is no HEAD
// route. It returns -1 when l has no such route.
func (l *leaf) serve(b uint64) int32 {
	if l.mask&b != 0 {
		return l.route(b)
	}
	if b == bitHEAD && l.mask&bitGET != 0 {
		return l.route(bitGET)
	}
	return -1
}

// Walk calls fn for every route in a stable order: depth first, and at each
// segment literal children (alphabetically) before {} before *, so of two
// patterns that can match the same path the more specific comes first. For
// one pattern, routes come in method order (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS,
// CONNECT, TRACE, then other methods in the order they were first added).
func (t *Tree[T]) Walk(fn func(*Route[T])) {
	t.root.walkLeaves(func(l *leaf) {
		for _, r := range l.routes {
			fn(t.routes[r])
		}
	})
}
