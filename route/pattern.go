package route

import (
	"strings"
)

// Kind says what a pattern segment matches.
type Kind uint8

// The segment kinds, from least to most specific.
const (
	// Glob matches the rest of the path, possibly empty: a final "*" or "{name...}".
	Glob Kind = iota
	// Param matches exactly one non-empty segment: "{name}" or "{}".
	Param
	// Literal matches one segment equal to its text after unescaping.
	Literal
)

// String returns the kind as it is written in a pattern.
func (k Kind) String() string {
	switch k {
	case Glob:
		return "*"
	case Param:
		return "{}"
	default:
		return "literal"
	}
}

// Segment is one slash-separated part of a Pattern.
type Segment struct {
	// Text is the unescaped literal for a Literal segment, and the parameter
	// name for Param and Glob segments ("" when anonymous).
	Text string
	Kind Kind
}

// Pattern is a parsed route pattern such as "/users/{id}/files/{path...}".
// It is immutable and safe for concurrent use. It keeps only its text and
// a summary, so that a large table stays small; the methods that need the
// segments parse them again.
type Pattern struct {
	raw     string
	nparams uint16
	glob    bool
}

// Parse parses a route pattern. The syntax is described in the package
// documentation; a malformed pattern gives a *PatternError.
func Parse(pattern string) (*Pattern, error) {
	segs, err := parse(pattern)
	if err != nil {
		return nil, err
	}
	p := &Pattern{raw: pattern, glob: segs[len(segs)-1].Kind == Glob}
	for _, s := range segs {
		if s.Kind != Literal {
			p.nparams++
		}
	}
	return p, nil
}

// segments returns the segments of p, which is known to parse.
func (p *Pattern) segments() []Segment {
	segs, _ := parse(p.raw)
	return segs
}

// parse splits a pattern into its segments, checking each.
func parse(pattern string) ([]Segment, error) {
	if pattern == "" {
		return nil, &PatternError{Pattern: pattern, Msg: "empty pattern; patterns start with \"/\""}
	}
	if pattern[0] != '/' {
		return nil, &PatternError{Pattern: pattern, Msg: "pattern must start with \"/\""}
	}
	segs := make([]Segment, 0, strings.Count(pattern, "/"))
	seen := map[string]bool{}
	for off := 1; ; {
		end := strings.IndexByte(pattern[off:], '/')
		last := end < 0
		if last {
			end = len(pattern)
		} else {
			end += off
		}
		seg, err := parseSegment(pattern, pattern[off:end], off)
		if err != nil {
			return nil, err
		}
		if seg.Kind == Glob && !last {
			return nil, &PatternError{Pattern: pattern, Offset: off, Msg: "a glob (\"*\" or \"{name...}\") must be the last segment"}
		}
		if seg.Kind != Literal && seg.Text != "" {
			if seen[seg.Text] {
				return nil, &PatternError{Pattern: pattern, Offset: off, Msg: "duplicate parameter name \"" + seg.Text + "\""}
			}
			seen[seg.Text] = true
		}
		segs = append(segs, seg)
		if last {
			return segs, nil
		}
		off = end + 1
	}
}

// MustParse is like Parse but panics if the pattern is malformed.
func MustParse(pattern string) *Pattern {
	p, err := Parse(pattern)
	if err != nil {
		panic(err)
	}
	return p
}

func parseSegment(pattern, s string, off int) (Segment, error) {
	bad := func(at int, msg string) (Segment, error) {
		return Segment{}, &PatternError{Pattern: pattern, Offset: off + at, Msg: msg}
	}
	switch {
	case s == "*":
		return Segment{Kind: Glob}, nil
	case strings.HasPrefix(s, "*"):
		return bad(0, "\""+s+"\" is not a glob; write \"{"+s[1:]+"...}\" for a named glob or \"*\" alone")
	case strings.HasPrefix(s, ":"):
		return bad(0, "\""+s+"\" looks like a parameter; write \"{"+s[1:]+"}\"")
	case strings.HasPrefix(s, "{"):
		close := strings.IndexByte(s, '}')
		if close < 0 {
			return bad(0, "\"{\" without a closing \"}\"")
		}
		if close != len(s)-1 {
			return bad(close+1, "a parameter must be a whole segment; nothing may follow \"}\"")
		}
		name := s[1:close]
		glob := strings.HasSuffix(name, "...")
		if glob {
			name = strings.TrimSuffix(name, "...")
			if name == "" {
				return bad(0, "\"{...}\" needs a name; write \"{name...}\" or \"*\"")
			}
		}
		for i := 0; i < len(name); i++ {
			if !isNameByte(name[i], i == 0) {
				return bad(1+i, "parameter name \""+name+"\" must be letters, digits and \"_\", not starting with a digit")
			}
		}
		if glob {
			return Segment{Kind: Glob, Text: name}, nil
		}
		return Segment{Kind: Param, Text: name}, nil
	}
	if i := strings.IndexAny(s, "{}"); i >= 0 {
		return bad(i, "\""+s[i:i+1]+"\" inside a literal segment; a parameter must be a whole segment")
	}
	if strings.IndexByte(s, '%') >= 0 {
		if i := invalidEscape(s); i >= 0 {
			return bad(i, "invalid percent-escape in literal segment")
		}
		return Segment{Kind: Literal, Text: unescape(s)}, nil
	}
	return Segment{Kind: Literal, Text: s}, nil
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || !first && '0' <= c && c <= '9'
}

