package respond_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/tideway-go/tideway/respond"
)

const sseHead = "HTTP 200\nCache-Control: no-cache\nContent-Type: text/event-stream\n\n"

func TestSSEFraming(t *testing.T) {
	for _, tc := range []struct {
		name string
		ev   respond.Event
		want string
	}{
		{"data", respond.Event{Data: "hello"}, "data: hello\n\n"},
		{
			"all fields",
			respond.Event{ID: "42", Event: "update", Data: "x", Retry: 1500 * time.Millisecond},
			"id: 42\nevent: update\nretry: 1500\ndata: x\n\n",
		},
		{
			"multi-line data",
			respond.Event{Data: "line1\nline2\r\nline3\rline4"},
			"data: line1\ndata: line2\ndata: line3\ndata: line4\n\n",
		},
		{"trailing newline", respond.Event{Data: "a\n"}, "data: a\ndata: \n\n"},
		{"blank lines", respond.Event{Data: "\n\n"}, "data: \ndata: \ndata: \n\n"},
		{"leading space kept", respond.Event{Data: " x"}, "data:  x\n\n"},
		{"event name only", respond.Event{Event: "ping"}, "event: ping\ndata: \n\n"},
		{"id only", respond.Event{ID: "7"}, "id: 7\n\n"},
		{"retry only", respond.Event{Retry: 3 * time.Second}, "retry: 3000\n\n"},
		{"zero event", respond.Event{}, "\n"},
		{"negative retry", respond.Event{Data: "x", Retry: -time.Second}, "data: x\n\n"},
		{
			"line breaks in id and event are stripped",
			respond.Event{ID: "1\r\ndata: injected\x00", Event: "a\nb\rc", Data: "x"},
			"id: 1data: injected\nevent: abc\ndata: x\n\n",
		},
		{"colon in data", respond.Event{Data: "a: b"}, "data: a: b\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newResponse()
			err := respond.SSE{Events: slices.Values([]respond.Event{tc.ev})}.Respond(w, newRequest("GET", "/events"))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := w.String(), sseHead+tc.want; got != want {
				t.Errorf("wrote %q, want %q", got, want)
			}
		})
	}
}

func TestSSE(t *testing.T) {
	t.Run("several events, flushed each", func(t *testing.T) {
		w := newResponse()
		events := []respond.Event{{Data: "a"}, {ID: "2", Data: "b"}, {Event: "end", Data: "c"}}
		if err := (respond.SSE{Events: slices.Values(events)}).Respond(w, newRequest("GET", "/")); err != nil {
			t.Fatal(err)
		}
		want := sseHead + "data: a\n\nid: 2\ndata: b\n\nevent: end\ndata: c\n\n"
		if got := w.String(); got != want {
			t.Errorf("wrote %q, want %q", got, want)
		}
		if w.flushes != 4 { // the headers, then each event
			t.Errorf("flushes = %d, want 4", w.flushes)
		}
	})
	t.Run("no events", func(t *testing.T) {
		w := newResponse()
		if err := (respond.SSE{Events: slices.Values([]respond.Event(nil))}).Respond(w, newRequest("GET", "/")); err != nil {
			t.Fatal(err)
		}
		if got := w.String(); got != sseHead {
			t.Errorf("wrote %q, want %q", got, sseHead)
		}
	})
	t.Run("nil events", func(t *testing.T) {
		w := newResponse()
		if err := (respond.SSE{}).Respond(w, newRequest("GET", "/")); err == nil {
			t.Fatal("Respond() error = nil")
		}
		if got := w.String(); got != untouched {
			t.Errorf("wrote %q", got)
		}
	})
	t.Run("write error", func(t *testing.T) {
		w := newResponse()
		w.writeErr = errors.New("broken pipe")
		err := respond.SSE{Events: slices.Values([]respond.Event{{Data: "x"}})}.Respond(w, newRequest("GET", "/"))
		if !errors.Is(err, w.writeErr) {
			t.Fatalf("Respond() error = %v, want %v", err, w.writeErr)
		}
	})
}

// counter yields numbered events forever, counting how many it yielded.
func counter(n *int) iter.Seq[respond.Event] {
	return func(yield func(respond.Event) bool) {
		for {
			*n++
			if !yield(respond.Event{ID: fmt.Sprint(*n), Data: "tick"}) {
				return
			}
		}
	}
}

func TestSSEStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := newRequest("GET", "/events")
	req.ctx = ctx
	w := newResponse()
	w.onFlush = func(n int) {
		if n == 3 { // the headers and two events
			cancel()
		}
	}
	var yielded int
	err := respond.SSE{Events: counter(&yielded)}.Respond(w, req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Respond() error = %v, want context.Canceled", err)
	}
	if want := sseHead + "id: 1\ndata: tick\n\nid: 2\ndata: tick\n\n"; w.String() != want {
		t.Errorf("wrote %q, want %q", w.String(), want)
	}
	if yielded != 3 { // the third event is dropped: the client is gone
		t.Errorf("iterator yielded %d events, want 3", yielded)
	}
}

func ExampleSSE() {
	events := func(yield func(respond.Event) bool) {
		for i := 1; i <= 2; i++ {
			if !yield(respond.Event{ID: fmt.Sprint(i), Event: "tick", Data: fmt.Sprintf("tick %d\nof 2", i)}) {
				return
			}
		}
	}
	w := newResponse()
	_ = respond.SSE{Events: events}.Respond(w, newRequest("GET", "/events"))
	fmt.Print(w)
	// Output:
	// HTTP 200
	// Cache-Control: no-cache
	// Content-Type: text/event-stream
	//
	// id: 1
	// event: tick
	// data: tick 1
	// data: of 2
	//
	// id: 2
	// event: tick
	// data: tick 2
	// data: of 2
}
