package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tideway-go/tideway/adapters/adaptertest"
)

// client is one simulated user: it sends one request at a time on its own
// keep-alive connection and remembers every message it wrote, as the
// server should have stored it.
type client struct {
	name    string // also the author of its messages
	base    string // "http://127.0.0.1:port"
	http    *http.Client
	rng     *rand.Rand
	ids     []uint64          // its messages' ids, ascending
	wrote   map[uint64]string // id -> contents, as last acknowledged
	seq     int               // messages written so far, for contents
	stats   *counts
	lat     *hist // latency of valid requests in the current phase
	slowest slowest
	hostile []adaptertest.Case
	dialled atomic.Int64 // how long the last dial took, in ns; 0 if none since reset
}

// slowest is the slowest valid request of a phase, for the report.
type slowest struct {
	took time.Duration
	what string        // "client-3 get /message/123"
	at   time.Time     // when it was sent
	dial time.Duration // how long it waited for a new connection, if it made one
}

func (s slowest) String() string {
	if s.what == "" {
		return "none"
	}
	conn := "on a kept-alive connection"
	if s.dial > 0 {
		conn = fmt.Sprintf("on a new connection, dialled in %v", us(s.dial))
	}
	return fmt.Sprintf("%v (%s, sent at %s %s)", us(s.took), s.what, s.at.UTC().Format("15:04:05.000Z"), conn)
}

// counts tallies one client's requests and failures.
type counts struct {
	valid, hostile int
	byKind         map[string]int
	failures       []string // the first few, for the report
	failed         int
}

// maxFailures bounds the failures each client keeps for the report.
const maxFailures = 10

func (c *counts) fail(format string, args ...any) {
	c.failed++
	if len(c.failures) < maxFailures {
		c.failures = append(c.failures, time.Now().UTC().Format("15:04:05.000Z ")+fmt.Sprintf(format, args...))
	}
}

func newClient(i int, base string, hostile []adaptertest.Case, seed uint64) *client {
	c := &client{}
	var d net.Dialer
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		start := time.Now()
		conn, err := d.DialContext(ctx, network, addr)
		c.dialled.Store(int64(max(time.Since(start), 1)))
		return conn, err
	}
	*c = client{
		name: "client-" + strconv.Itoa(i),
		base: base,
		http: &http.Client{
			Transport: &http.Transport{DialContext: dial, MaxIdleConnsPerHost: 1, DisableCompression: true, ResponseHeaderTimeout: 30 * time.Second},
			// Redirects are answers to check, not to follow.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			Timeout:       60 * time.Second,
		},
		rng:     rand.New(rand.NewPCG(seed, uint64(i))),
		wrote:   map[uint64]string{},
		stats:   &counts{byKind: map[string]int{}},
		hostile: hostile,
	}
	return c
}

// run sends requests until deadline: a fraction hostileShare of them
// drawn from the hostile cases, the rest valid.
func (c *client) run(deadline time.Time, hostileShare float64) {
	for time.Now().Before(deadline) {
		if c.rng.Float64() < hostileShare && len(c.hostile) > 0 {
			c.sendHostile(&c.hostile[c.rng.IntN(len(c.hostile))])
			continue
		}
		c.valid()
	}
}

// valid sends one valid request, timed: 20% POST, 40% GET, 15% PUT, 25%
// list. A client with no message yet POSTs.
func (c *client) valid() {
	r := c.rng.IntN(100)
	if len(c.ids) == 0 {
		r = 0
	}
	c.dialled.Store(0)
	start := time.Now()
	var kind string
	var arg int
	switch {
	case r < 20:
		kind = "post"
		c.post()
	case r < 60:
		kind, arg = "get", c.rng.IntN(len(c.ids))
		c.get(c.ids[arg])
	case r < 75:
		kind, arg = "put", c.rng.IntN(len(c.ids))
		c.put(c.ids[arg])
	default:
		kind, arg = "list", 1+c.rng.IntN(20)
		c.list(arg)
	}
	took := time.Since(start)
	c.lat.add(took)
	if took > c.slowest.took {
		what := kind
		switch kind {
		case "get", "put":
			what += " /message/" + strconv.FormatUint(c.ids[arg], 10)
		case "list":
			what += " of " + strconv.Itoa(arg)
		}
		c.slowest = slowest{took: took, what: c.name + " " + what, at: start, dial: time.Duration(c.dialled.Load())}
	}
	c.stats.valid++
	c.stats.byKind[kind]++
}

// contents returns new contents for the client's next write: its name, a
// sequence number and filler, 1 to 500 bytes long in all.
func (c *client) contents() string {
	c.seq++
	s := c.name + "/" + strconv.Itoa(c.seq) + "/"
	return s + strings.Repeat("x", c.rng.IntN(500-len(s)))
}

