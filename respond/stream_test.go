package respond_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/tideway-go/tideway/respond"
)

// closeRecorder is a reader that records whether it was closed.
type closeRecorder struct {
	io.Reader
	closed int
}

func (c *closeRecorder) Close() error {
	c.closed++
	return nil
}

func TestStream(t *testing.T) {
	errRead := errors.New("disk on fire")
	runResponders(t, []responderCase{
		{
			name: "content type",
			r:    respond.Stream{ContentType: "text/csv", Reader: strings.NewReader("a,b\n1,2\n")},
			want: "HTTP 200\nContent-Type: text/csv\n\na,b\n1,2\n",
		},
		{
			name: "default content type",
			r:    respond.Stream{Reader: strings.NewReader("\x00\x01")},
			want: "HTTP 200\nContent-Type: application/octet-stream\n\n\x00\x01",
		},
		{
			name: "status",
			r:    respond.Stream{Status: 206, Reader: strings.NewReader("part")},
			want: "HTTP 206\nContent-Type: application/octet-stream\n\npart",
		},
		{
			name: "data with EOF",
			r:    respond.Stream{Reader: iotest.DataErrReader(strings.NewReader("last"))},
			want: "HTTP 200\nContent-Type: application/octet-stream\n\nlast",
		},
		{
			name: "empty",
			r:    respond.Stream{Reader: strings.NewReader("")},
			want: "HTTP 200\nContent-Type: application/octet-stream\n\n",
		},
		{name: "nil reader", r: respond.Stream{}, wantErr: errAny},
		{name: "status 204", r: respond.Stream{Status: 204, Reader: strings.NewReader("")}, wantErr: respond.ErrInvalidStatus},
		{name: "status 42", r: respond.Stream{Status: 42, Reader: strings.NewReader("")}, wantErr: respond.ErrInvalidStatus},
	})

	t.Run("read error", func(t *testing.T) {
		w := newResponse()
		r := io.MultiReader(strings.NewReader("partial"), iotest.ErrReader(errRead))
		err := respond.Stream{Reader: r}.Respond(w, newRequest("GET", "/"))
		if !errors.Is(err, errRead) {
			t.Fatalf("Respond() error = %v, want %v", err, errRead)
		}
		if w.body.String() != "partial" {
			t.Errorf("body = %q, want %q", w.body.String(), "partial")
		}
	})
	t.Run("write error", func(t *testing.T) {
		w := newResponse()
		w.writeErr = errors.New("broken pipe")
		err := respond.Stream{Reader: strings.NewReader("x")}.Respond(w, newRequest("GET", "/"))
		if !errors.Is(err, w.writeErr) {
			t.Fatalf("Respond() error = %v, want %v", err, w.writeErr)
		}
	})
	t.Run("flush error", func(t *testing.T) {
		w := newResponse()
		w.flushErr = errors.New("no flusher")
		err := respond.Stream{Reader: strings.NewReader("x")}.Respond(w, newRequest("GET", "/"))
		if !errors.Is(err, w.flushErr) {
			t.Fatalf("Respond() error = %v, want %v", err, w.flushErr)
		}
	})
}

func TestStreamFlushesEachChunk(t *testing.T) {
	w := newResponse()
	// OneByteReader reads one byte at a time: one write and flush each.
	r := &closeRecorder{Reader: iotest.OneByteReader(strings.NewReader("abc"))}
	if err := (respond.Stream{Reader: r}).Respond(w, newRequest("GET", "/")); err != nil {
		t.Fatal(err)
	}
	if w.flushes != 4 { // the headers, then "a", "b", "c"
		t.Errorf("flushes = %d, want 4", w.flushes)
	}
	if r.closed != 1 {
		t.Errorf("reader closed %d times, want 1", r.closed)
	}
}

// endless is a reader that never ends and never blocks.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestStreamStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := newRequest("GET", "/")
	req.ctx = ctx
	w := newResponse()
	w.onFlush = func(n int) {
		if n == 3 {
			cancel()
		}
	}
	r := &closeRecorder{Reader: endless{}}
	err := respond.Stream{Reader: r}.Respond(w, req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Respond() error = %v, want context.Canceled", err)
	}
	if w.flushes != 3 {
		t.Errorf("flushes = %d, want 3", w.flushes)
	}
	if r.closed != 1 {
		t.Errorf("reader closed %d times, want 1", r.closed)
	}
}

func TestStreamCancelUnblocksRead(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := newRequest("GET", "/")
	req.ctx = ctx
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write([]byte("hello"))
		// Never close: the stream's next Read blocks until it is cancelled.
	}()
	w := newResponse()
	w.onFlush = func(int) {
		if w.body.String() == "hello" {
			cancel()
		}
	}
	done := make(chan error, 1)
	go func() { done <- respond.Stream{Reader: pr}.Respond(w, req) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Respond() error = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Respond did not return after the context was cancelled")
	}
	if _, err := pw.Write([]byte("more")); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("pipe write after cancel = %v, want io.ErrClosedPipe", err)
	}
}

func TestStreamCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := newRequest("GET", "/")
	req.ctx = ctx
	w := newResponse()
	r := &closeRecorder{Reader: strings.NewReader("x")}
	err := respond.Stream{Reader: r}.Respond(w, req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Respond() error = %v, want context.Canceled", err)
	}
	if got := w.String(); got != untouched {
		t.Errorf("Respond() wrote:\n%s", got)
	}
	if r.closed != 1 {
		t.Errorf("reader closed %d times, want 1", r.closed)
	}
}

func ExampleStream() {
	w := newResponse()
	csv := strings.NewReader("id,contents\n7,hello\n")
	err := respond.Stream{ContentType: "text/csv", Reader: csv}.Respond(w, newRequest("GET", "/export"))
	fmt.Println(err)
	fmt.Print(w)
	// Output:
	// <nil>
	// HTTP 200
	// Content-Type: text/csv
	//
	// id,contents
	// 7,hello
}
