package adaptertest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
)

// ShutdownUnderLoad runs the graceful-shutdown test against an adapter:
// eight clients POST notes continuously, each on its own keep-alive
// connection, plus one POST whose handler is held until the test lets it
// go; then the server's context is cancelled, as SIGTERM would. It checks
// that
//
//   - new connections are refused (or reset, if the kernel had queued
//     them as the listener closed) as soon as the shutdown begins, while
//     the held request is still in flight;
//   - the held request, and every other one in flight, completes: the
//     client gets its whole 201;
//   - no client ever gets a truncated or malformed response: each request
//     gets a whole 201, or no answer at all (the connection refused,
//     reset or closed before any byte of a response);
//   - every note acknowledged with 201 is in the store afterwards with the
//     contents sent, and the store holds nothing that was not
//     acknowledged;
//   - ListenAndServe returns nil.
//
// The test takes about half a second.
func ShutdownUnderLoad(t *testing.T, serve ListenAndServe) {
	const clients = 8
	db := &notes{byID: map[uint64]string{}, held: make(chan struct{}), release: make(chan struct{})}
	app := tideway.New(db, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/notes").Post(postNote)
	app.At("/notes/held").Post(postHeldNote)
	addr, cancel, wait := start(t, serve, app, 0)
	base := "http://" + addr

	// The load: each client POSTs until its connection is refused.
	type ack struct {
		id       uint64
		contents string
	}
	var (
		mu       sync.Mutex
		acks     []ack
		failures []string
		refusals atomic.Int64
		load     sync.WaitGroup
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, fmt.Sprintf(format, args...))
	}
	for c := range clients {
		client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{}}
		load.Add(1)
		go func() {
			defer load.Done()
			defer client.CloseIdleConnections()
			for i := 0; ; i++ {
				contents := fmt.Sprintf("client %d note %d", c, i)
				id, err := post(client, base+"/notes", contents)
				switch {
				case err == nil:
					mu.Lock()
					acks = append(acks, ack{id, contents})
					mu.Unlock()
				case refused(err):
					refusals.Add(1)
					if errors.Is(err, syscall.ECONNREFUSED) {
						return // the listener is closed: the server is going away
					}
				default:
					fail("client %d, note %d: %v", c, i, err)
					return
				}
			}
		}()
	}
	for wait := time.Now().Add(10 * time.Second); db.count() < 100; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(wait) {
			t.Fatalf("only %d notes stored after 10s of load", db.count())
		}
	}

	// The held request: in flight when the shutdown begins.
	heldDone := make(chan error, 1)
	go func() {
		client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{}}
		id, err := post(client, base+"/notes/held", "held note")
		if err == nil {
			mu.Lock()
			acks = append(acks, ack{id, "held note"})
			mu.Unlock()
		}
		heldDone <- err
	}()
	select {
	case <-db.held:
	case <-time.After(10 * time.Second):
		t.Fatal("the held request never reached its handler")
	}
	before := db.count()
	cancel()

	// New connections are refused while the held request is in flight.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			if time.Now().After(deadline) {
				t.Fatal("new connections still accepted 5s after the shutdown began")
			}
			time.Sleep(2 * time.Millisecond)
			continue
		}
		// A connection the kernel queued just before the listener
		// closed is reset: refused as cleanly.
		if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) {
			t.Errorf("a new connection after the shutdown began: %v; want it refused", err)
		}
		break
	}
	select {
	case err := <-heldDone:
		t.Fatalf("the held request ended before it was let go: %v", err)
	default:
	}
	close(db.release)
	if err := <-heldDone; err != nil {
		t.Errorf("the request in flight when the shutdown began: %v; want its 201", err)
	}
	if err := wait(); err != nil {
		t.Errorf("ListenAndServe = %v, want nil", err)
	}
	load.Wait()

	for _, f := range failures {
		t.Error(f)
	}
	stored := db.all()
	for _, a := range acks {
		if got, ok := stored[a.id]; !ok || got != a.contents {
			t.Errorf("note %d, acknowledged with 201: stored %q (%v), want %q", a.id, got, ok, a.contents)
		}
		delete(stored, a.id)
	}
	for id, contents := range stored {
		t.Errorf("note %d (%q) is stored, but its 201 never reached the client", id, contents)
	}
	t.Logf("%d notes acknowledged and stored (%d before the shutdown began); %d requests refused cleanly", len(acks), before, refusals.Load())
}

// notes is ShutdownUnderLoad's store.
type notes struct {
	mu      sync.Mutex
	next    uint64
	byID    map[uint64]string
	held    chan struct{} // closed when the held request is in its handler
	release chan struct{} // closed to let it finish
}

type notesDB struct {
	DB *notes `state:""`
}

type noteBody struct {
	Contents string `json:"contents" validate:"required"`
}

func (db *notes) insert(contents string) uint64 {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.next++
	db.byID[db.next] = contents
	return db.next
}

func (db *notes) count() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	return len(db.byID)
}

func (db *notes) all() map[uint64]string {
	db.mu.Lock()
	defer db.mu.Unlock()
	out := make(map[uint64]string, len(db.byID))
	for id, c := range db.byID {
		out[id] = c
	}
	return out
}

func postNote(db notesDB, n noteBody) respond.Created[uint64] {
	time.Sleep(time.Millisecond) // so that requests are in flight when the shutdown begins
	id := db.DB.insert(n.Contents)
	return respond.Created[uint64]{Location: "/notes/" + strconv.FormatUint(id, 10), Value: id}
}

func postHeldNote(db notesDB, n noteBody) respond.Created[uint64] {
	close(db.DB.held)
	<-db.DB.release
	id := db.DB.insert(n.Contents)
	return respond.Created[uint64]{Location: "/notes/" + strconv.FormatUint(id, 10), Value: id}
}

// post POSTs a note and returns the id of its whole, well-formed 201, or
// why there is none.
func post(client *http.Client, url, contents string) (uint64, error) {
	body := `{"contents":"` + contents + `"}`
	res, err := client.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, fmt.Errorf("a truncated response: %d, %q, then %v", res.StatusCode, b, err)
	}
	id, perr := strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64)
	if res.StatusCode != http.StatusCreated || perr != nil || res.Header.Get("Location") != "/notes/"+string(b) {
		return 0, fmt.Errorf("a wrong response: %d %q, Location %q", res.StatusCode, b, res.Header.Get("Location"))
	}
	return id, nil
}
