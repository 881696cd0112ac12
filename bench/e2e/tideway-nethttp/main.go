// Command tideway-nethttp serves the end-to-end routes with a tideway.App
// over adapters/nethttp (nethttp.ListenAndServe, its default settings).
// With -cpuprofile it writes a CPU profile when stopped with SIGTERM.
package main

import (
	"flag"
	"log"
	"log/slog"
	"os"
	"runtime/pprof"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/bench/e2e/store"
	"github.com/tideway-go/tideway/respond"
)

// DB gives a handler the store.
type DB struct {
	Store *store.Store `state:""`
}

// ByID is a message id from the path.
type ByID struct {
	ID uint64 `path:"id"`
}

func plaintext() string { return store.Plaintext }

func getMessage(db DB, id ByID) (store.Message, error) {
	msg, ok := db.Store.Get(id.ID)
	if !ok {
		return store.Message{}, respond.ErrNotFound
	}
	return msg, nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file, from start to a graceful stop (SIGTERM)")
	flag.Parse()
	if err := run(*addr, *cpuprofile); err != nil {
		log.Fatal(err)
	}
}

func run(addr, cpuprofile string) error {
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	app := tideway.New(store.New(), tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/plaintext").Get(plaintext)
	app.At("/message/{id}").Get(getMessage)
	return nethttp.ListenAndServe(addr, app)
}
