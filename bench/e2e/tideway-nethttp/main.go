// Command tideway-nethttp serves the end-to-end routes with a tideway.App
// over adapters/nethttp (nethttp.ListenAndServe, its default settings).
// With -cpuprofile it writes a CPU profile when stopped with SIGTERM.
package main

import (
	"flag"
	"log"

	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/bench/e2e/tidewayapp"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file, from start to a graceful stop (SIGTERM)")
	flag.Parse()
	stop, err := tidewayapp.Profile(*cpuprofile)
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	if err := nethttp.ListenAndServe(*addr, tidewayapp.New()); err != nil {
		stop()
		log.Fatal(err)
	}
}
