package fasthttp_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/adaptertest"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
)

// listenAndServe is tfasthttp.ListenAndServe for the fault tests.
func listenAndServe(ctx context.Context, addr string, app *tideway.App, headerTimeout time.Duration, ready func(net.Addr)) error {
	opts := []tfasthttp.Option{tfasthttp.WithContext(ctx), tfasthttp.WithReady(ready), quiet}
	if headerTimeout > 0 {
		opts = append(opts, tfasthttp.WithReadHeaderTimeout(headerTimeout))
	}
	return tfasthttp.ListenAndServe(addr, app, opts...)
}

func TestSlowClients(t *testing.T) { adaptertest.SlowClients(t, listenAndServe) }

func TestShutdownUnderLoad(t *testing.T) { adaptertest.ShutdownUnderLoad(t, listenAndServe) }
