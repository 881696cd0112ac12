package bench

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tideway-go/tideway/internal/routeset"
)

// gin takes the suite's `:name` and `*name` syntax as it is. It runs in
// release mode, without middleware, as in the suite.
func buildGin(routes []routeset.Route, p *probe) (http.Handler, error) {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	err := registerAll(routes, func(i int, r routeset.Route) error {
		e.Handle(r.Method, r.Path, ginHandle(i, r.Path, p))
		return nil
	})
	return e, err
}

func ginNop(*gin.Context) {}

func ginHandle(i int, path string, p *probe) gin.HandlerFunc {
	if p == nil {
		return ginNop
	}
	name, _ := firstParam(path)
	if name == "" {
		return func(*gin.Context) { p.route, p.param = i, "" }
	}
	return func(c *gin.Context) { p.route, p.param = i, c.Param(name) }
}
