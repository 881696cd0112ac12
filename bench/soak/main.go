// Command soak serves the messages app on loopback with one of Tideway's
// adapters and drives it with concurrent clients for a set time, mixing
// valid requests with the hostile requests of the conformance suite, then
// checks that nothing was lost or leaked:
//
//	go run ./soak -server nethttp -duration 20s
//	go run ./soak -server fasthttp -duration 10m -check-latency
//
// The server runs in this process (the adapter's ListenAndServe on
// 127.0.0.1:0), so the program can read its heap and goroutines. The app is
// the conformance suite's (adaptertest.NewApp, whose routes the hostile
// cases are written against) with the four endpoints of examples/messages
// added: POST /message, GET /message (a listing by author), GET and PUT
// /message/{id}.
//
// # Phases
//
//  1. Warm-up: every client sends every hostile case once, all at the
//     same time and in the same order, so that the servers' pools of
//     goroutines grow to what the load can need; then the mixed load, for
//     -warmup.
//     Then the first checkpoint: every client reads back every message
//     it wrote; the store and the clients' records are emptied, idle
//     connections are closed, and the heap (live bytes after
//     runtime.GC) and the goroutine count are taken as the baseline.
//  2. Clean (-clean): valid requests alone, for the latency reference.
//  3. Mixed (-duration): valid requests, and a share (-hostile, 1%) drawn
//     at random from the hostile cases.
//  4. The last checkpoint, as the first: every message read back, the
//     store emptied, connections closed; then the heap and goroutines are
//     sampled until both are back within 10% of the baseline, for at most
//     -settle. Finally the server shuts down gracefully.
//
// Each of -clients clients sends one request at a time, as fast as the
// server answers, on its own keep-alive connection, and is the only
// author of its messages, so it knows what every answer must be. Valid
// requests are 20% POST /message, 40% GET /message/{id} of one of its
// messages, 15% PUT /message/{id}, 25% GET /message?author=it&limit=1..20.
//
// # Pass conditions
//
// The program exits 1, naming each failure, unless
//
//   - every valid request got its expected status and body (a POST 201
//     and a new id, a GET the contents last written, a PUT 204, a listing
//     exactly the client's oldest messages);
//   - every hostile request got the answer the suite expects of it
//     (status, body and the headers the case names);
//   - every message acknowledged with 201 reads back, at each
//     checkpoint, with the contents last acknowledged;
//   - the heap and the goroutine count come back within 10% of the
//     baseline;
//   - the server shuts down cleanly;
//   - with -check-latency, the p99 latency of valid requests in the mixed
//     phase is at most 1.5 times that of the clean phase. Timing depends
//     on the machine, so CI leaves it off.
//
// # Output
//
// Each phase prints its request rate and the latency of its valid
// requests (p50, p90, p99, p99.9, max, from a histogram exact to 3%), the
// slowest valid request (which client, what, when, and whether it had to
// dial), and the longest stalls of the whole process, measured by how far
// a 10ms sleep overslept: on a shared machine a stall delays every request
// alike, and a stall longer than a server timeout (10s to read a request's
// headers) can make the server close a connection it would have served.
//
// Hostile cases left out: those the suite skips for the adapter (known
// differences, see adaptertest), "hostile late write refused" (it reads a
// result another request leaves, so it only holds in the suite's order)
// and cases with a body over 2 MiB (the 33 MiB one: the copy the program
// keeps would dwarf the heap it measures).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/adaptertest"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

// config is what the flags set.
type config struct {
	server       string
	duration     time.Duration // the mixed phase
	warmup       time.Duration
	clean        time.Duration
	clients      int
	hostile      float64 // share of hostile requests in the mixed phase
	settle       time.Duration
	checkLatency bool
	seed         uint64
}

