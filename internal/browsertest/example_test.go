package browsertest_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tideway-go/tideway/internal/browsertest"
)

func ExampleHeadlessArgs() {
	fmt.Println(strings.Join(browsertest.HeadlessArgs("/tmp/profile"), "\n"))
	// Output:
	// --headless
	// --no-sandbox
	// --disable-gpu
	// --disable-quic
	// --no-first-run
	// --disable-background-networking
	// --disable-component-update
	// --disable-sync
	// --disable-dev-shm-usage
	// --remote-debugging-pipe
	// --window-size=1280,1024
	// --user-data-dir=/tmp/profile
}

func ExampleWaitUntil() {
	ready := time.Now().Add(50 * time.Millisecond)
	err := browsertest.WaitUntil(context.Background(), 10*time.Second, func(ctx context.Context) (bool, error) {
		return time.Now().After(ready), nil // in a test: a look-up in the page
	})
	fmt.Println(err)
	err = browsertest.WaitUntil(context.Background(), 20*time.Millisecond, func(ctx context.Context) (bool, error) {
		return false, nil
	})
	fmt.Println(err)
	// Output:
	// <nil>
	// timed out after 20ms: context deadline exceeded
}
