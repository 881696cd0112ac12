package browsertest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWaitUntil(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		cond    func(calls int) (bool, error)
		timeout time.Duration
		want    string // in the error; "" for none
		calls   int    // at least this many calls
	}{
		{"at once", func(int) (bool, error) { return true, nil }, time.Second, "", 1},
		{"third call", func(n int) (bool, error) { return n == 3, nil }, 10 * time.Second, "", 3},
		{"error stops", func(n int) (bool, error) { return false, boom }, 10 * time.Second, "boom", 1},
		{"never", func(int) (bool, error) { return false, nil }, 200 * time.Millisecond, "timed out after 200ms", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			start := time.Now()
			err := WaitUntil(context.Background(), tc.timeout, func(ctx context.Context) (bool, error) {
				calls++
				return tc.cond(calls)
			})
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
			if calls < tc.calls {
				t.Errorf("%d calls, want at least %d", calls, tc.calls)
			}
			if time.Since(start) > tc.timeout+2*time.Second {
				t.Errorf("took %v with a %v timeout", time.Since(start), tc.timeout)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WaitUntil(ctx, time.Minute, func(context.Context) (bool, error) { return false, nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled context: %v", err)
	}
}
