// Command messages is the message board of the Tide routing sketch, served
// by Tideway over net/http or, with -server fasthttp, over fasthttp: the
// same app, answering the same.
//
//	go run ./examples/messages                   # serves on :4321 over net/http
//	go run ./examples/messages -server fasthttp  # the same API over fasthttp
//	curl -i -X POST localhost:4321/message -H 'Content-Type: application/json' -d '{"contents":"hi","author":"ann"}'
//	curl -i localhost:4321/message/1
//	curl -i 'localhost:4321/message?author=ann&limit=10'
//	curl localhost:4321/openapi.json             # the API, as OpenAPI 3.1
//	open http://localhost:4321/docs              # its reference page, with a form per operation
package main

import (
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"strconv"

	"github.com/tideway-go/tideway"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/apidocs"
	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/respond"
)

// Message is one message on the board.
type Message struct {
	Contents string  `json:"contents" validate:"required,min=1,max=1000"`
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
	app := tideway.New(db, tideway.WithConfig(tideway.Config{Doc: openapi.Doc{Tags: []string{"messages"}}}))
	app.At("/message").Config(doc("Post a message", "Returns the new message's id, and its URL in Location.")).Post(newMessage)
	app.At("/message").Config(doc("List messages", "Oldest first, by author if given; 20 unless limit says otherwise.")).Get(listMessages)
	app.At("/message/{id}").Config(doc("Get a message", "")).Get(getMessage)
	app.At("/message/{id}").Config(doc("Replace a message", "")).Put(setMessage)
	app.At("/openapi.json").Get(app.OpenAPIHandler(apiInfo))
	// The reference page is not part of the API it documents.
	app.At("/docs").Config(tideway.Config{Doc: openapi.Doc{Hidden: true}}).Get(apidocs.Handler("/openapi.json"))
	return app
}

// apiInfo heads the OpenAPI document.
var apiInfo = openapi.Info{Title: "Messages", Version: "1.0.0", Description: "The message board of the Tide routing sketch."}

// doc documents the endpoint of a resource in the OpenAPI document.
func doc(summary, description string) tideway.Config {
	return tideway.Config{Doc: openapi.Doc{Summary: summary, Description: description}}
}

// listenAndServe serves app on addr over the named server ("nethttp" or
// "fasthttp") until SIGINT or SIGTERM.
func listenAndServe(server, addr string, app *tideway.App) error {
	switch server {
	case "nethttp":
		return nethttp.ListenAndServe(addr, app)
	case "fasthttp":
		return tfasthttp.ListenAndServe(addr, app)
	}
	return fmt.Errorf("unknown server %q: use nethttp or fasthttp", server)
}

func main() {
	addr := flag.String("addr", ":4321", "address to listen on")
	server := flag.String("server", "nethttp", "HTTP server to use: nethttp or fasthttp")
	flag.Parse()
	app := newApp(NewDatabase())
	log.Printf("routes:\n%s", app)
	slog.Info("listening", "addr", *addr, "server", *server)
	if err := listenAndServe(*server, *addr, app); err != nil {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
