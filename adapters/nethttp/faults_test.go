package nethttp_test

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/adaptertest"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

// listenAndServe is nethttp.ListenAndServe for the fault tests.
func listenAndServe(ctx context.Context, addr string, app *tideway.App, headerTimeout time.Duration, ready func(net.Addr)) error {
	return nethttp.ListenAndServe(addr, app, nethttp.WithContext(ctx), nethttp.WithReady(ready),
		nethttp.WithServer(func(s *http.Server) {
			if headerTimeout > 0 {
				s.ReadHeaderTimeout = headerTimeout
			}
			s.ErrorLog = log.New(io.Discard, "", 0)
		}))
}

func TestSlowClients(t *testing.T) { adaptertest.SlowClients(t, listenAndServe) }

func TestShutdownUnderLoad(t *testing.T) { adaptertest.ShutdownUnderLoad(t, listenAndServe) }
