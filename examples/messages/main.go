// Command messages is the message board of the Tide routing sketch, served
// by Tideway over net/http.
//
//	go run ./examples/messages            # serves on :4321
//	curl -i -X POST localhost:4321/message -H 'Content-Type: application/json' -d '{"contents":"hi","author":"ann"}'
//	curl -i localhost:4321/message/1
//	curl -i 'localhost:4321/message?author=ann&limit=10'
package main

import (
	"flag"
	"log"
	"log/slog"
	"os"
	"strconv"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
)

// Message is one message on the board.
type Message struct {
	Contents string  `json:"contents" validate:"required,max=1000"`
	Author   *string `json:"author,omitempty"`
}

// DB gives a handler the app's database.
type DB struct {
	Store *Database `state:""`
}

// ByID is a message id from the path.
type ByID struct {
	ID uint64 `path:"id"`
}

// Page filters and limits a listing.
type Page struct {
	Author string `query:"author"`
	Limit  int    `query:"limit" validate:"omitempty,min=1,max=100"`
}

func newMessage(db DB, msg Message) respond.Created[uint64] {
	id := db.Store.Insert(msg)
	return respond.Created[uint64]{Location: "/message/" + strconv.FormatUint(id, 10), Value: id}
}

func getMessage(db DB, id ByID) (Message, error) {
	msg, ok := db.Store.Get(id.ID)
	if !ok {
		return Message{}, respond.ErrNotFound
	}
	return msg, nil
}

func setMessage(db DB, id ByID, msg Message) error {
	if !db.Store.Set(id.ID, msg) {
		return respond.ErrNotFound
	}
	return nil
}

func listMessages(db DB, p Page) []Message {
	if p.Limit == 0 {
		p.Limit = 20
	}
	return db.Store.List(p.Author, p.Limit)
}

// newApp builds the table of contents.
func newApp(db *Database) *tideway.App {
	app := tideway.New(db)
	app.At("/message").Post(newMessage).Get(listMessages)
	app.At("/message/{id}").Get(getMessage).Put(setMessage)
	return app
}

func main() {
	addr := flag.String("addr", ":4321", "address to listen on")
	flag.Parse()
	app := newApp(NewDatabase())
	log.Printf("routes:\n%s", app)
	slog.Info("listening", "addr", *addr)
	if err := nethttp.ListenAndServe(*addr, app); err != nil {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