// String returns the pattern as it was written.
func (p *Pattern) String() string { return p.raw }

// Segments returns the pattern's segments, in a new slice on each call.
func (p *Pattern) Segments() []Segment { return p.segments() }

// Params returns the names of the pattern's parameters in order, including a
// final glob; an anonymous "{}" or "*" has the name "". The slice is new on
// each call.
func (p *Pattern) Params() []string {
	var names []string
	for _, s := range p.segments() {
		if s.Kind != Literal {
			names = append(names, s.Text)
		}
	}
	return names
}

// NumParams returns the number of parameters, including a final glob.
func (p *Pattern) NumParams() int { return int(p.nparams) }

// HasGlob reports whether the pattern ends in a glob.
func (p *Pattern) HasGlob() bool { return p.glob }

// Shape returns the pattern with every parameter written "{}" and a glob
// written "*": two patterns with the same shape match the same requests.
func (p *Pattern) Shape() string {
	var b strings.Builder
	for _, s := range p.segments() {
		b.WriteByte('/')
		switch s.Kind {
		case Glob:
			b.WriteByte('*')
		case Param:
			b.WriteString("{}")
		default:
			b.WriteString(escapeLiteral(s.Text))
		}
	}
	return b.String()
}

// Sample returns a concrete path the pattern matches, with each parameter
// replaced by its name (or "x" when anonymous) and a glob by "rest".
func (p *Pattern) Sample() string {
	var b strings.Builder
	for _, s := range p.segments() {
		b.WriteByte('/')
		switch {
		case s.Kind == Literal:
			b.WriteString(escapeLiteral(s.Text))
		case s.Text != "":
			b.WriteString(s.Text)
		case s.Kind == Param:
			b.WriteByte('x')
		default:
			b.WriteString("rest")
		}
	}
	return b.String()
}

// Match is the reference matcher: it reports whether the escaped request
// path matches the pattern and, if so, returns the raw (still escaped)
// parameter values in order. It checks the pattern alone, allocates, and
// ignores every other pattern; Tree.Lookup is the fast path that applies
// precedence. Match assumes the path's escapes are valid (see ValidPath).
func (p *Pattern) Match(path string) ([]string, bool) {
	if path == "" || path[0] != '/' {
		return nil, false
	}
	parts := strings.Split(path[1:], "/")
	var vals []string
	segs := p.segments()
	for i, s := range segs {
		if s.Kind == Glob {
			if i >= len(parts) {
				return nil, false
			}
			return append(vals, strings.Join(parts[i:], "/")), true
		}
		if i >= len(parts) {
			return nil, false
		}
		switch s.Kind {
		case Param:
			if parts[i] == "" {
				return nil, false
			}
			vals = append(vals, parts[i])
		case Literal:
			if unescape(parts[i]) != s.Text {
				return nil, false
			}
		}
	}
	if len(parts) != len(segs) {
		return nil, false
	}
	return vals, true
}

// Compare orders two patterns by specificity. Walking both from the left, at
// the first segment where their kinds differ, the one with the more specific
// kind (literal, then {}, then *) wins: Compare returns +1 if a wins and -1 if
// b wins. It returns 0 when the kinds never differ: the patterns then either
// have the same shape or can never match the same path.
func Compare(a, b *Pattern) int {
	_, c := firstDifference(a, b)
	return c
}

// firstDifference returns the index of the first segment whose kinds differ
// and the Compare result; the index is -1 when there is none.
func firstDifference(a, b *Pattern) (int, int) {
	as, bs := a.segments(), b.segments()
	n := min(len(as), len(bs))
	for i := 0; i < n; i++ {
		ka, kb := as[i].Kind, bs[i].Kind
		switch {
		case ka > kb:
			return i, +1
		case ka < kb:
			return i, -1
		}
	}
	return -1, 0
}
