package respond

import (
	"bytes"
	"errors"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/tideway-go/tideway/view"
)

// Event is one server-sent event.
type Event struct {
	// ID sets the client's last event ID. CR, LF and NUL are removed.
	ID string
	// Event names the event type ("message" on the client if empty).
	// CR and LF are removed.
	Event string
	// Data is the payload. Each line (split at LF, CRLF or CR) is sent as
	// its own "data:" line; the client joins them back with LF.
	Data string
	// Retry, if positive, sets the client's reconnection delay, sent in
	// whole milliseconds.
	Retry time.Duration
}

// SSE responds with server-sent events: 200, Content-Type
// text/event-stream, Cache-Control no-cache, then each event of Events in
// the text/event-stream format, flushed as soon as it is written.
//
// Line breaks in an event's ID or Event name would break the framing and
// could inject fields, so they are removed (stripped, not rejected: once
// the stream has begun there is no way to report an error to the client,
// and ending the stream for one bad name would be worse). An Event with
// neither Data nor an Event name sends no data line, so the client
// dispatches nothing: use it to set the ID or retry delay alone, or as a
// heartbeat.
//
// Streaming stops when Events ends (Respond returns nil), on a write or
// flush error (returned), or when the request context is done (Respond
// returns the context's error). Respond sees the context only between
// events, so an iterator that waits for events should also watch the
// request's context, as a handler taking a context.Context can arrange.
type SSE struct {
	Events iter.Seq[Event]
}

// Respond implements Responder.
func (s SSE) Respond(w view.Response, r view.Request) error {
	if s.Events == nil {
		return errors.New("respond: sse has nil events")
	}
	ctx := r.Context()
	if err := ctx.Err(); err != nil {
		return err
	}
	w.SetHeader("Content-Type", typeSSE)
	w.SetHeader("Cache-Control", "no-cache")
	w.WriteHeader(200)
	if err := w.Flush(); err != nil {
		return err
	}
	var buf bytes.Buffer
	for ev := range s.Events {
		if err := ctx.Err(); err != nil {
			return err
		}
		buf.Reset()
		appendEvent(&buf, ev)
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// appendEvent writes ev to buf in the text/event-stream format, ending
// with the blank line that dispatches it.
func appendEvent(buf *bytes.Buffer, ev Event) {
	if ev.ID != "" {
		field(buf, "id", strip(ev.ID, "\r\n\x00"))
	}
	if ev.Event != "" {
		field(buf, "event", strip(ev.Event, "\r\n"))
	}
	if ev.Retry > 0 {
		field(buf, "retry", strconv.FormatInt(ev.Retry.Milliseconds(), 10))
	}
	if ev.Data != "" || ev.Event != "" {
		data := ev.Data
		for {
			i := strings.IndexAny(data, "\r\n")
			if i < 0 {
				field(buf, "data", data)
				break
			}
			field(buf, "data", data[:i])
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			data = data[i+1:]
		}
	}
	buf.WriteByte('\n')
}

// field writes one "name: value" line.
func field(buf *bytes.Buffer, name, value string) {
	buf.WriteString(name)
	buf.WriteString(": ")
	buf.WriteString(value)
	buf.WriteByte('\n')
}

// strip returns s without any of the bytes in cut.
func strip(s, cut string) string {
	if !strings.ContainsAny(s, cut) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(cut, s[i]) < 0 {
			b = append(b, s[i])
		}
	}
	return string(b)
}
