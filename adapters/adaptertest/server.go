package adaptertest

import (
	"errors"
	"io"
	"log"
	"net"
	"net/http"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

// Server describes an adapter to the suite: how to serve an app on a
// listener. The suite runs it twice, on an in-memory listener (the
// "inprocess" transport: no socket) and on a loopback TCP listener (the
// "tcp" transport), and sends every request with net/http's client.
type Server struct {
	// Name names the adapter in subtest names: "nethttp", "fasthttp".
	Name string
	// Serve starts serving app on ln, configured as the adapter's users
	// would serve it (the adapter's own server defaults), and returns a
	// func that stops the server, closes ln and reports an error if
	// serving failed.
	Serve func(app *tideway.App, ln net.Listener) (stop func() error)
}

// NetHTTP returns the Server of adapters/nethttp: nethttp.Handler(app)
// on an *http.Server with the timeouts and limits of
// nethttp.ListenAndServe. It is the reference the suite holds every other
// adapter to.
func NetHTTP() Server {
	return Server{Name: "nethttp", Serve: func(app *tideway.App, ln net.Listener) func() error {
		srv := &http.Server{
			Handler:           nethttp.Handler(app),
			ReadHeaderTimeout: nethttp.DefaultReadHeaderTimeout,
			ReadTimeout:       nethttp.DefaultReadTimeout,
			IdleTimeout:       nethttp.DefaultIdleTimeout,
			MaxHeaderBytes:    nethttp.DefaultMaxHeaderBytes,
			ErrorLog:          log.New(io.Discard, "", 0),
		}
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ln) }()
		return func() error {
			srv.Close()
			if err := <-done; !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		}
	}}
}
