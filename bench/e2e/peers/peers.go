// Package peers holds the end-to-end routes as Tideway's peers serve
// them, a raw fasthttp handler and a fiber v2 app, so that the e2e servers
// and the in-process benchmarks of bench/ run the same code.
package peers

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/tideway-go/tideway/bench/e2e/store"
)

// RawFasthttp returns one fasthttp.RequestHandler serving GET /plaintext
// and GET /message/{id} from db with a switch on the path.
func RawFasthttp(db *store.Store) fasthttp.RequestHandler {
	return func(rc *fasthttp.RequestCtx) {
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
}

// Fiber returns a fiber app with cfg (and no start-up banner) serving
// GET /plaintext and GET /message/:id from db; c.JSON is fiber's default,
// encoding/json.
func Fiber(db *store.Store, cfg fiber.Config) *fiber.App {
	cfg.DisableStartupMessage = true
	app := fiber.New(cfg)
	app.Get("/plaintext", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.SendString(store.Plaintext)
	})
	app.Get("/message/:id", func(c *fiber.Ctx) error {
		id, err := strconv.ParseUint(c.Params("id"), 10, 64)
		if err != nil {
			return fiber.ErrBadRequest
		}
		msg, ok := db.Get(id)
		if !ok {
			return fiber.ErrNotFound
		}
		return c.JSON(msg)
	})
	return app
}
