package adaptertest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/tideway-go/tideway/internal/memnet"
)

func TestHostileTable(t *testing.T) {
	cases := hostileCases()
	if len(cases) < 40 {
		t.Errorf("%d hostile cases, want at least 40", len(cases))
	}
	for _, tc := range cases[:len(cases)-1] {
		if !strings.HasPrefix(tc.Name, "hostile ") {
			t.Errorf("%q: hostile cases are named \"hostile ...\"", tc.Name)
		}
	}
	if last := cases[len(cases)-1]; last.Name != "after the hostile cases" || last.Want.Status != 200 {
		t.Errorf("the last hostile case is %q; want the sanity case after them", last.Name)
	}
}

// TestHostileLogs serves the hostile cases over nethttp with an app that
// logs to memory, and checks that a request logs at error level if and
// only if the server is at fault: a handler or responder that panicked,
// or a handler that passed a bad redirect target on (each answered 500,
// or with no response at all). Client mistakes, however hostile, log at
// info level at most.
func TestHostileLogs(t *testing.T) {
	logs := &recorder{}
	ln := memnet.NewListener()
	srv := NetHTTP()
	stop := srv.Serve(NewAppWithLogger(slog.New(logs)), ln)
	client := newClient(ln.DialContext)
	defer func() {
		client.CloseIdleConnections()
		if err := stop(); err != nil {
			t.Error(err)
		}
	}()
	for _, tc := range hostileCases() {
		if tc.Skip[srv.Name] != "" {
			continue
		}
		seen := logs.count()
		r := Send(t.Context(), client, "http://example.com", &tc)
		if r.Status != tc.Want.Status {
			t.Errorf("%s (%s): status %d, want %d (%v)", &tc, tc.Name, r.Status, tc.Want.Status, r.Err)
			continue
		}
		errs := logs.errorsSince(seen)
		fault := !tc.Want.BeforeApp && (tc.Want.Status == 500 || tc.Want.Status == 0)
		switch {
		case fault && len(errs) == 0:
			t.Errorf("%s (%s): a server fault, and nothing logged at error level", &tc, tc.Name)
		case !fault && len(errs) > 0:
			t.Errorf("%s (%s): logged at error level: %q", &tc, tc.Name, errs)
		}
	}
}

// recorder is a slog.Handler that keeps every record, formatted.
type recorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *recorder) Enabled(context.Context, slog.Level) bool { return true }

func (h *recorder) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}

// The app's loggers add no attributes or groups of their own.
func (h *recorder) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recorder) WithGroup(string) slog.Handler      { return h }

// count returns how many records were logged so far.
func (h *recorder) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.records)
}

// errorsSince returns the error-level records logged after the first n,
// as "message key=value ..." lines.
func (h *recorder) errorsSince(n int) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, r := range h.records[n:] {
		if r.Level < slog.LevelError {
			continue
		}
		line := r.Message
		r.Attrs(func(a slog.Attr) bool {
			if a.Key != "stack" {
				line += fmt.Sprintf(" %s=%v", a.Key, a.Value)
			}
			return true
		})
		out = append(out, line)
	}
	return out
}