func (c *client) body(contents string) string {
	b, _ := json.Marshal(Message{Contents: contents, Author: &c.name})
	return string(b)
}

func (c *client) post() {
	contents := c.contents()
	res, err := c.do("POST", "/message", c.body(contents))
	if err != nil {
		c.stats.fail("POST /message: %v", err)
		return
	}
	id, perr := strconv.ParseUint(string(res.body), 10, 64)
	if res.status != 201 || perr != nil || res.header.Get("Location") != "/message/"+string(res.body) {
		c.stats.fail("POST /message: %d %q (Location %q), want 201 and an id", res.status, res.body, res.header.Get("Location"))
		return
	}
	if _, dup := c.wrote[id]; dup || len(c.ids) > 0 && id <= c.ids[len(c.ids)-1] {
		c.stats.fail("POST /message: id %d given twice or out of order", id)
		return
	}
	c.ids = append(c.ids, id)
	c.wrote[id] = contents
}

// get reads message id and checks it is what the client last wrote.
func (c *client) get(id uint64) {
	path := "/message/" + strconv.FormatUint(id, 10)
	res, err := c.do("GET", path, "")
	if err != nil {
		c.stats.fail("GET %s: %v", path, err)
		return
	}
	if want := c.body(c.wrote[id]); res.status != 200 || string(res.body) != want {
		c.stats.fail("GET %s: %d %q, want 200 %q", path, res.status, res.body, want)
	}
}

func (c *client) put(id uint64) {
	path := "/message/" + strconv.FormatUint(id, 10)
	contents := c.contents()
	res, err := c.do("PUT", path, c.body(contents))
	if err != nil {
		c.stats.fail("PUT %s: %v", path, err)
		return
	}
	if res.status != 204 || len(res.body) != 0 {
		c.stats.fail("PUT %s: %d %q, want 204", path, res.status, res.body)
		return
	}
	c.wrote[id] = contents
}

// list lists the client's oldest messages: exactly the first limit it
// wrote, as it last wrote them, since no one else writes as its author.
func (c *client) list(limit int) {
	path := "/message?author=" + c.name + "&limit=" + strconv.Itoa(limit)
	res, err := c.do("GET", path, "")
	if err != nil {
		c.stats.fail("GET %s: %v", path, err)
		return
	}
	want := make([]Message, 0, limit)
	for _, id := range c.ids[:min(limit, len(c.ids))] {
		want = append(want, Message{Contents: c.wrote[id], Author: &c.name})
	}
	wantBody, _ := json.Marshal(want)
	if res.status != 200 || !bytes.Equal(res.body, wantBody) {
		c.stats.fail("GET %s: %d %.200q, want 200 %.200q", path, res.status, res.body, wantBody)
	}
}

// verify reads back every message the client wrote and checks its
// contents; it returns how many it read.
func (c *client) verify() int {
	for _, id := range c.ids {
		c.get(id)
	}
	return len(c.ids)
}

// forget drops what the client remembers, after the server's store was
// reset.
func (c *client) forget() {
	c.ids, c.wrote = nil, map[uint64]string{}
}

// response is what the client received.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a valid request and reads the whole response.
func (c *client) do(method, path, body string) (*response, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("%d response cut short: %w", res.StatusCode, err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: b}, nil
}

// sendHostile sends a case of the conformance suite's hostile table,
// exactly as the suite sends it, and checks the answer against the
// case's expectations: the status, the body and the headers it names.
// (The suite's rule on X-Request-ID is not checked here.)
func (c *client) sendHostile(tc *adaptertest.Case) {
	c.stats.hostile++
	r := adaptertest.Send(context.Background(), c.http, c.base, tc)
	for _, e := range checkCase(tc, r) {
		c.stats.fail("hostile case %q: %s", tc.Name, e)
	}
}

// checkCase returns how r differs from what tc wants.
func checkCase(tc *adaptertest.Case, r *adaptertest.Result) []string {
	w := tc.Want
	var errs []string
	switch {
	case r.Status != w.Status:
		return []string{fmt.Sprintf("status %d (%v), want %d", r.Status, r.Err, w.Status)}
	case w.Status == 0:
		return nil // no response, as wanted
	case w.CutShort && r.Err == nil:
		errs = append(errs, "the response ended cleanly; want it cut short")
	case !w.CutShort && r.Err != nil:
		errs = append(errs, r.Err.Error())
	}
	body := w.Body
	if body == nil {
		body = adaptertest.Exact("")
	}
	if err := body.Check(r); err != nil {
		errs = append(errs, err.Error())
	}
	for _, name := range slices.Sorted(maps.Keys(w.Header)) {
		if got := strings.Join(r.Header.Values(name), ", "); got != w.Header[name] {
			errs = append(errs, fmt.Sprintf("header %s = %q, want %q", name, got, w.Header[name]))
		}
	}
	return errs
}
