package route

import (
	"sort"
	"strings"
)

// node is one place in the segment tree. The tree is not generic: leaves
// hold indexes into Tree.routes, so the hot search is plain code.
//
// A static child matches one literal segment, or a chain of them: a run of
// non-empty literal segments without "/" in their text, where no node in
// between has a route, a {} or * child, or a second static child, is kept
// as one node whose text is the segments joined by "/". The chain is then
// matched by a single prefix comparison with the path. Chains are split when
// a later route branches off in the middle, so the shape of the tree never
// depends on registration order.
type node struct {
	// text is the literal text matched at this node when it is a static
	// child: one segment, or a chain of segments joined by '/'. lead holds
	// its first eight bytes (fewer if it is shorter) as load64 reads them,
	// and mask has a 0xff byte for each of them, to compare a short text
	// with one instruction.
	text string
	lead uint64
	mask uint64
	// first holds the first byte of each static child's text, in statics
	// order, for a quick scan before comparing whole texts.
	first string
	// statics are the static children with non-empty text, sorted by their
	// first segment (so children with the same first byte are adjacent).
	statics []*node
	// index, when the node has many static children, finds those with a
	// given first byte. Few nodes have one, so it is kept apart.
	index *firstIndex
	// slash marks a single segment whose unescaped text holds a '/' (it was
	// written "%2F"): only an escaped path can match it, and its text is not
	// a chain.
	slash bool
	empty *node // the child for an empty segment (a "//" or trailing "/")
	param *node
	glob  *leaf // routes of the pattern that adds a final glob here
	leaf  *leaf // routes whose pattern ends here, or nil
}

// firstIndex maps a byte c in [lo, lo+len(at)-1) to the static children
// with that first byte: they are statics[at[c-lo]:at[c-lo+1]].
type firstIndex struct {
	lo byte
	at []uint16
}

// indexMin is the number of static children from which a node keeps an
// index by first byte instead of scanning first.
const indexMin = 8

// chainable reports whether a literal segment may be part of a chain.
func chainable(text string) bool {
	return text != "" && strings.IndexByte(text, '/') < 0
}

// firstSeg returns the first segment of a static child's text.
func (n *node) firstSeg() string {
	if n.slash {
		return n.text
	}
	if i := strings.IndexByte(n.text, '/'); i >= 0 {
		return n.text[:i]
	}
	return n.text
}

// staticChild returns the static child whose first segment is text.
func (n *node) staticChild(text string) *node {
	if text == "" {
		return n.empty
	}
	for i, c := range n.statics {
		if n.first[i] == text[0] && c.firstSeg() == text {
			return c
		}
	}
	return nil
}

// find returns the leaf slot for the shape of segs, or nil if the tree has
// no node for it. It changes nothing.
func (n *node) find(segs []Segment) **leaf {
	for i := 0; i < len(segs); {
		s := segs[i]
		switch s.Kind {
		case Glob:
			return &n.glob
		case Param:
			n = n.param
			i++
		default:
			n = n.staticChild(s.Text)
			if n == nil {
				return nil
			}
			k, off := n.follow(segs, i)
			if off < len(n.text) {
				return nil // the pattern ends or turns off inside the chain
			}
			i = k
		}
		if n == nil {
			return nil
		}
	}
	return &n.leaf
}

// follow returns how far segs, from segs[i] (which equals n's first
// segment), run along n's text: the index of the first segment not
// consumed and the offset in n.text where they part, len(n.text) when the
// whole text matched.
func (n *node) follow(segs []Segment, i int) (int, int) {
	off := len(n.firstSeg())
	i++
	for off < len(n.text) {
		// n is a chain and n.text[off] is the '/' before its next segment.
		rest := n.text[off+1:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			rest = rest[:j]
		}
		if i >= len(segs) || segs[i].Kind != Literal || segs[i].Text != rest {
			break
		}
		off += 1 + len(rest)
		i++
	}
	return i, off
}

// insert returns the leaf slot for the shape of segs, creating and
// splitting nodes on the way.
func (n *node) insert(segs []Segment) **leaf {
	for i := 0; i < len(segs); {
		s := segs[i]
		switch s.Kind {
		case Glob:
			return &n.glob
		case Param:
			if n.param == nil {
				n.param = &node{}
			}
			n = n.param
			i++
		default:
			if s.Text == "" {
				if n.empty == nil {
					n.empty = &node{}
				}
				n = n.empty
				i++
				continue
			}
			c := n.staticChild(s.Text)
			if c == nil {
				// A new branch: chain as many segments as allowed.
				k := i + 1
				if chainable(s.Text) {
					for k < len(segs) && segs[k].Kind == Literal && chainable(segs[k].Text) {
						k++
					}
				}
				texts := make([]string, 0, k-i)
				for _, s := range segs[i:k] {
					texts = append(texts, s.Text)
				}
				c = &node{slash: !chainable(s.Text)}
				c.setText(strings.Join(texts, "/"))
				n.addStatic(c)
				n, i = c, k
				continue
			}
			k, off := c.follow(segs, i)
			if off < len(c.text) {
				c.split(off)
			}
			n, i = c, k
		}
	}
	return &n.leaf
}

// split cuts the chain n at off, the offset of a '/' in its text: n keeps
// the text before it and gets a single static child holding the rest of
// the text and everything n had below it.
func (n *node) split(off int) {
	text := n.text
	tail := *n
	tail.setText(text[off+1:])
	*n = node{}
	n.setText(text[:off])
	n.addStatic(&tail)
}

// setText sets n.text, n.lead and n.mask.
func (n *node) setText(text string) {
	n.text = text
	n.lead, n.mask = 0, 0
	for i := min(len(text), 8) - 1; i >= 0; i-- {
		n.lead = n.lead<<8 | uint64(text[i])
		n.mask = n.mask<<8 | 0xff
	}
}

// addStatic adds c, whose first segment is new among n's static children.
func (n *node) addStatic(c *node) {
	key := c.firstSeg()
	i := sort.Search(len(n.statics), func(i int) bool { return n.statics[i].firstSeg() >= key })
	n.statics = append(n.statics, nil)
	copy(n.statics[i+1:], n.statics[i:])
	n.statics[i] = c
	first := make([]byte, len(n.statics))
	for i, s := range n.statics {
		first[i] = s.text[0]
	}
	n.first = string(first)
	n.index = nil
	if len(n.statics) >= indexMin && len(n.statics) < 1<<16 {
		// first is sorted, so the children starting with each byte are
		// adjacent: at[b] counts the children whose first byte is below
		// lo+b, and the last entry counts them all.
		x := &firstIndex{lo: first[0]}
		x.at = make([]uint16, int(first[len(first)-1]-x.lo)+2)
		j := 0
		for b := range x.at {
			for j < len(first) && int(first[j]) < int(x.lo)+b {
				j++
			}
			x.at[b] = uint16(j)
		}
		n.index = x
	}
}

// walkLeaves calls fn for every leaf under n: depth first, the empty
// segment and then literal children (alphabetically) before {} before *.
func (n *node) walkLeaves(fn func(*leaf)) {
	if n.leaf != nil {
		fn(n.leaf)
	}
	if n.empty != nil {
		n.empty.walkLeaves(fn)
	}
	for _, c := range n.statics {
		c.walkLeaves(fn)
	}
	if n.param != nil {
		n.param.walkLeaves(fn)
	}
	if n.glob != nil {
		fn(n.glob)
	}
}
