package main

import (
	"math/bits"
	"time"
)

// hist is a latency histogram of fixed size, so that recording millions of
// requests does not grow the heap the soak measures. Durations are kept in
// nanoseconds in log-linear buckets: 32 per power of two, so a percentile
// is exact to within 1/32 (3%).
type hist struct {
	counts [64 * subBuckets]uint64
	n      uint64
	max    time.Duration
}

const subBits = 5
const subBuckets = 1 << subBits

// bucket returns the bucket of d.
func bucket(d time.Duration) int {
	v := uint64(max(d, 0))
	if v < subBuckets {
		return int(v)
	}
	exp := bits.Len64(v) - 1 // v is in [2^exp, 2^(exp+1))
	sub := (v >> (exp - subBits)) & (subBuckets - 1)
	return (exp-subBits+1)*subBuckets + int(sub)
}

// lower returns the smallest duration in bucket b.
func lower(b int) time.Duration {
	if b < subBuckets {
		return time.Duration(b)
	}
	exp := b/subBuckets + subBits - 1
	sub := uint64(b % subBuckets)
	return time.Duration(1<<exp | sub<<(exp-subBits))
}

// add records d.
func (h *hist) add(d time.Duration) {
	h.counts[bucket(d)]++
	h.n++
	h.max = max(h.max, d)
}

// merge adds o's records to h.
func (h *hist) merge(o *hist) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.max = max(h.max, o.max)
}

// quantile returns the duration under which a fraction q of the records
// fall: the upper end of the bucket that holds the q-th record, capped at
// the largest record; 0 when h is empty.
func (h *hist) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := uint64(q*float64(h.n) + 0.5)
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for b, c := range h.counts {
		if seen += c; seen >= rank {
			return min(lower(b+1)-1, h.max)
		}
	}
	return h.max
}
