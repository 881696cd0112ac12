package main

import (
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway/adapters/adaptertest"
)

// TestSoak runs a short soak on each adapter: every pass condition but
// latency must hold.
func TestSoak(t *testing.T) {
	for _, server := range []string{"nethttp", "fasthttp"} {
		t.Run(server, func(t *testing.T) {
			var out strings.Builder
			failures, err := run(config{server: server, duration: time.Second, warmup: 500 * time.Millisecond, clean: 300 * time.Millisecond,
				clients: 4, hostile: 0.05, settle: 10 * time.Second, seed: 1}, &out)
			t.Log(out.String())
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range failures {
				t.Error(f)
			}
		})
	}
}

func TestHistQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name string
		gen  func() time.Duration
	}{
		{"nanoseconds", func() time.Duration { return time.Duration(rng.IntN(100)) }},
		{"microseconds", func() time.Duration { return time.Duration(rng.IntN(1e6)) }},
		{"long tail", func() time.Duration { return time.Duration(rng.ExpFloat64() * 1e6) }},
		{"seconds", func() time.Duration { return time.Duration(rng.Int64N(int64(100 * time.Second))) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h hist
			var all []time.Duration
			for range 10000 {
				d := tc.gen()
				h.add(d)
				all = append(all, d)
			}
			slices.Sort(all)
			for _, q := range []float64{0.5, 0.9, 0.99, 0.999, 1} {
				exact := all[max(int(q*float64(len(all))+0.5), 1)-1]
				got := h.quantile(q)
				if got < exact || float64(got-exact) > float64(exact)/subBuckets+1 {
					t.Errorf("quantile(%v) = %v, exact %v: more than 1/%d over, or under", q, got, exact, subBuckets)
				}
			}
			if h.max != all[len(all)-1] || h.n != uint64(len(all)) {
				t.Errorf("max %v, n %d; want %v, %d", h.max, h.n, all[len(all)-1], len(all))
			}
		})
	}
	if q := (&hist{}).quantile(0.99); q != 0 {
		t.Errorf("empty quantile = %v", q)
	}
}

func TestHistBuckets(t *testing.T) {
	last := bucket(math.MaxInt64) // durations end there
	if last >= len(hist{}.counts) {
		t.Fatalf("the largest duration falls in bucket %d, past the %d buckets", last, len(hist{}.counts))
	}
	for b := range last + 1 {
		lo := lower(b)
		if bucket(lo) != b || lo > 0 && bucket(lo-1) != b-1 {
			t.Fatalf("bucket %d starts at %v, which is in bucket %d (and %v in %d)", b, lo, bucket(lo), lo-1, bucket(lo-1))
		}
	}
}

func TestStore(t *testing.T) {
	ann, bob := "ann", "bob"
	s := newStore()
	for _, m := range []Message{{"a1", &ann}, {"b1", &bob}, {"a2", &ann}, {"none", nil}} {
		s.insert(m)
	}
	contents := func(ms []Message) string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Contents)
		}
		return strings.Join(out, ",")
	}
	steps := []struct {
		name   string
		do     func() bool
		author string
		limit  int
		want   string
	}{
		{"by author", nil, "ann", 10, "a1,a2"},
		{"limited", nil, "ann", 1, "a1"},
		{"all", nil, "", 3, "a1,b1,a2"},
		{"author changed", func() bool { return s.set(1, Message{"b0", &bob}) }, "bob", 10, "b0,b1"},
		{"author gone", nil, "ann", 10, "a2"},
		{"author added", func() bool { return s.set(4, Message{"a3", &ann}) }, "ann", 10, "a2,a3"},
		{"missing id", func() bool { return !s.set(99, Message{"x", &ann}) }, "ann", 10, "a2,a3"},
		{"reset", func() bool { s.reset(); return s.len() == 0 }, "ann", 10, ""},
		{"after a reset", func() bool { id := s.insert(Message{"a5", &ann}); _, old := s.get(1); return id == 5 && !old }, "ann", 10, "a5"},
	}
	for _, st := range steps {
		if st.do != nil && !st.do() {
			t.Errorf("%s: the step failed", st.name)
		}
		if got := contents(s.list(st.author, st.limit)); got != st.want {
			t.Errorf("%s: list(%q, %d) = %q, want %q", st.name, st.author, st.limit, got, st.want)
		}
	}
}

func TestCheckCase(t *testing.T) {
	want := adaptertest.Case{Name: "hostile x", Want: adaptertest.Want{Status: 400, Body: adaptertest.Exact("no"),
		Header: map[string]string{"X-A": "1", "X-Gone": ""}}}
	cut := adaptertest.Case{Name: "hostile cut", Want: adaptertest.Want{Status: 0}}
	header := http.Header{"X-A": {"1"}}
	for _, tc := range []struct {
		name string
		tc   adaptertest.Case
		r    adaptertest.Result
		errs int
	}{
		{"as wanted", want, adaptertest.Result{Status: 400, Body: []byte("no"), Header: header}, 0},
		{"wrong status", want, adaptertest.Result{Status: 200, Body: []byte("no"), Header: header}, 1},
		{"wrong body and header", want, adaptertest.Result{Status: 400, Body: []byte("yes"), Header: http.Header{"X-Gone": {"2"}}}, 3},
		{"cut short, unwanted", want, adaptertest.Result{Status: 400, Body: []byte("no"), Header: header, Err: io.ErrUnexpectedEOF}, 1},
		{"no response, as wanted", cut, adaptertest.Result{Err: errors.New("EOF")}, 0},
		{"a response, unwanted", cut, adaptertest.Result{Status: 200}, 1},
	} {
		if errs := checkCase(&tc.tc, &tc.r); len(errs) != tc.errs {
			t.Errorf("%s: %q, want %d errors", tc.name, errs, tc.errs)
		}
	}
}