func main() {
	var cfg config
	flag.StringVar(&cfg.server, "server", "nethttp", "adapter to serve with: nethttp or fasthttp")
	flag.DurationVar(&cfg.duration, "duration", 20*time.Second, "length of the mixed phase")
	flag.DurationVar(&cfg.warmup, "warmup", 3*time.Second, "length of the warm-up")
	flag.DurationVar(&cfg.clean, "clean", 5*time.Second, "length of the clean phase (valid requests only, the latency reference)")
	flag.IntVar(&cfg.clients, "clients", 8, "concurrent clients")
	flag.Float64Var(&cfg.hostile, "hostile", 0.01, "share of hostile requests in the warm-up and mixed phases")
	flag.DurationVar(&cfg.settle, "settle", 30*time.Second, "how long the heap and goroutines may take to come back after the load")
	flag.BoolVar(&cfg.checkLatency, "check-latency", false, "fail if the mixed phase's p99 is over 1.5 times the clean phase's")
	flag.Uint64Var(&cfg.seed, "seed", uint64(time.Now().UnixNano()), "seed of the clients' random choices")
	flag.Parse()
	if cfg.server != "nethttp" && cfg.server != "fasthttp" || cfg.clients < 1 || cfg.hostile < 0 || cfg.hostile > 1 {
		fmt.Fprintln(os.Stderr, "soak: -server must be nethttp or fasthttp, -clients at least 1, -hostile in [0, 1]")
		os.Exit(2)
	}
	failures, err := run(cfg, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
	if len(failures) > 0 {
		for _, f := range failures {
			fmt.Fprintln(os.Stderr, "soak: FAIL:", f)
		}
		os.Exit(1)
	}
	fmt.Fprintln(os.Stdout, "soak: PASS")
}

// run runs the soak, writing its progress and figures to out, and
// returns the pass conditions that failed; err is for a soak that could
// not run at all.
func run(cfg config, out io.Writer) (failures []string, err error) {
	logf := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	hostile, left := hostileCases(cfg.server)
	logf("soak: %s, %d clients, seed %d; %d hostile cases (left out: %s)", cfg.server, cfg.clients, cfg.seed, len(hostile), strings.Join(left, "; "))

	db := newStore()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, done, err := listen(ctx, cfg.server, newApp(db))
	if err != nil {
		return nil, err
	}
	clients := make([]*client, cfg.clients)
	for i := range clients {
		clients[i] = newClient(i, "http://"+addr, hostile, cfg.seed)
	}

	// 1. Warm-up, then the baseline.
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() {
			for i := range hostile {
				c.sendHostile(&hostile[i])
			}
		})
	}
	wg.Wait()
	phase(clients, cfg.warmup, cfg.hostile)
	verified := checkpoint(db, clients)
	base := settle(0, 0, time.Second)
	logf("warm-up: %v, %d messages read back; baseline: heap %s live (%s in use), %d goroutines",
		cfg.warmup, verified, mib(base.heap), mib(base.inuse), base.goroutines)

	// 2 and 3: the clean phase, then the mixed one.
	clean := phase(clients, cfg.clean, 0)
	logf("clean: %s", clean.summary(cfg.clean))
	mixed := phase(clients, cfg.duration, cfg.hostile)
	logf("mixed: %s", mixed.summary(cfg.duration))

	// 4. The last checkpoint.
	verified = checkpoint(db, clients)
	limitHeap, limitG := base.heap+base.heap/10, base.goroutines+base.goroutines/10
	end := settle(limitHeap, limitG, cfg.settle)
	logf("end: %d messages read back; heap %s live (%s in use), %d goroutines, %v after the load",
		verified, mib(end.heap), mib(end.inuse), end.goroutines, end.after.Round(time.Millisecond))

	// The verdict.
	var valid, hostileSent, failed int
	kinds := map[string]int{}
	for _, c := range clients {
		valid += c.stats.valid
		hostileSent += c.stats.hostile
		failed += c.stats.failed
		for k, n := range c.stats.byKind {
			kinds[k] += n
		}
		for _, f := range c.stats.failures {
			failures = append(failures, c.name+": "+f)
		}
	}
	logf("requests: %d valid (%d post, %d get, %d put, %d list), %d hostile; %d failed",
		valid, kinds["post"], kinds["get"], kinds["put"], kinds["list"], hostileSent, failed)
	if failed > len(failures) {
		failures = append(failures, fmt.Sprintf("... %d failed requests in all", failed))
	}
	if end.heap > limitHeap {
		failures = append(failures, fmt.Sprintf("live heap %s after the load, over 110%% of the baseline %s", mib(end.heap), mib(base.heap)))
	}
	if end.goroutines > limitG {
		failures = append(failures, fmt.Sprintf("%d goroutines after the load, over 110%% of the baseline %d", end.goroutines, base.goroutines))
	}
	ratio := float64(mixed.lat.quantile(0.99)) / float64(max(clean.lat.quantile(0.99), 1))
	logf("p99 mixed / clean: %.2f", ratio)
	if cfg.checkLatency && ratio > 1.5 {
		failures = append(failures, fmt.Sprintf("p99 latency of valid requests %v in the mixed phase, over 1.5 times the clean phase's %v",
			mixed.lat.quantile(0.99), clean.lat.quantile(0.99)))
	}
	cancel()
	if err := <-done; err != nil {
		failures = append(failures, fmt.Sprintf("the server's graceful shutdown: %v", err))
	}
	return failures, nil
}

