package bench

import (
	"net/http"
	"strconv"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"
)

// buildEchoMessages binds with c.Bind (path params, then the query for
// GET, then a JSON body by Content-Type) and validates through
// e.Validator, set to v. c.JSON encodes with encoding/json's Encoder, so
// its bodies end in a newline.
func buildEchoMessages(s *store, v *validator.Validate) http.Handler {
	e := echo.New()
	e.Validator = echoValidator{v}
	e.GET("/message/:id", func(c echo.Context) error {
		var id ByID
		if err := c.Bind(&id); err != nil {
			return err
		}
		msg, ok := s.Get(id.ID)
		if !ok {
			return echo.ErrNotFound
		}
		return c.JSON(http.StatusOK, msg)
	})
	e.GET("/message", func(c echo.Context) error {
		var p Page
		if err := c.Bind(&p); err != nil {
			return err
		}
		if err := c.Validate(&p); err != nil {
			return echo.NewHTTPError(http.StatusUnprocessableEntity, err.Error())
		}
		return c.JSON(http.StatusOK, s.List(p.Author, p.Limit))
	})
	e.POST("/message", func(c echo.Context) error {
		var msg Message
		if err := c.Bind(&msg); err != nil {
			return err
		}
		if err := c.Validate(&msg); err != nil {
			return echo.NewHTTPError(http.StatusUnprocessableEntity, err.Error())
		}
		id := strconv.FormatUint(s.Insert(msg), 10)
		c.Response().Header().Set("Location", "/message/"+id)
		return c.String(http.StatusCreated, id)
	})
	return e
}

// echoValidator is an echo.Validator over a validator/v10 instance.
type echoValidator struct{ v *validator.Validate }

func (ev echoValidator) Validate(i any) error { return ev.v.Struct(i) }

var _ echo.Validator = echoValidator{}
