// Command fiber serves the end-to-end routes with fiber v2, in its default
// configuration (encoding/json for c.JSON) without the start-up banner.
package main

import (
	"flag"
	"log"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/tideway-go/tideway/bench/e2e/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	db := store.New()
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
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
	log.Fatal(app.Listen(*addr))
}
