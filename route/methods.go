package route

import (
	"math/bits"
	"strings"
)

// Standard methods have fixed bits; other methods get the next free bit of
// their table when first added.
const (
	bitGET uint64 = 1 << iota
	bitHEAD
	bitPOST
	bitPUT
	bitPATCH
	bitDELETE
	bitOPTIONS
	bitCONNECT
	bitTRACE
	numStandard = iota
)

const maxMethods = 64

var standardMethods = [numStandard]string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"}

// standardBit returns the bit of a standard method, or 0.
func standardBit(m string) uint64 {
	switch m {
	case "GET":
		return bitGET
	case "HEAD":
		return bitHEAD
	case "POST":
		return bitPOST
	case "PUT":
		return bitPUT
	case "PATCH":
		return bitPATCH
	case "DELETE":
		return bitDELETE
	case "OPTIONS":
		return bitOPTIONS
	case "CONNECT":
		return bitCONNECT
	case "TRACE":
		return bitTRACE
	}
	return 0
}

// methodSet maps methods to bits for one table.
type methodSet struct {
	extra []string // methods beyond the standard ones, bit numStandard+i
	allow map[uint64]string
}

// bit returns the bit of m, or 0 when no route of the table uses m.
func (s *methodSet) bit(m string) uint64 {
	if b := standardBit(m); b != 0 {
		return b
	}
	for i, e := range s.extra {
		if e == m {
			return 1 << (numStandard + i)
		}
	}
	return 0
}

// add returns the bit of m, giving it one if it has none.
func (s *methodSet) add(m string) (uint64, error) {
	if b := s.bit(m); b != 0 {
		return b, nil
	}
	if numStandard+len(s.extra) >= maxMethods {
		return 0, &TooManyMethodsError{Method: m}
	}
	s.extra = append(s.extra, m)
	return 1 << (numStandard + len(s.extra) - 1), nil
}

// name returns the method of a single bit.
func (s *methodSet) name(b uint64) string {
	i := bits.TrailingZeros64(b)
	if i < numStandard {
		return standardMethods[i]
	}
	return s.extra[i-numStandard]
}

// names lists the methods of mask: standard ones in the order GET, HEAD,
// POST, PUT, PATCH, DELETE, OPTIONS, CONNECT, TRACE, then the others in the
// order they were first added.
func (s *methodSet) names(mask uint64) []string {
	out := make([]string, 0, bits.OnesCount64(mask))
	for m := mask; m != 0; m &= m - 1 {
		out = append(out, s.name(m&-m))
	}
	return out
}

// allowString returns the Allow header value for mask. Masks of single
// patterns are interned at registration, so the common case allocates
// nothing.
func (s *methodSet) allowString(mask uint64) string {
	if a, ok := s.allow[mask]; ok {
		return a
	}
	return strings.Join(s.names(mask), ", ")
}

func (s *methodSet) intern(mask uint64) string {
	if s.allow == nil {
		s.allow = map[uint64]string{}
	}
	a, ok := s.allow[mask]
	if !ok {
		a = strings.Join(s.names(mask), ", ")
		s.allow[mask] = a
	}
	return a
}