// hostileCases returns the hostile cases of the conformance suite that
// the soak sends to adapter, and the names of those it leaves out, with
// why.
func hostileCases(adapter string) (cases []adaptertest.Case, left []string) {
	for _, tc := range adaptertest.Cases() {
		switch {
		case !strings.HasPrefix(tc.Name, "hostile "):
		case tc.Skip[adapter] != "":
			left = append(left, tc.Name+" (skipped by the suite for "+adapter+")")
		case tc.Name == "hostile late write refused":
			left = append(left, tc.Name+" (holds only in the suite's order)")
		case len(tc.Body) > 2<<20:
			left = append(left, tc.Name+" (a body over 2 MiB)")
		default:
			cases = append(cases, tc)
		}
	}
	return cases, left
}

// listen serves app with the named adapter's ListenAndServe on a loopback
// port until ctx is done, with the adapter's defaults and its error log
// silenced (the hostile requests fill it), and returns the address and
// what ListenAndServe returns.
func listen(ctx context.Context, server string, app *tideway.App) (string, <-chan error, error) {
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	onReady := func(a net.Addr) { ready <- a }
	go func() {
		switch server {
		case "nethttp":
			done <- nethttp.ListenAndServe("127.0.0.1:0", app, nethttp.WithContext(ctx), nethttp.WithReady(onReady),
				nethttp.WithServer(func(s *http.Server) { s.ErrorLog = log.New(io.Discard, "", 0) }))
		case "fasthttp":
			done <- tfasthttp.ListenAndServe("127.0.0.1:0", app, tfasthttp.WithContext(ctx), tfasthttp.WithReady(onReady),
				tfasthttp.WithServer(func(s *fasthttp.Server) { s.Logger = discard{} }))
		}
	}()
	select {
	case a := <-ready:
		return a.String(), done, nil
	case err := <-done:
		return "", nil, fmt.Errorf("%s: %v", server, err)
	}
}

type discard struct{}

func (discard) Printf(string, ...any) {}

// phaseResult is what one phase measured.
type phaseResult struct {
	lat     *hist // latency of the valid requests
	slowest slowest
	// stall is the longest a 10ms sleep overslept during the phase, and
	// when: a pause of the whole process (the machine, or the runtime),
	// which delays every request alike. stalls holds the longest few
	// over a second.
	stall   time.Duration
	stallAt time.Time
	stalls  []stall
}

// stall is a pause of the whole process.
type stall struct {
	took time.Duration
	at   time.Time
}

// maxStalls is how many of the longest stalls a phase reports.
const maxStalls = 10

func (p phaseResult) summary(d time.Duration) string {
	h := p.lat
	return fmt.Sprintf("%v, %d valid requests (%.0f/s); latency p50 %v, p90 %v, p99 %v, p99.9 %v, max %v; slowest %v; "+
		"longest process stall %v (a 10ms sleep overslept, at %s)",
		d, h.n, float64(h.n)/d.Seconds(), us(h.quantile(0.5)), us(h.quantile(0.9)), us(h.quantile(0.99)), us(h.quantile(0.999)), us(h.max), p.slowest,
		us(p.stall), p.stallAt.UTC().Format("15:04:05.000Z")) + stallList(p.stalls)
}

