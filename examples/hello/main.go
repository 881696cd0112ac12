// Command hello is Thruster's hello world served by Tideway: one route,
// GET /plaintext, answering "Hello, World!", with mw.Logger timing each
// request as Thruster's profile middleware does. Log lines go to stderr.
//
//	go run ./examples/hello              # serves on :4321; -addr to change
//	curl -i localhost:4321/plaintext     # 200 Hello, World!
//	curl -i localhost:4321/nowhere       # 404, logged with its path
//
// Each request logs a line such as:
//
//	time=... level=INFO msg=request method=GET route=/plaintext status=200 bytes=13 duration_us=21
package main

import (
	"flag"
	"log/slog"
	"os"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/mw"
)

func plaintext() string { return "Hello, World!" }

// newApp builds the app, logging requests to logger.
func newApp(logger *slog.Logger) *tideway.App {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: logger}))
	app.Use(mw.Logger(logger))
	app.At("/plaintext").Get(plaintext)
	return app
}

func main() {
	addr := flag.String("addr", ":4321", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	logger.Info("starting server", "addr", *addr)
	if err := nethttp.ListenAndServe(*addr, newApp(logger)); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
