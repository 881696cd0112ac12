package browsertest

import (
	"context"
	"fmt"
	"time"
)

// WaitUntil calls cond until it reports true, returns an error, timeout
// passes or ctx is done, and returns nil only in the first case. It polls
// quickly at first and then every quarter second, so that a slow machine
// costs time rather than a flaky failure.
func WaitUntil(ctx context.Context, timeout time.Duration, cond func(ctx context.Context) (bool, error)) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	pause := 10 * time.Millisecond
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("timed out after %v: %w", timeout, ctx.Err())
		case <-timer.C:
		}
		ok, err := cond(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("timed out after %v: %w", timeout, err)
			}
			return err
		}
		if ok {
			return nil
		}
		timer.Reset(pause)
		pause = min(2*pause, 250*time.Millisecond)
	}
}
