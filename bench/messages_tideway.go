package bench

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-playground/validator/v10"
	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
)

// buildTidewayMessages is examples/messages: typed handlers, the store as
// state, served through adapters/nethttp. Tideway validates with its app's
// own validator/v10 instance (App.Validator), so v is not used; results
// are encoded with encoding/json's Marshal.
func buildTidewayMessages(s *store, _ *validator.Validate) http.Handler {
	app := tideway.New(s, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/message").Post(twNewMessage).Get(twListMessages)
	app.At("/message/{id}").Get(twGetMessage)
	return nethttp.Handler(app)
}

// twDB gives a Tideway handler the store.
type twDB struct {
	Store *store `state:""`
}

func twNewMessage(db twDB, msg Message) respond.Created[uint64] {
	id := db.Store.Insert(msg)
	return respond.Created[uint64]{Location: "/message/" + strconv.FormatUint(id, 10), Value: id}
}

func twGetMessage(db twDB, id ByID) (Message, error) {
	msg, ok := db.Store.Get(id.ID)
	if !ok {
		return Message{}, respond.ErrNotFound
	}
	return msg, nil
}

func twListMessages(db twDB, p Page) []Message {
	return db.Store.List(p.Author, p.Limit)
}
