// Command guard is Thruster's route guard served by Tideway: /ping
// answers only requests that carry the right Auth-Token header, and
// everyone else gets a 403 problem. It shows a guard at two levels: on
// one endpoint (/ping, through Config.Middleware) and on a nested router
// (everything under /admin, through Router.Use). /plaintext is open.
//
//	go run ./examples/guard                  # serves on :4321; -addr, -token to change
//	curl -i localhost:4321/ping                                   # 403
//	curl -i localhost:4321/ping -H 'Auth-Token: let-me-in'        # 200 pong
//	curl -i localhost:4321/admin/stats -H 'Auth-Token: let-me-in' # 200
//	curl -i localhost:4321/plaintext                              # 200, no token needed
package main

import (
	"crypto/subtle"
	"flag"
	"log/slog"
	"os"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/view"
)

// defaultToken is the Auth-Token accepted unless -token says otherwise.
const defaultToken = "let-me-in"

// hasToken returns a guard condition: the request's Auth-Token header is
// token, compared in constant time.
func hasToken(token string) func(r view.Request) bool {
	return func(r view.Request) bool {
		got, _ := r.Header("Auth-Token")
		return subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
	}
}

// Stats is what /admin/stats reports.
type Stats struct {
	Routes int `json:"routes"`
}

// newApp builds the app, guarding /ping and /admin with token.
func newApp(token string) *tideway.App {
	guard := mw.Guard(hasToken(token))
	app := tideway.New(nil)
	app.At("/plaintext").Get(func() string { return "Hello, World!" })

	// Endpoint level: only GET /ping is guarded.
	err := app.At("/ping").Handle("GET", func() string { return "pong" }, tideway.Config{Middleware: []tideway.Middleware{guard}})
	if err != nil {
		panic(err)
	}

	// Router level: every route under /admin is guarded.
	app.Nest("/admin", func(admin *tideway.Router) {
		admin.Use(guard)
		admin.At("/stats").Get(func() Stats { return Stats{Routes: len(app.Routes())} })
	})
	return app
}

func main() {
	addr := flag.String("addr", ":4321", "address to listen on")
	token := flag.String("token", defaultToken, "the Auth-Token that /ping and /admin accept")
	flag.Parse()
	app := newApp(*token)
	slog.Info("listening", "addr", *addr)
	if err := nethttp.ListenAndServe(*addr, app); err != nil {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
