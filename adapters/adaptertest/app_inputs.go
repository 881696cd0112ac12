package adaptertest

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/tideway-go/tideway"
)

// The routes of inputCases: cookie:, form: and multipart file fields.

type inputCookies struct {
	Session string  `cookie:"session" validate:"required"`
	Visits  int     `cookie:"visits"`
	Theme   *string `cookie:"theme"`
}

type inputForm struct {
	Title string      `form:"title" validate:"required,max=20"`
	Qty   *int        `form:"qty"`
	Tags  []string    `form:"tag"`
	Items []inputItem `form:"items"`
}

type inputItem struct {
	Name string `form:"name"`
}

// echo returns what was bound, to be sent as JSON.
func (f inputForm) echo() map[string]any {
	var items []string
	for _, it := range f.Items {
		items = append(items, it.Name)
	}
	return map[string]any{"title": f.Title, "qty": f.Qty, "tags": f.Tags, "items": items}
}

type inputUpload struct {
	Avatar *multipart.FileHeader   `form:"avatar" validate:"required"`
	Docs   []*multipart.FileHeader `form:"docs"`
	Note   string                  `form:"note"`
}

// describe names an uploaded file: its name, size and content.
func describe(fh *multipart.FileHeader) (string, error) {
	f, err := fh.Open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %d %q", fh.Filename, fh.Size, b), nil
}

// inputBodyLimit is the body limit of POST /inputs/form and
// /inputs/upload; inputParts is the part cap of the latter.
const (
	inputBodyLimit = 1024
	inputParts     = 4
)

func inputRoutes(app *tideway.App) {
	app.At("/inputs/cookie").Get(func(c inputCookies) string {
		theme := "none"
		if c.Theme != nil {
			theme = *c.Theme
		}
		return fmt.Sprintf("session=%s visits=%d theme=%s", c.Session, c.Visits, theme)
	})
	must(app.At("/inputs/form").Handle(http.MethodPost, func(f inputForm) map[string]any { return f.echo() },
		tideway.Config{BodyLimit: inputBodyLimit}))
	must(app.At("/inputs/upload").Handle(http.MethodPost, func(u inputUpload) (string, error) {
		s, err := describe(u.Avatar)
		if err != nil {
			return "", err
		}
		for _, d := range u.Docs {
			ds, err := describe(d)
			if err != nil {
				return "", err
			}
			s += "; " + ds
		}
		return s + "; note=" + u.Note, nil
	}, tideway.Config{BodyLimit: inputBodyLimit, Limits: tideway.Limits{MultipartParts: inputParts}}))
}
