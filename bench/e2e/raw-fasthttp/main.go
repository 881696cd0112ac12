// Command raw-fasthttp serves the end-to-end routes with one hand-written
// fasthttp.RequestHandler (a switch on the path), on a fasthttp.Server
// with exactly the settings of tfasthttp.ListenAndServe (built by
// tfasthttp.NewServer with the handler put in): the 10s read-header
// timeout, 60s read and 120s idle timeouts, 64 KiB read buffer, 32 MiB
// body limit, streamed request bodies and no Server header, so that it
// does the same work per request as tideway-fasthttp apart from the
// handler. (fasthttp's defaults have no timeouts: a deadline set on the
// connection twice per request, which costs about 1.5k instructions.)
package main

import (
	"flag"
	"log"

	"github.com/valyala/fasthttp"

	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/bench/e2e/peers"
	"github.com/tideway-go/tideway/bench/e2e/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	handler := peers.RawFasthttp(store.New())
	srv := tfasthttp.NewServer(nil, tfasthttp.WithServer(func(s *fasthttp.Server) { s.Handler = handler }))
	log.Fatal(srv.ListenAndServe(*addr))
}
