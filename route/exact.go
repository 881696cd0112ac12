package route

import (
	"math/bits"
	"strings"
)

// exactTable maps the path of every fully literal pattern to its leaf, so
// that a request for such a path is answered with one hash probe. It is an
// open-addressing table with linear probing, kept at most half full.
//
// A fully literal pattern is the most specific of all patterns that match
// its path (it wins at the first segment where kinds differ), so when its
// leaf serves the method it is the answer. The table is only consulted for
// paths without escapes, and holds only patterns whose literals contain
// neither '/' nor '%', so that comparing the raw path with the key is the
// same as comparing it segment by segment after unescaping.
type exactTable struct {
	// filter has the bit filterBit(key) set for every key, so that most
	// other paths are turned away before hashing.
	filter [4]uint64
	slots  []exactSlot // len is zero or a power of two
	shift  uint        // 64 - log2(len(slots))
	n      int
}

type exactSlot struct {
	path string
	leaf *leaf // nil for an empty slot
}

// exactKey returns the path that the pattern segs alone matches and
// whether it may go in an exactTable.
func exactKey(segs []Segment) (string, bool) {
	var b strings.Builder
	for _, s := range segs {
		if s.Kind != Literal || strings.ContainsAny(s.Text, "/%") {
			return "", false
		}
		b.WriteByte('/')
		b.WriteString(s.Text)
	}
	return b.String(), true
}

// filterBit mixes the length and the last byte of a non-empty path into
// a bit number for exactTable.filter.
func filterBit(path string) uint {
	return (uint(len(path))*37 + uint(path[len(path)-1])) & 255
}

// mayHold reports whether the non-empty path may be a key: false for most
// paths that are not. It inlines, so that such a path costs no call.
func (e *exactTable) mayHold(path string) bool {
	b := filterBit(path)
	return e.filter[b/64]&(1<<(b%64)) != 0
}

// get returns the leaf stored for the non-empty path, or nil.
func (e *exactTable) get(path string) *leaf {
	if !e.mayHold(path) {
		return nil
	}
	return e.probe(path)
}

// probe is get for a path that mayHold lets through.
func (e *exactTable) probe(path string) *leaf {
	mask := uint64(len(e.slots) - 1)
	for i := exactHash(path) >> e.shift; ; i = (i + 1) & mask {
		s := &e.slots[i]
		if s.leaf == nil || s.path == path {
			return s.leaf
		}
	}
}

// put stores l for path, which must not be in the table yet.
func (e *exactTable) put(path string, l *leaf) {
	if 2*(e.n+1) > len(e.slots) {
		old := e.slots
		e.slots = make([]exactSlot, max(8, 2*len(old)))
		e.shift = uint(64 - bits.TrailingZeros(uint(len(e.slots))))
		for _, s := range old {
			if s.leaf != nil {
				e.insert(s)
			}
		}
	}
	e.insert(exactSlot{path, l})
	e.n++
	b := filterBit(path)
	e.filter[b/64] |= 1 << (b % 64)
}

func (e *exactTable) insert(s exactSlot) {
	mask := uint64(len(e.slots) - 1)
	i := exactHash(s.path) >> e.shift
	for e.slots[i].leaf != nil {
		i = (i + 1) & mask
	}
	e.slots[i] = s
}

// exactHash hashes a path for exactTable from its length and its first and
// last eight bytes, which tell most paths of a table apart; the others only
// make probe sequences longer. The table uses the top bits.
func exactHash(path string) uint64 {
	var a, b uint64
	if len(path) >= 8 {
		a, b = load64(path, 0), load64(path, len(path)-8)
	} else {
		for i := 0; i < len(path); i++ {
			a = a<<8 | uint64(path[i])
		}
	}
	return (a ^ bits.RotateLeft64(b, 29) ^ uint64(len(path))) * 0x9e3779b97f4a7c15
}
