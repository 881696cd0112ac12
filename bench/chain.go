package bench

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/labstack/echo/v4"
	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

// The middleware benchmarks serve GET /ping, whose handler writes a fixed
// short body, through n no-op middleware that each call next.

// pingBody is what /ping answers, written as bytes so that no framework
// pays for a string conversion.
var pingBody = []byte("pong")

// chainer is one framework's /ping behind n middleware.
type chainer struct {
	name  string
	build func(n int) http.Handler
}

// chainers lists the frameworks of BenchmarkMiddlewareChain.
var chainers = []chainer{
	{"tideway", buildTidewayChain},
	{"chi", buildChiChain},
	{"gin", buildGinChain},
	{"echo", buildEchoChain},
}

// chainDepth is how many middleware the benchmark puts around /ping.
const chainDepth = 5

func buildTidewayChain(n int) http.Handler {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	for range n {
		app.Use(func(c *tideway.Call, next tideway.Next) error { return next(c) })
	}
	app.At("/ping").Get(func(c *tideway.Call) error {
		_, err := c.Response.Write(pingBody)
		return err
	})
	return nethttp.Handler(app)
}

func buildChiChain(n int) http.Handler {
	r := chi.NewRouter()
	for range n {
		r.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(w, r) })
		})
	}
	r.Get("/ping", func(w http.ResponseWriter, _ *http.Request) { w.Write(pingBody) })
	return r
}

func buildGinChain(n int) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	for range n {
		e.Use(func(c *gin.Context) { c.Next() })
	}
	e.GET("/ping", func(c *gin.Context) { c.Writer.Write(pingBody) })
	return e
}

func buildEchoChain(n int) http.Handler {
	e := echo.New()
	for range n {
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error { return next(c) }
		})
	}
	e.GET("/ping", func(c echo.Context) error {
		_, err := c.Response().Write(pingBody)
		return err
	})
	return e
}
