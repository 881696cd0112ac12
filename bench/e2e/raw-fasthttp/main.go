// Command raw-fasthttp serves the end-to-end routes with one hand-written
// fasthttp.RequestHandler (a switch on the path), on a fasthttp.Server
// with the read and idle timeouts of tfasthttp.ListenAndServe and
// fasthttp's defaults otherwise.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

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
	srv := &fasthttp.Server{
		Handler:     handler,
		ReadTimeout: 60 * time.Second,
		IdleTimeout: 120 * time.Second,
	}
	log.Fatal(srv.ListenAndServe(*addr))
}
