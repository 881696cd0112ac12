package openapi

import (
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// ResponseDescriber is implemented by a handler result type, typically a
// respond.Responder of the user's own, that describes the responses it
// writes, by status code ("200", "4XX", "default"). The method is called
// on the zero value (on a new pointer for a pointer receiver). Without
// it, a Responder of the user's own is documented as a 200 with no fixed
// content.
type ResponseDescriber interface {
	OpenAPIResponses(g *Generator) map[string]*Response
}

var (
	responderType         = reflect.TypeFor[respond.Responder]()
	responseDescriberType = reflect.TypeFor[ResponseDescriber]()
	problemType           = reflect.TypeFor[respond.Problem]()
	fieldErrorType        = reflect.TypeFor[view.FieldError]()
	respondPkg            = responderType.PkgPath()
)

// Media types of the responses.
const (
	typeJSON    = "application/json"
	typeText    = "text/plain"
	typeBytes   = "application/octet-stream"
	typeProblem = "application/problem+json"
	typeSSE     = "text/event-stream"
)

// responses documents what ep answers: its result's responses, and the
// errors binding and routing can give.
func (b *builder) responses(ep Endpoint, hasParams bool) map[string]*Response {
	d := ep.Plan
	out := map[string]*Response{}
	switch {
	case d == nil:
		out["default"] = open()
	case d.Result == nil:
		out["204"] = &Response{Description: statusText(204)}
	default:
		b.result(out, d.Result)
	}
	if d != nil && d.TakesResponse {
		out["default"] = open()
	}
	var codes []int
	if d != nil {
		codes = append(codes, d.Statuses...)
		if hasParams && d.Error {
			codes = append(codes, http.StatusNotFound)
		}
	}
	for _, c := range ep.Doc.Errors {
		if c >= 400 && c <= 599 {
			codes = append(codes, c)
		}
	}
	for _, c := range codes {
		key := strconv.Itoa(c)
		if out[key] == nil {
			out[key] = &Response{Description: statusText(c), Content: map[string]*MediaType{typeProblem: {Schema: b.problemRef()}}}
		}
	}
	return out
}

// open is the response of a handler that chooses its status and body at
// run time.
func open() *Response {
	return &Response{Description: "A response whose status and body the handler chooses.", Content: anyContent()}
}

// anyContent is a body of any media type, of a form not known here.
func anyContent() map[string]*MediaType {
	return map[string]*MediaType{"*/*": {}}
}

// result adds the responses of a handler result of type t, as
// respond.Value writes it.
func (b *builder) result(out map[string]*Response, t reflect.Type) {
	if t.Kind() == reflect.Pointer {
		// A nil pointer is 204, whatever it points to.
		out["204"] = &Response{Description: statusText(204)}
	}
	if rs := describeResponses(b.g, t); rs != nil {
		for k, r := range rs {
			out[k] = r
		}
		return
	}
	switch {
	case t.Kind() == reflect.Interface:
		out["default"] = open()
	case t.Implements(responderType):
		b.responder(out, deref(t))
	case t == reflect.TypeFor[string]():
		out["200"] = body(200, typeText, &Schema{Type: Types{"string"}})
	case t == reflect.TypeFor[[]byte]():
		out["200"] = body(200, typeBytes, nil)
	default:
		out["200"] = body(200, typeJSON, b.g.Schema(deref(t)))
	}
}

// describeResponses returns the responses a ResponseDescriber gives, or
// nil.
func describeResponses(g *Generator, t reflect.Type) map[string]*Response {
	var d ResponseDescriber
	switch {
	case t.Kind() == reflect.Pointer && t.Elem().Implements(responseDescriberType):
		d = reflect.Zero(t.Elem()).Interface().(ResponseDescriber)
	case t.Kind() == reflect.Pointer && t.Implements(responseDescriberType):
		d = reflect.New(t.Elem()).Interface().(ResponseDescriber)
	case t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && t.Implements(responseDescriberType):
		d = reflect.Zero(t).Interface().(ResponseDescriber)
	default:
		return nil
	}
	return d.OpenAPIResponses(g)
}

// responder adds the responses of the Responder type t (not a pointer).
func (b *builder) responder(out map[string]*Response, t reflect.Type) {
	if t.PkgPath() != respondPkg {
		out["200"] = &Response{Description: statusText(200), Content: anyContent()}
		return
	}
	generic, _, _ := strings.Cut(t.Name(), "[")
	value := func() reflect.Type {
		sf, _ := t.FieldByName("Value")
		return sf.Type
	}
	location := map[string]*Header{"Location": {Description: "The URL of the resource.", Required: true, Schema: &Schema{Type: Types{"string"}, Format: "uri-reference"}}}
	switch generic {
	case "NoContent":
		out["204"] = &Response{Description: statusText(204)}
	case "Text", "Display":
		out["200"] = body(200, typeText, &Schema{Type: Types{"string"}})
	case "JSON":
		out["200"] = body(200, typeJSON, b.g.Schema(value()))
	case "Created":
		v := value()
		r := body(201, typeJSON, b.g.Schema(v))
		if plainText(v) {
			r = body(201, typeText, &Schema{Type: Types{"string"}})
		}
		r.Headers = location
		out["201"] = r
	case "Redirect":
		out["3XX"] = &Response{Description: "A redirect to Location.", Headers: location}
	case "SSE":
		out["200"] = body(200, typeSSE, &Schema{Type: Types{"string"}})
		out["200"].Description = "A stream of server-sent events."
	case "Stream":
		out["200"] = &Response{Description: "A stream, of a content type chosen at run time.", Content: anyContent()}
	case "Problem":
		out["default"] = body(0, typeProblem, b.problemRef())
		out["default"].Description = "A problem."
	default: // respond.Status, and any responder added later
		out["default"] = open()
	}
}

// body is a response with one media type; a nil schema leaves the body
// undescribed. A zero code is described as "default".
func body(code int, mediaType string, s *Schema) *Response {
	desc := "A response."
	if code != 0 {
		desc = statusText(code)
	}
	return &Response{Description: desc, Content: map[string]*MediaType{mediaType: {Schema: s}}}
}

// plainText reports whether respond.Created sends a value of type t as
// text rather than JSON: a string, a bool, a number or a fmt.Stringer.
func plainText(t reflect.Type) bool {
	if t.Implements(reflect.TypeFor[fmt.Stringer]()) {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// problemRef returns the reference to the Problem component, the schema
// of respond.Problem as it is sent (with Type, Title and Status always
// filled in), making it the first time.
func (b *builder) problemRef() *Schema {
	if b.problem != nil {
		return b.problem
	}
	b.problem = b.g.Schema(problemType)
	if p := b.g.named[problemType]; p != nil {
		p.Description = "A problem details object (RFC 9457)."
		p.Required = []string{"type", "title", "status"}
		if s := p.Properties["status"]; s != nil {
			s.Format, s.Minimum, s.Maximum = "", "400", "599"
		}
		for _, name := range []string{"type", "instance"} {
			if s := p.Properties[name]; s != nil {
				s.Format = "uri-reference"
			}
		}
	}
	if f := b.g.named[fieldErrorType]; f != nil {
		f.Description = "One bad input: where it came from, its name on the wire, and what is wrong with it."
		f.Required = []string{"location", "reason"}
	}
	return b.problem
}
