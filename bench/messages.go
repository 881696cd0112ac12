package bench

import (
	"net/http"

	"github.com/go-playground/validator/v10"
)

// The messages app of examples/messages, written once per framework: GET
// /message/{id}, POST /message with a JSON body, and GET
// /message?author=&limit=. The types carry every framework's tags, so that
// all of them bind and validate the same fields by the same rules.

// Message is the body of a POST and the result of a GET. Tideway, echo and
// the hand-written handler validate `validate:`, gin `binding:`, huma its
// JSON Schema tags (a field without omitempty is required).
type Message struct {
	Contents string  `json:"contents" validate:"required,min=1,max=1000" binding:"required,max=1000" minLength:"1" maxLength:"1000"`
	Author   *string `json:"author,omitempty"`
}

// ByID is a message id from the path: `path:` for Tideway and huma,
// `param:` for echo, `uri:` for gin.
type ByID struct {
	ID uint64 `path:"id" param:"id" uri:"id"`
}

// Page filters and limits a listing: `query:` for Tideway, echo and huma.
// gin reads the query through `form:`, which Tideway binds from form
// bodies, so gin has its own ginPage.
type Page struct {
	Author string `query:"author"`
	Limit  int    `query:"limit" validate:"omitempty,min=1,max=100" minimum:"1" maximum:"100"`
}

// defaultLimit is the page size when the query sends no limit.
const defaultLimit = 20

// app is one framework's messages app: its name in benchmark names, and a
// function that builds its handler over a store. v is the validator/v10
// instance to use where the framework lets the caller choose it (the
// hand-written handler and echo); Tideway uses its app's own instance, gin
// its binding package's and huma its JSON Schema validation.
type app struct {
	name  string
	build func(s *store, v *validator.Validate) http.Handler
}

// apps lists the frameworks of the binding benchmarks, in the order they
// run. tideway-reflect is Tideway without tideway.Typed2 around its
// handlers.
var apps = []app{
	{"tideway", buildTidewayMessages},
	{"tideway-reflect", buildTidewayReflectMessages},
	{"handwritten", buildHandwrittenMessages},
	{"gin", buildGinMessages},
	{"echo", buildEchoMessages},
	{"huma", buildHumaMessages},
}

// newValidator returns the validator/v10 instance the hand-written handler
// and echo share.
func newValidator() *validator.Validate {
	return validator.New(validator.WithRequiredStructEnabled())
}
