package browsertest

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

// TestStartClose starts chromedriver alone and checks that Close ends it.
func TestStartClose(t *testing.T) {
	if _, _, err := Find(Config{}); err != nil {
		t.Skipf("skipped: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := Start(ctx, Config{})
	if err != nil {
		t.Fatal(err)
	}
	pid := d.cmd.Process.Pid
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("chromedriver (pid %d) is still there after Close: %v", pid, err)
	}
}
