package adaptertest

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
)

// slowConns is how many connections SlowClients keeps sending headers
// one byte a second, with or without the race detector (the test takes
// the same 2s under it).
const slowConns = 500

// SlowClients runs the slow-client test (a slowloris attack) against an
// adapter: with a read-header timeout of 2s, 500 connections send the
// headers of a request one byte a second while two clients send normal
// requests, one on a keep-alive connection and one on a new connection
// each time. It checks that every normal request is answered 200 within
// 1s, however many slow connections are open, and that the server closes
// each slow connection at the header timeout (2s after it was opened,
// within 1.5s), without answering it anything but an error status. Time in
// which the whole process stood still (measured by how far a 10ms sleep
// oversleeps: a busy machine) is added to the time allowed for a normal
// request and for closing a slow connection. The test takes about 3s.
//
// It needs a file descriptor per connection at each end: when the
// process's limit (ulimit -n) is lower, it opens as many as fit and says
// so; under 100, it skips.
func SlowClients(t *testing.T, serve ListenAndServe) {
	const headerTimeout = 2 * time.Second
	n := slowConns
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil && lim.Cur < uint64(2*n+100) {
		n = int(lim.Cur/2) - 50
		if n < 100 {
			t.Skipf("the file descriptor limit (ulimit -n) is %d; the test needs at least 300", lim.Cur)
		}
		t.Logf("the file descriptor limit (ulimit -n) is %d: %d slow connections instead of %d", lim.Cur, n, slowConns)
	}
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/hello").Get(func() string { return "hello" })
	addr, _, _ := start(t, serve, app, headerTimeout)
	// Time in which the whole process stood still (a busy machine) is
	// not held against the server.
	stalls := probeStalls()

	// The slow connections, each with a goroutine that trickles the
	// request and one that waits for the server to close it.
	type slowConn struct {
		opened time.Time     // before the dial
		took   time.Duration // from then to the server's close
		got    []byte        // what the server sent before closing
		err    error         // the read error, if not the clean close
	}
	slow := make([]slowConn, n)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	defer close(stop)
	request := []byte("GET /hello HTTP/1.1\r\nHost: example.com\r\nUser-Agent: slow\r\n\r\n")
	for i := range slow {
		// Timed from before the dial: the server starts its clock when
		// it accepts, which is after, so a busy machine can only make a
		// connection look slower to close, never early.
		opened := time.Now()
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("dialing slow connection %d: %v", i, err)
		}
		c.SetReadDeadline(opened.Add(headerTimeout + 10*time.Second))
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			s := &slow[i]
			s.got, s.err = io.ReadAll(c)
			s.opened, s.took = opened, time.Since(opened)
		}()
		go func() {
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for _, b := range request {
				if _, err := c.Write([]byte{b}); err != nil {
					return // closed by the server
				}
				select {
				case <-tick.C:
				case <-stop:
					return
				}
			}
		}()
	}

	// Normal traffic until every slow connection is closed.
	slowDone := make(chan struct{})
	go func() { wg.Wait(); close(slowDone) }()
	var normal sync.WaitGroup
	var mu sync.Mutex
	served := map[string]int{}
	var failures []string
	type slowRequest struct {
		name       string
		begin, end time.Time
	}
	var slowRequests []slowRequest // over 1s, checked against the stalls
	for _, name := range []string{"keep-alive", "new connections"} {
		client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: name == "new connections"}}
		normal.Add(1)
		go func() {
			defer normal.Done()
			defer client.CloseIdleConnections()
			for {
				select {
				case <-slowDone:
					return
				case <-time.After(20 * time.Millisecond):
				}
				begin := time.Now()
				status, body, err := get(client, "http://"+addr+"/hello")
				took := time.Since(begin)
				mu.Lock()
				switch {
				case err != nil || status != 200 || body != "hello":
					failures = append(failures, fmt.Sprintf("%s: GET /hello: %d %q %v", name, status, body, err))
				case took > time.Second:
					slowRequests = append(slowRequests, slowRequest{name, begin, begin.Add(took)})
					fallthrough
				default:
					served[name]++
				}
				mu.Unlock()
			}
		}()
	}
	normal.Wait()
	stalls.Stop()

	for _, f := range failures {
		t.Error(f)
	}
	for _, r := range slowRequests {
		if took, stalled := r.end.Sub(r.begin), stalls.during(r.begin, r.end); took-stalled > time.Second {
			t.Errorf("%s: GET /hello took %v (the process was stalled for %v of it)", r.name, took, stalled)
		}
	}
	for _, name := range []string{"keep-alive", "new connections"} {
		if served[name] < 10 {
			t.Errorf("%s: %d normal requests served while the slow connections were open; want at least 10", name, served[name])
		}
	}
	var shortest, longest time.Duration
	bad := 0
	for i, s := range slow {
		if i == 0 || s.took < shortest {
			shortest = s.took
		}
		longest = max(longest, s.took)
		late := headerTimeout + 1500*time.Millisecond + stalls.during(s.opened, s.opened.Add(s.took))
		if (s.err != nil && !refused(s.err)) || s.took < headerTimeout-100*time.Millisecond || s.took > late ||
			bytes.HasPrefix(s.got, []byte("HTTP/1.1 2")) {
			if bad++; bad <= 5 {
				t.Errorf("slow connection %d: closed after %v with %v, having received %q; want it closed at about %v", i, s.took, s.err, s.got, headerTimeout)
			}
		}
	}
	if bad > 5 {
		t.Errorf("... and %d more slow connections like these", bad-5)
	}
	t.Logf("%d slow connections closed after %v to %v; normal requests served meanwhile: %v", n, shortest, longest, served)
}

// get sends a GET and reads the whole answer.
func get(client *http.Client, url string) (int, string, error) {
	res, err := client.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}
