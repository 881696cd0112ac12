package bench

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/tideway-go/tideway/internal/routeset"
)

// echo takes `:name` as it is and writes a catch-all as a bare `*`, whose
// value is the parameter "*".
func buildEcho(routes []routeset.Route, p *probe) (http.Handler, error) {
	e := echo.New()
	err := registerAll(routes, func(i int, r routeset.Route) error {
		e.Add(r.Method, echoPattern(r.Path), echoHandle(i, r.Path, p))
		return nil
	})
	return e, err
}

func echoPattern(path string) string {
	return convert(path,
		func(name string) string { return ":" + name },
		func(string) string { return "*" })
}

func echoNop(echo.Context) error { return nil }

func echoHandle(i int, path string, p *probe) echo.HandlerFunc {
	if p == nil {
		return echoNop
	}
	name, glob := firstParam(path)
	if name == "" {
		return func(echo.Context) error { p.route, p.param = i, ""; return nil }
	}
	if glob {
		name = "*"
	}
	return func(c echo.Context) error { p.route, p.param = i, c.Param(name); return nil }
}
