// Command fiber serves the end-to-end routes with fiber v2 (its c.JSON is
// encoding/json, the default), without the start-up banner, on the server
// settings of tfasthttp.ListenAndServe so that it does the same work per
// request as tideway-fasthttp: fiber.Config's ReadTimeout, IdleTimeout,
// ReadBufferSize, BodyLimit, StreamRequestBody and
// DisablePreParseMultipartForm set to ListenAndServe's, and its 10s
// read-header timeout (a HeaderReceived callback, which fiber.Config does
// not have) set on the fasthttp.Server fiber built. fiber's default
// config has no timeouts at all, which saves setting a connection
// deadline twice per request.
package main

import (
	"flag"
	"log"

	"github.com/gofiber/fiber/v2"

	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/bench/e2e/peers"
	"github.com/tideway-go/tideway/bench/e2e/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	db := store.New()
	ref := tfasthttp.NewServer(nil) // ListenAndServe's settings
	app := peers.Fiber(db, fiber.Config{
		ReadTimeout:                  ref.ReadTimeout,
		IdleTimeout:                  ref.IdleTimeout,
		ReadBufferSize:               ref.ReadBufferSize,
		BodyLimit:                    ref.MaxRequestBodySize,
		StreamRequestBody:            ref.StreamRequestBody,
		DisablePreParseMultipartForm: ref.DisablePreParseMultipartForm,
	})
	app.Server().HeaderReceived = ref.HeaderReceived
	log.Fatal(app.Listen(*addr))
}
