package mw

import (
	"bytes"
	"errors"
	"net/http"
	"strings"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/view"
)

// bufferedResponse is the response a handler writes to under Timeout: it
// holds the status, header changes and body until commit sends them to
// the response underneath, from the request's own goroutine. Once the run
// has expired, writes fail with ErrTimedOut and the response underneath
// is never touched again.
type bufferedResponse struct {
	st     *timeoutState // its mu guards the fields below
	orig   view.Response
	raw    any
	ops    []headerOp // header changes, in order
	status int
	body   bytes.Buffer
}

var _ view.Response = (*bufferedResponse)(nil)

// headerOp is one change to the response headers.
type headerOp struct {
	kind        byte // 's'et, 'a'dd or 'd'elete
	name, value string
}

func (w *bufferedResponse) SetHeader(name, value string) { w.op('s', name, value) }
func (w *bufferedResponse) AddHeader(name, value string) { w.op('a', name, value) }
func (w *bufferedResponse) DelHeader(name string)        { w.op('d', name, "") }

func (w *bufferedResponse) op(kind byte, name, value string) {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	if !w.st.expired {
		w.ops = append(w.ops, headerOp{kind, name, value})
	}
}

// GetHeader returns the header's first value as it will be sent: the
// value underneath, changed by the operations held back.
func (w *bufferedResponse) GetHeader(name string) string {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	if w.st.expired {
		return ""
	}
	first := w.orig.GetHeader(name)
	for _, op := range w.ops {
		if !strings.EqualFold(op.name, name) {
			continue
		}
		switch {
		case op.kind == 's', op.kind == 'd':
			first = op.value
		case first == "":
			first = op.value
		}
	}
	return first
}

func (w *bufferedResponse) WriteHeader(status int) {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	if w.status == 0 && !w.st.expired {
		w.status = status
	}
}

func (w *bufferedResponse) Write(p []byte) (int, error) {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	if w.st.expired {
		return 0, ErrTimedOut
	}
	if w.status == 0 {
		w.status = 200
	}
	return w.body.Write(p)
}

// Flush sends nothing: the whole response is held until commit.
func (w *bufferedResponse) Flush() error {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	if w.st.expired {
		return ErrTimedOut
	}
	return nil
}

func (w *bufferedResponse) Status() int {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	return w.status
}

func (w *bufferedResponse) Raw() any { return w.raw }

// commit sends the held response, given the error the chain returned, and
// returns that error. After a panic it sends nothing, so the client gets
// a clean 500; a panic with http.ErrAbortHandler is raised again here.
func (w *bufferedResponse) commit(err error) error {
	if _, ok := err.(abortPanic); ok {
		panic(http.ErrAbortHandler)
	}
	var pe *tideway.PanicError
	if errors.As(err, &pe) {
		return err
	}
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	for _, op := range w.ops {
		switch op.kind {
		case 's':
			w.orig.SetHeader(op.name, op.value)
		case 'a':
			w.orig.AddHeader(op.name, op.value)
		case 'd':
			w.orig.DelHeader(op.name)
		}
	}
	if w.status == 0 {
		return err
	}
	w.orig.WriteHeader(w.status)
	if w.body.Len() > 0 {
		if _, werr := w.orig.Write(w.body.Bytes()); err == nil {
			err = werr
		}
	}
	return err
}