// stallList lists stalls in the order they happened.
func stallList(stalls []stall) string {
	if len(stalls) == 0 {
		return ""
	}
	var out []string
	for _, s := range stalls {
		out = append(out, fmt.Sprintf("%v at %s", us(s.took), s.at.UTC().Format("15:04:05.000Z")))
	}
	return fmt.Sprintf("; the %d longest stalls over 1s: %s", len(stalls), strings.Join(out, ", "))
}

// phase runs every client for d, with the given share of hostile
// requests, and returns the latency of their valid requests.
func phase(clients []*client, d time.Duration, hostileShare float64) phaseResult {
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for _, c := range clients {
		c.lat, c.slowest = &hist{}, slowest{}
		wg.Go(func() { c.run(deadline, hostileShare) })
	}
	res := phaseResult{lat: &hist{}}
	probed := make(chan struct{})
	go func() {
		defer close(probed)
		for time.Now().Before(deadline) {
			start := time.Now()
			time.Sleep(10 * time.Millisecond)
			late := time.Since(start) - 10*time.Millisecond
			if late > res.stall {
				res.stall, res.stallAt = late, start
			}
			if late > time.Second {
				res.stalls = append(res.stalls, stall{late, start})
				if len(res.stalls) > maxStalls {
					shortest := 0
					for i, s := range res.stalls {
						if s.took < res.stalls[shortest].took {
							shortest = i
						}
					}
					res.stalls = slices.Delete(res.stalls, shortest, shortest+1)
				}
			}
		}
	}()
	wg.Wait()
	<-probed
	for _, c := range clients {
		res.lat.merge(c.lat)
		if c.slowest.took > res.slowest.took {
			res.slowest = c.slowest
		}
	}
	return res
}

// checkpoint reads back every message each client wrote (in parallel,
// one client per goroutine), then empties the store and the clients'
// records and closes the clients' idle connections, so that what is left
// on the heap is the server's own. It returns how many messages were
// read back.
func checkpoint(db *store, clients []*client) int {
	var wg sync.WaitGroup
	counts := make([]int, len(clients))
	for i, c := range clients {
		c.lat = &hist{} // reads back are not timed with the phases
		wg.Go(func() { counts[i] = c.verify() })
	}
	wg.Wait()
	for _, c := range clients {
		if n := len(c.ids); db.len() < n {
			c.stats.fail("the store holds %d messages, fewer than the %d this client wrote", db.len(), n)
		}
	}
	db.reset()
	for _, c := range clients {
		c.forget()
		c.http.CloseIdleConnections()
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	return total
}

// sample is the process's heap and goroutines at one moment.
type sample struct {
	heap, inuse uint64 // live bytes and bytes in in-use spans, after GC
	goroutines  int
	after       time.Duration // since settle began
}

// settle samples the heap (after a full GC) and the goroutine count every
// 100ms until both are at most heapLimit and gLimit, or for wait, and
// returns the first sample within the limits, or else the last. With zero
// limits it samples for wait and returns the last sample: the baseline,
// once the connections just closed have wound down.
func settle(heapLimit uint64, gLimit int, wait time.Duration) sample {
	start := time.Now()
	for {
		runtime.GC()
		runtime.GC() // a second cycle empties the sync.Pools' victim caches
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		s := sample{heap: ms.HeapAlloc, inuse: ms.HeapInuse, goroutines: runtime.NumGoroutine(), after: time.Since(start)}
		if heapLimit > 0 && s.heap <= heapLimit && s.goroutines <= gLimit || time.Since(start) >= wait {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func mib(b uint64) string { return fmt.Sprintf("%.2f MiB", float64(b)/(1<<20)) }

// us rounds d for reports: microseconds under 10ms, else milliseconds.
func us(d time.Duration) time.Duration {
	if d < 10*time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(100 * time.Microsecond)
}
