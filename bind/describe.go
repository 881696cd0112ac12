package bind

import (
	"net/http"
	"reflect"
	"slices"
)

// Description is a read-only account of a Plan for documentation tools
// (package openapi): what the handler reads from a request, where from,
// what it returns, and which errors binding alone can answer with. It is
// built from the plan itself, so it cannot drift from what Call does.
type Description struct {
	// Handler is the handler func's name, as Plan.Name returns it.
	Handler string
	// Route is Options.Route, such as "GET /message/{id}".
	Route string
	// Params are the route's parameter names in order ("" for {} and *);
	// Glob says the last one is a glob.
	Params []string
	Glob   bool
	// Inputs are the fields bound from the request, parameter by
	// parameter and field by field in the order the plan binds them.
	// State fields are left out: they are not input.
	Inputs []Input
	// Body describes the struct decoded from a JSON body, or is nil.
	Body *Body
	// Result is the type of the handler's value result, or nil.
	Result reflect.Type
	// Error reports whether the handler returns an error.
	Error bool
	// TakesResponse reports whether the handler takes view.Response and
	// so may write any response itself.
	TakesResponse bool
	// AllowUnknown reports whether unknown query keys, form keys (values
	// and files) and JSON fields are accepted rather than answered with
	// 400.
	AllowUnknown bool
	// Statuses are the error statuses binding can answer with before the
	// handler runs, ascending: 400 when some input can fail to parse or
	// unknown keys are rejected, 413 and 415 when there is a body, 422
	// when some field has a validate tag.
	Statuses []int
}

// Input is one field bound from a request.
type Input struct {
	// Location is where the value comes from, as it is named in field
	// errors: "path", "query", "header", "body", and so on for every
	// source the binder knows ("cookie" and "form" where it has them).
	Location string
	// Name is the wire name: the segment, query key, header name or JSON
	// key. An unnamed {} segment is named by its position among them
	// ("1", "2"), as in field errors.
	Name string
	// Param is the index of a path field's segment in Description.Params,
	// and -1 for every other location.
	Param int
	// Struct is the parameter struct the field belongs to, and Field the
	// field itself, its Index relative to Struct (promoted fields of
	// embedded structs have longer indexes).
	Struct reflect.Type
	Field  reflect.StructField
	// Required: the validate tag starts with "required", so the key must
	// be sent. Path fields are always required.
	Required bool
	// Omitempty: the validate tag has "omitempty", so the rest of it runs
	// only when the key was sent.
	Omitempty bool
	// Validate is the field's validate tag as written.
	Validate string
}

// Type returns the field's type.
func (in Input) Type() reflect.Type { return in.Field.Type }

// Pointer reports whether the field is a pointer, left nil when the key is
// not sent.
func (in Input) Pointer() bool { return in.Field.Type.Kind() == reflect.Pointer }

// Body describes the parameter struct a JSON body is decoded into.
type Body struct {
	// Struct is the parameter struct type.
	Struct reflect.Type
	// Fields are its body fields, named by their JSON keys; they are also
	// among Description.Inputs, with Location "body".
	Fields []Input
	// Whole reports whether every field the struct binds is a body field,
	// so the body has the JSON form of Struct itself.
	Whole bool
}

// Describe returns a description of the plan. It allocates a new
// Description on each call and does not change the plan.
func (p *Plan) Describe() Description {
	d := Description{
		Handler:       p.name,
		Route:         p.opts.Route,
		Params:        slices.Clone(p.opts.Params),
		Glob:          p.opts.Glob,
		Result:        p.Result(),
		Error:         p.hasErr,
		TakesResponse: p.TakesResponse(),
		AllowUnknown:  p.unknown,
	}
	var bad, body, invalid bool
	for _, a := range p.args {
		if a.kind != argStruct {
			continue
		}
		if a.check {
			invalid = true
		}
		whole := true
		var bodyFields []Input
		for _, f := range a.fields {
			if f.loc == locState {
				whole = false
				continue
			}
			in := describeField(a, f)
			d.Inputs = append(d.Inputs, in)
			if f.required {
				invalid = true // "required" is checked even without the validator
			}
			if f.loc == locBody {
				bodyFields = append(bodyFields, in)
			} else {
				whole = false
			}
			if mayFail(f, in.Location, in.Field.Type) {
				bad = true
			}
			if in.Location == "body" || in.Location == "form" {
				body = true // read from the request body
			}
		}
		if a.body != nil {
			d.Body = &Body{Struct: a.typ, Fields: bodyFields, Whole: whole}
		}
	}
	if bad {
		d.Statuses = append(d.Statuses, http.StatusBadRequest)
	}
	if body {
		d.Statuses = append(d.Statuses, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	if invalid {
		d.Statuses = append(d.Statuses, http.StatusUnprocessableEntity)
	}
	return d
}

func describeField(a *arg, f *field) Input {
	sf := a.typ.FieldByIndex(f.index)
	sf.Index = slices.Clone(f.index)
	in := Input{
		Location:  f.loc.String(),
		Name:      f.name,
		Param:     -1,
		Struct:    a.typ,
		Field:     sf,
		Required:  f.required,
		Omitempty: f.omitempty,
		Validate:  sf.Tag.Get("validate"),
	}
	if f.loc == locPath {
		in.Param = f.param
		in.Required = true
	}
	return in
}

// mayFail reports whether binding field f, from loc and of type t, can
// fail with 400: a path or header field only when its text has to be
// parsed; a cookie (whose value may hold bytes a cookie cannot), a query
// string, a body or a form always can.
func mayFail(f *field, loc string, t reflect.Type) bool {
	switch loc {
	case "path", "header":
	default:
		return true
	}
	if f.segments {
		return false // the router rejects a path with a bad escape first
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() != reflect.String || reflect.PointerTo(t).Implements(textUnmarshalerType)
}
