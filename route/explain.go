package route

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
)

// Explanation says how a Tree resolves one request, for debugging. It is
// built by checking every pattern on its own (Pattern.Match) and ranking the
// matches with Compare, so it also serves as a reference for Lookup.
type Explanation struct {
	Method, Path string
	Status       Status
	Served       string      // the pattern that serves the request, if Status is Found
	Allow        string      // the Allow header value, if Status is MethodNotAllowed
	Candidates   []Candidate // every pattern that matches the path, most specific first
}

// Candidate is one pattern that matches an explained path.
type Candidate struct {
	Pattern string
	Methods []string // the methods registered for the pattern
	Params  []string // the raw parameter values it would bind
	Verdict string   // why it serves the request or not
}

// Explain reports which pattern serves method and path, and for every other
// pattern that matches the path why it lost: a less specific kind at some
// segment, or no route for the method.
func (t *Tree[T]) Explain(method, path string) Explanation {
	e := Explanation{Method: method, Path: path}
	if path == "" || path[0] != '/' {
		return e
	}
	if !ValidPath(path) {
		e.Status = BadPath
		return e
	}
	var leaves []*leaf
	var params [][]string
	t.root.walkLeaves(func(l *leaf) {
		if vals, ok := t.pattern(l).Match(path); ok {
			leaves = append(leaves, l)
			params = append(params, vals)
		}
	})
	order := make([]int, len(leaves))
	for i := range order {
		order[i] = i
	}
	// Matching patterns never have the same shape, so Compare orders them
	// strictly.
	slices.SortStableFunc(order, func(a, b int) int { return Compare(t.pattern(leaves[b]), t.pattern(leaves[a])) })

	bit := t.methods.bit(method)
	var winner *leaf
	var allow uint64
	for _, i := range order {
		l := leaves[i]
		c := Candidate{Pattern: t.pattern(l).String(), Methods: t.methods.names(l.mask), Params: params[i]}
		switch {
		case winner != nil:
			at, _ := firstDifference(t.pattern(winner), t.pattern(l))
			c.Verdict = fmt.Sprintf("loses to %s at segment %d: %s beats %s",
				t.pattern(winner), at+1, kindName(t.pattern(winner).segments()[at]), kindName(t.pattern(l).segments()[at]))
		case l.serve(bit) >= 0:
			winner = l
			r := t.routes[l.serve(bit)]
			c.Verdict = "serves " + method
			if r.Method != method {
				c.Verdict += " with its " + r.Method + " route"
			}
			c.Verdict += " (registered at " + r.Source.String() + ")"
		default:
			allow |= l.allow()
			c.Verdict = "matches the path but has no " + method + " route"
		}
		e.Candidates = append(e.Candidates, c)
	}
	switch {
	case winner != nil:
		e.Status, e.Served = Found, t.pattern(winner).String()
	case allow != 0:
		e.Status, e.Allow = MethodNotAllowed, t.methods.allowString(allow)
	}
	return e
}

func kindName(s Segment) string {
	if s.Kind == Literal {
		return fmt.Sprintf("literal %q", s.Text)
	}
	return s.Kind.String()
}

// String renders the explanation as a few lines of text.
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s", e.Method, e.Path, e.Status)
	switch e.Status {
	case Found:
		fmt.Fprintf(&b, " (%s)", e.Served)
	case MethodNotAllowed:
		fmt.Fprintf(&b, " (Allow: %s)", e.Allow)
	}
	b.WriteByte('\n')
	for _, c := range e.Candidates {
		fmt.Fprintf(&b, "  %s [%s]: %s\n", c.Pattern, strings.Join(c.Methods, ", "), c.Verdict)
	}
	return b.String()
}

// String prints the table, one route a line, in Walk order:
// method, pattern and where it was registered. It is meant for start-up logs
// and debugging.
func (t *Tree[T]) String() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	t.Walk(func(r *Route[T]) {
		fmt.Fprintf(w, "%s\t%s\t%s\n", r.Method, r.Pattern, r.Source)
	})
	w.Flush()
	return b.String()
}
