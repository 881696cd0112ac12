// Package tidewayapp is the tideway.App both tideway end-to-end servers
// serve, so that they differ only in the adapter.
package tidewayapp

import (
	"log/slog"
	"os"
	"runtime/pprof"

	"github.com/tideway-go/tideway"
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

func plaintext() (string, error) { return store.Plaintext, nil }

func getMessage(db DB, id ByID) (store.Message, error) {
	msg, ok := db.Store.Get(id.ID)
	if !ok {
		return store.Message{}, respond.ErrNotFound
	}
	return msg, nil
}

// New returns the app: GET /plaintext and GET /message/{id}, each handler
// wrapped by tideway.Typed0/Typed2 so that it is called directly.
func New() *tideway.App {
	app := tideway.New(store.New(), tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/plaintext").Get(tideway.Typed0(plaintext))
	app.At("/message/{id}").Get(tideway.Typed2(getMessage))
	return app
}

// Profile starts a CPU profile written to path, if path is not empty, and
// returns the function that stops it.
func Profile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
