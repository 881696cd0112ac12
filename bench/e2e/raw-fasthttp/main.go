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
	"encoding/json"
	"flag"
	"log"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"

	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/bench/e2e/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	db := store.New()
	handler := func(rc *fasthttp.RequestCtx) {
		path := string(rc.Path())
		switch {
		case path == "/plaintext":
			if !rc.IsGet() {
				rc.Error("method not allowed", fasthttp.StatusMethodNotAllowed)
				return
			}
			rc.SetContentType("text/plain; charset=utf-8")
			rc.SetBodyString(store.Plaintext)
		case strings.HasPrefix(path, "/message/"):
			if !rc.IsGet() {
				rc.Error("method not allowed", fasthttp.StatusMethodNotAllowed)
				return
			}
			id, err := strconv.ParseUint(path[len("/message/"):], 10, 64)
			if err != nil {
				rc.Error("bad id", fasthttp.StatusBadRequest)
				return
			}
			msg, ok := db.Get(id)
			if !ok {
				rc.Error("not found", fasthttp.StatusNotFound)
				return
			}
			body, err := json.Marshal(msg)
			if err != nil {
				rc.Error(err.Error(), fasthttp.StatusInternalServerError)
				return
			}
			rc.SetContentType("application/json")
			rc.SetBody(body)
		default:
			rc.Error("not found", fasthttp.StatusNotFound)
		}
	}
	srv := tfasthttp.NewServer(nil, tfasthttp.WithServer(func(s *fasthttp.Server) { s.Handler = handler }))
	log.Fatal(srv.ListenAndServe(*addr))
}
