package adaptertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// NewApp returns the app the conformance table is written against: real
// handlers for routing, every binding tag, every standard responder and
// the standard middleware. Each call returns a fresh app with its own
// state, so every transport starts from the same place. The app logs
// nothing: server errors are expected, and go to a discarding logger.
func NewApp() *tideway.App { return NewAppWithLogger(slog.New(slog.DiscardHandler)) }

// NewAppWithLogger is NewApp logging to logger: the app's server errors
// and panics, mw.Logger's record of each request and mw.Recover's panics.
func NewAppWithLogger(logger *slog.Logger) *tideway.App {
	app := tideway.New(&store{name: "conformance"}, tideway.WithConfig(tideway.Config{Logger: logger}))
	app.Use(
		mw.RequestID(),
		mw.Logger(logger),
		mw.MustCORS(mw.CORSOptions{
			AllowedOrigins:   []string{"https://app.example"},
			AllowedMethods:   []string{"GET", "POST", "PUT"},
			AllowedHeaders:   []string{"Content-Type", "X-Token"},
			ExposedHeaders:   []string{"X-Request-ID"},
			AllowCredentials: true,
			MaxAge:           10 * time.Minute,
		}),
	)
	routingRoutes(app)
	bindingRoutes(app)
	inputRoutes(app)
	responderRoutes(app)
	middlewareRoutes(app, logger)
	hostileRoutes(app)
	return app
}

// store is the app's state, received through state: fields.
type store struct {
	name    string
	guarded atomic.Int64 // calls of the guarded handler
}

// must panics with a registration error: the app must build.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// Routing.

type byID struct {
	ID string `path:"id"`
}

type byName struct {
	Name string `path:"name"`
}

type byRest struct {
	Rest string `path:"rest"`
}

type bySegments struct {
	Rest []string `path:"rest"`
}

type byP struct {
	P string `path:"p"`
}

type byV struct {
	V string `path:"v"`
}

func text(s string) func() string { return func() string { return s } }

func routingRoutes(app *tideway.App) {
	app.At("/hello").Get(text("hello"))
	app.At("/items/{id}").
		Get(func(p byID) string { return "item " + p.ID }).
		Put(func(byID) respond.NoContent { return respond.NoContent{} })
	app.At("/opt").Get(text("get opt"))
	must(app.At("/opt").Handle(http.MethodOptions, func() respond.Text {
		return respond.Text{Body: "routed options"}
	}, tideway.Config{}))

	// Specificity: registered from the least specific on, to show that
	// order does not matter.
	app.At("/spec/{rest...}").Get(func(p byRest) string { return "glob:" + p.Rest })
	app.At("/spec/{name}").Get(func(p byName) string { return "param:" + p.Name })
	app.At("/spec/new").Get(text("literal"))

	// Backtracking: /bt/x/z goes to /bt/{p}/z.
	app.At("/bt/x/a").Get(text("literal x/a"))
	app.At("/bt/{p}/z").Get(func(p byP) string { return "param p=" + p.P })

	app.At("/esc/{v}").Get(func(p byV) string { return "[" + p.V + "]" })
	app.At("/files/{rest...}").Get(func(p byRest) string { return "rest=" + p.Rest })
	app.At("/parts/{rest...}").Get(func(p bySegments) []string { return p.Rest })

	app.Nest("/api", func(r *tideway.Router) {
		r.At("/ping").Get(text("api pong"))
		r.Nest("/v2", func(r *tideway.Router) {
			r.At("/ping").Get(text("api v2 pong"))
			r.At("/items/{id}").Get(func(p byID) string { return "v2 item " + p.ID })
		})
	})

	app.At("/slash").Get(text("no slash"))
	app.At("/slash/").Get(text("slash"))
}

// Binding.

type userID struct {
	ID uint64 `path:"id"`
}

type pair struct {
	A string `path:""`
	B int    `path:""`
}

type search struct {
	Q      string   `query:"q" validate:"required"`
	Limit  int      `query:"limit" validate:"omitempty,min=1,max=100"`
	Tags   []string `query:"tag"`
	Page   *int     `query:"page"`
	Filter filter   `query:"filter"`
}

type filter struct {
	Name string `query:"name"`
	Min  int    `query:"min"`
}

// echo returns what was bound, to be sent as JSON.
func (s search) echo() map[string]any {
	return map[string]any{"q": s.Q, "limit": s.Limit, "tags": s.Tags, "page": s.Page,
		"filter": map[string]any{"name": s.Filter.Name, "min": s.Filter.Min}}
}

type lenient struct {
	Q string `query:"q"`
}

type headers struct {
	Token string `header:"X-Token" validate:"required"`
	Count int    `header:"X-Count"`
}

type withStore struct {
	S *store `state:""`
}

type message struct {
	Contents string  `json:"contents" validate:"required,max=20"`
	Author   *string `json:"author,omitempty"`
	Priority int     `json:"priority,omitempty" validate:"omitempty,min=1,max=5"`
}

type notify struct {
	Notify bool `query:"notify"`
}

// updated is what PUT /messages/{id} answers.
type updated struct {
	ID      uint64  `json:"id"`
	Notify  bool    `json:"notify"`
	Message message `json:"message"`
}

func bindingRoutes(app *tideway.App) {
	app.At("/users/{id}").Get(func(p userID) map[string]uint64 { return map[string]uint64{"id": p.ID} })
	app.At("/pair/{}/{}").Get(func(p pair) string { return fmt.Sprintf("%s %d", p.A, p.B) })
	app.At("/search").Get(func(s search) map[string]any { return s.echo() })
	must(app.At("/lenient").Handle(http.MethodGet, func(l lenient) string { return "q=" + l.Q }, tideway.Config{Unknown: tideway.Ignore}))
	app.At("/headers").Get(func(h headers) string { return fmt.Sprintf("token=%s count=%d", h.Token, h.Count) })
	app.At("/state").Get(func(s withStore) string { return "store " + s.S.name })
	must(app.At("/messages").Handle(http.MethodPost, func(m message) respond.Created[message] {
		return respond.Created[message]{Location: "/messages/1", Value: m}
	}, tideway.Config{BodyLimit: 256}))
	app.At("/messages/{id}").Put(func(id userID, n notify, m message) updated {
		return updated{ID: id.ID, Notify: n.Notify, Message: m}
	})
	app.At("/ctx").Get(func(ctx context.Context) string {
		if ctx.Err() != nil {
			return "done"
		}
		return "live"
	})
	app.At("/raw/echo").Get(func(w view.Response, r view.Request) {
		token, _ := r.Header("X-Token")
		w.SetHeader("Content-Type", "text/plain; charset=utf-8")
		w.SetHeader("X-Method", r.Method())
		w.SetHeader("X-Token-Seen", token)
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, "%s ? %s", r.Path(), r.RawQuery())
	})
	app.At("/raw/body").Post(func(r view.Request) (string, error) {
		b, err := io.ReadAll(r.Body())
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("read %d of %d: %s", len(b), r.ContentLength(), b), nil
	})
	app.At("/raw/host").Get(func(r view.Request) string { return r.Host() })
	app.At("/raw/sniff").Get(func(w view.Response) {
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte("<html><body>short and stout</body></html>"))
	})
	app.At("/call/{name}").Get(func(c *tideway.Call) error {
		c.Response.SetHeader("X-Pattern", c.Pattern())
		return respond.Text{Body: "call " + c.Param("name")}.Respond(c.Response, c.Request)
	})
}
