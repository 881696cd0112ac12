package respond

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/tideway-go/tideway/view"
)

// Stream responds with the bytes of Reader, as ContentType
// ("application/octet-stream" if empty), with Status (200 if zero). The
// status and headers are sent at once; then each chunk read is written and
// flushed, so the client sees data as soon as it is read.
//
// Streaming stops at the end of Reader (Respond returns nil), on a read,
// write or flush error (returned), or when the request context is done
// (Respond returns the context's error). If Reader is an io.Closer it is
// closed when streaming stops; if the context is done first it is closed
// right away, from another goroutine, so that a Read blocked on a pipe or a
// connection returns.
type Stream struct {
	Status      int
	ContentType string
	Reader      io.Reader
}

// streamChunk is the size of the buffer Stream reads into.
const streamChunk = 32 << 10

// Respond implements Responder.
func (s Stream) Respond(w view.Response, r view.Request) error {
	code, err := status("stream", s.Status, 200)
	if err != nil {
		return err
	}
	if !bodyAllowed(code) {
		return fmt.Errorf("respond: stream status %d cannot have a body: %w", code, ErrInvalidStatus)
	}
	if s.Reader == nil {
		return errors.New("respond: stream has a nil reader")
	}
	ctx := r.Context()
	if c, ok := s.Reader.(io.Closer); ok {
		closeOnce := sync.OnceValue(c.Close)
		stop := context.AfterFunc(ctx, func() { closeOnce() })
		defer func() {
			stop()
			closeOnce()
		}()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	ct := s.ContentType
	if ct == "" {
		ct = typeBytes
	}
	w.SetHeader("Content-Type", ct)
	w.WriteHeader(code)
	if err := w.Flush(); err != nil {
		return err
	}
	return copyFlush(ctx, w, s.Reader)
}

// copyFlush copies src to w, flushing after each chunk, until src ends, an
// error occurs or ctx is done.
func copyFlush(ctx context.Context, w view.Response, src io.Reader) error {
	buf := make([]byte, streamChunk)
	for {
		n, rerr := src.Read(buf)
		if err := ctx.Err(); err != nil {
			return err // the client is gone: the chunk has nowhere to go
		}
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return err
			}
			if err := w.Flush(); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return fmt.Errorf("respond: stream read: %w", rerr)
		}
	}
}
