package browsertest

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Open starts chromedriver and one headless Chromium session for t, and
// closes both when t ends. Without Chromium or chromedriver on the
// machine it skips t, saying to run scripts/install-chromium; any other
// failure to start fails t.
func Open(t testing.TB) *Session {
	t.Helper()
	return open(t, Config{})
}

func open(t testing.TB, cfg Config) *Session {
	t.Helper()
	if _, _, err := Find(cfg); err != nil {
		t.Skipf("browser test skipped: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 180*time.Second)
	defer cancel()
	d, err := Start(ctx, cfg)
	if errors.Is(err, ErrNotInstalled) {
		t.Skipf("browser test skipped: %v", err)
	}
	if err != nil {
		t.Fatalf("start chromedriver: %v", err)
	}
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Logf("close chromedriver: %v", err)
		}
	})
	s, err := d.NewSession(ctx)
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return s
}
