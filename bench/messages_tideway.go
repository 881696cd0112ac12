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

// buildTidewayMessages is examples/messages: plain funcs with tagged struct
// parameters, the store as state, served through adapters/nethttp, each
// handler wrapped by tideway.Typed2 so that it is called directly.
// Tideway validates with its app's own validator/v10 instance
// (App.Validator), so v is not used; results are encoded with
// encoding/json's Marshal.
func buildTidewayMessages(s *store, _ *validator.Validate) http.Handler {
	app := newTidewayMessagesApp(s)
	app.At("/message").Post(tideway.Typed2(twNewMessage)).Get(tideway.Typed2(twListMessages))
	app.At("/message/{id}").Get(tideway.Typed2(twGetMessage))
	return nethttp.Handler(app)
}

// buildTidewayReflectMessages is the same app with the same handlers
// registered as they are, so that Tideway calls them through
// reflect.Value.Call.
func buildTidewayReflectMessages(s *store, _ *validator.Validate) http.Handler {
	app := newTidewayMessagesApp(s)
	app.At("/message").Post(twNewMessage).Get(twListMessages)
	app.At("/message/{id}").Get(twGetMessage)
	return nethttp.Handler(app)
}

func newTidewayMessagesApp(s *store) *tideway.App {
	return tideway.New(s, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
}

// twDB gives a Tideway handler the store.
type twDB struct {
	Store *store `state:""`
}

func twNewMessage(db twDB, msg Message) (respond.Created[uint64], error) {
	id := db.Store.Insert(msg)
	return respond.Created[uint64]{Location: "/message/" + strconv.FormatUint(id, 10), Value: id}, nil
}

func twGetMessage(db twDB, id ByID) (Message, error) {
	msg, ok := db.Store.Get(id.ID)
	if !ok {
		return Message{}, respond.ErrNotFound
	}
	return msg, nil
}

func twListMessages(db twDB, p Page) ([]Message, error) {
	return db.Store.List(p.Author, p.Limit), nil
}
