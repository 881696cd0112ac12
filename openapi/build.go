package openapi

import (
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/route"
)

// Endpoint is one route of a table of contents, as Build documents it.
type Endpoint struct {
	// Method is the HTTP method. Methods OpenAPI has no field for (other
	// than GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH and TRACE) are
	// left out.
	Method string
	// Pattern is the route's pattern.
	Pattern *route.Pattern
	// Plan describes the handler, or is nil for a handler with no binding
	// plan (Tideway's raw func(*Call) error): its path parameters are
	// then strings and its response is left open.
	Plan *bind.Description
	// Handler is the handler func's name, for the default operationId
	// when Plan is nil.
	Handler string
	// Doc is the operation's documentation.
	Doc Doc
}

// Build returns the OpenAPI document of the endpoints. Operations are
// filed under their path with each parameter named as in the pattern; an
// unnamed {} takes the name of the field it binds (or "paramN"), a glob
// the name of its field (or "rest"). Routes of the same shape share one
// path, named after the first of them. An empty Title or Version in info
// is "API" or "0.0.0".
func Build(info Info, endpoints []Endpoint) *Document {
	if info.Title == "" {
		info.Title = "API"
	}
	if info.Version == "" {
		info.Version = "0.0.0"
	}
	b := &builder{g: NewGenerator(), paths: map[string]*PathItem{}, shapes: map[string]shape{}, ids: map[string]bool{}}
	for _, ep := range endpoints {
		b.add(ep)
	}
	doc := &Document{OpenAPI: Version, Info: info, Paths: b.paths}
	if c := b.g.Components(); len(c) > 0 {
		doc.Components = &Components{Schemas: c}
	}
	return doc
}

// builder holds the state of one Build.
type builder struct {
	g       *Generator
	paths   map[string]*PathItem
	shapes  map[string]shape // the path and names chosen for each pattern shape
	ids     map[string]bool  // operationIds taken
	problem *Schema          // the reference to the Problem component, once made
}

// shape is the path a pattern shape is filed under and the names of its
// parameters there.
type shape struct {
	path  string
	names []string
}

func (b *builder) add(ep Endpoint) {
	if ep.Doc.Hidden {
		return
	}
	sh := b.shape(ep)
	item := b.paths[sh.path]
	if item == nil {
		item = &PathItem{}
	}
	slot := item.slot(ep.Method)
	if slot == nil || *slot != nil {
		return // a method OpenAPI cannot name
	}
	b.paths[sh.path] = item
	op := &Operation{
		Tags:        slices.Clone(ep.Doc.Tags),
		Summary:     ep.Doc.Summary,
		Description: ep.Doc.Description,
		Deprecated:  ep.Doc.Deprecated,
		OperationID: b.operationID(ep, sh),
		Parameters:  b.pathParams(ep, sh),
	}
	d := ep.Plan
	if d != nil {
		op.Parameters = append(op.Parameters, b.params(d)...)
		op.RequestBody = b.requestBody(d)
	}
	op.Responses = b.responses(ep, len(sh.names) > 0)
	*slot = op
}

// shape returns the path and parameter names of ep's pattern.
func (b *builder) shape(ep Endpoint) shape {
	key := ep.Pattern.Shape()
	if sh, ok := b.shapes[key]; ok {
		return sh
	}
	var names []string
	taken := map[string]bool{}
	for _, n := range ep.Pattern.Params() {
		taken[n] = n != ""
	}
	var path strings.Builder
	segs := ep.Pattern.Segments()
	raw := strings.Split(ep.Pattern.String(), "/")[1:]
	for i, s := range segs {
		path.WriteByte('/')
		if s.Kind == route.Literal {
			path.WriteString(raw[i])
			continue
		}
		name := s.Text
		if name == "" {
			name = unique(b.boundName(ep, len(names), s.Kind), taken)
			taken[name] = true
		}
		names = append(names, name)
		path.WriteString("{" + name + "}")
	}
	if len(segs) == 0 {
		path.WriteByte('/')
	}
	sh := shape{path: path.String(), names: names}
	b.shapes[key] = sh
	return sh
}

// boundName names the i'th parameter of ep's route, which is unnamed:
// after the field it binds, or by its position.
func (b *builder) boundName(ep Endpoint, i int, kind route.Kind) string {
	if ep.Plan != nil {
		for _, in := range ep.Plan.Inputs {
			if in.Location == "path" && in.Param == i {
				return in.Field.Name
			}
		}
	}
	if kind == route.Glob {
		return "rest"
	}
	return "param" + strconv.Itoa(i+1)
}

// unique returns name, or name with the smallest number from 2 up that
// makes it not taken.
func unique(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	for n := 2; ; n++ {
		if s := name + strconv.Itoa(n); !taken[s] {
			return s
		}
	}
}

// pathParams documents every parameter of the route, bound or not.
func (b *builder) pathParams(ep Endpoint, sh shape) []*Parameter {
	var out []*Parameter
	glob := ep.Pattern.HasGlob()
	for i, name := range sh.names {
		p := &Parameter{Name: name, In: "path", Required: true, Schema: &Schema{Type: Types{"string"}}}
		if glob && i == len(sh.names)-1 {
			p.Description = "The rest of the path, which may contain \"/\" and may be empty."
			out = append(out, p)
			continue
		}
		if ep.Plan != nil {
			for _, in := range ep.Plan.Inputs {
				if in.Location == "path" && in.Param == i {
					p.Schema, _ = b.g.field(deref(in.Field.Type), in.Validate)
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// params documents the query, header and cookie inputs. Two parameter
// structs may bind the same key (each gets its value), but OpenAPI allows
// one parameter per name and location, so the key is listed once,
// required if any field binding it is; header names are compared as HTTP
// compares them, case-insensitively.
func (b *builder) params(d *bind.Description) []*Parameter {
	var out []*Parameter
	for _, in := range d.Inputs {
		switch in.Location {
		case "query":
			out = append(out, b.keyed(in.Name, in.Field.Type, "query", in.Validate, in.Required, map[reflect.Type]bool{})...)
		case "header", "cookie":
			s, _ := b.g.field(deref(in.Field.Type), in.Validate)
			if s == nil {
				s = &Schema{}
			}
			out = append(out, &Parameter{Name: in.Name, In: in.Location, Required: in.Required, Schema: s})
		}
	}
	return dedupe(out)
}

// dedupe keeps the first parameter of each name and location, required
// when any of its duplicates is.
func dedupe(params []*Parameter) []*Parameter {
	first := map[string]*Parameter{}
	out := params[:0]
	for _, p := range params {
		key := p.In + " " + p.Name
		if p.In == "header" {
			key = p.In + " " + strings.ToLower(p.Name)
		}
		if q := first[key]; q != nil {
			q.Required = q.Required || p.Required
			continue
		}
		first[key] = p
		out = append(out, p)
	}
	return out
}

// keyed documents a query field named name of type t, decoded by
// gorilla/schema: a struct is flattened into one parameter per field,
// with dotted names ("filter.author"), as gorilla/schema reads them.
func (b *builder) keyed(name string, t reflect.Type, tag, validate string, required bool, seen map[reflect.Type]bool) []*Parameter {
	if isFile(t) {
		s := &Schema{Type: Types{"string"}, ContentMediaType: "application/octet-stream"}
		if t.Kind() == reflect.Slice {
			s = &Schema{Type: Types{"array"}, Items: s}
		}
		return []*Parameter{{Name: name, In: "query", Required: required, Schema: s}}
	}
	t = deref(t)
	if !nested(t) {
		s, _ := b.g.field(t, validate)
		if s == nil {
			s = &Schema{}
		}
		return []*Parameter{{Name: name, In: "query", Required: required, Schema: s}}
	}
	if seen[t] {
		return nil
	}
	seen[t] = true
	defer delete(seen, t)
	var out []*Parameter
	for _, sf := range nestedFields(t, tag) {
		out = append(out, b.keyed(name+"."+sf.name, sf.field.Type, tag, sf.field.Tag.Get("validate"), false, seen)...)
	}
	return out
}

// keyedField is a field of a struct decoded from keyed values.
type keyedField struct {
	name  string
	field reflect.StructField
}

// nested reports whether gorilla/schema decodes t field by field, with
// dotted keys, rather than from one value.
func nested(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t != timeType && !implements(t, textUnmarshalerType) && !implements(t, describerType)
}

// nestedFields lists the fields gorilla/schema fills in struct t, named
// by tag or else by their Go name.
func nestedFields(t reflect.Type, tag string) []keyedField {
	var out []keyedField
	for _, sf := range reflect.VisibleFields(t) {
		if !sf.IsExported() || sf.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get(tag), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, keyedField{name: name, field: sf})
	}
	return out
}

func deref(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// requestBody documents a JSON body and a form body.
func (b *builder) requestBody(d *bind.Description) *RequestBody {
	content := map[string]*MediaType{}
	if d.Body != nil {
		var s *Schema
		if d.Body.Whole {
			s = b.g.Schema(d.Body.Struct)
		} else {
			s = b.inputsObject(d.Body.Fields)
		}
		content["application/json"] = &MediaType{Schema: s}
	}
	var form []bind.Input
	files := false
	for _, in := range d.Inputs {
		if in.Location == "form" {
			form = append(form, in)
			files = files || isFile(in.Field.Type)
		}
	}
	if len(form) > 0 {
		s := &Schema{Type: Types{"object"}}
		for _, in := range form {
			for _, p := range b.keyed(in.Name, in.Field.Type, "form", in.Validate, in.Required, map[reflect.Type]bool{}) {
				if s.Properties == nil {
					s.Properties = map[string]*Schema{}
				}
				s.Properties[p.Name] = p.Schema
				if p.Required {
					s.Required = append(s.Required, p.Name)
				}
			}
		}
		mt := "application/x-www-form-urlencoded"
		if files {
			mt = "multipart/form-data"
		}
		content[mt] = &MediaType{Schema: s}
	}
	if len(content) == 0 {
		return nil
	}
	return &RequestBody{Content: content, Required: true}
}

// isFile reports whether t is *multipart.FileHeader or a slice of them.
func isFile(t reflect.Type) bool {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return deref(t) == fileHeaderType
}

// inputsObject is the schema of an object with the given fields.
func (b *builder) inputsObject(fields []bind.Input) *Schema {
	s := &Schema{Type: Types{"object"}}
	for _, in := range fields {
		fs, _ := b.g.field(in.Field.Type, in.Validate)
		if fs == nil {
			continue
		}
		if s.Properties == nil {
			s.Properties = map[string]*Schema{}
		}
		s.Properties[in.Name] = fs
		if in.Required {
			s.Required = append(s.Required, in.Name)
		}
	}
	return s
}

// operationID returns ep's operationId: its Doc's, or one made from the
// handler's name, or else from the method and path; unique in the
// document.
func (b *builder) operationID(ep Endpoint, sh shape) string {
	id := ep.Doc.OperationID
	if id == "" {
		handler := ep.Handler
		if ep.Plan != nil && ep.Plan.Handler != "" {
			handler = ep.Plan.Handler
		}
		id = funcID(handler)
	}
	if id == "" {
		id = pathID(ep.Method, ep.Pattern, sh)
	}
	id = unique(id, b.ids)
	b.ids[id] = true
	return id
}

// funcID is the readable part of a func's name: "getMessage" for
// "example.com/app.getMessage" or "example.com/app.(*Server).getMessage-fm",
// "" for a closure ("app.newApp.func1") or a name with nothing usable.
func funcID(name string) string {
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i] // a generic func's type arguments
	}
	name = strings.TrimSuffix(name, "-fm")
	name = name[strings.LastIndexByte(name, '/')+1:]
	name = name[strings.LastIndexByte(name, '.')+1:]
	if strings.HasPrefix(name, "func") && strings.Trim(name[4:], "0123456789") == "" {
		return ""
	}
	if strings.Trim(name, "_") == "" || name[0] >= '0' && name[0] <= '9' {
		return "" // a nested closure ("func1.2") or a blank name
	}
	for _, c := range name {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return ""
		}
	}
	return name
}

// pathID names an operation by its method and path: "getMessageById" for
// GET /message/{id}.
func pathID(method string, p *route.Pattern, sh shape) string {
	var id strings.Builder
	id.WriteString(strings.ToLower(method))
	i := 0
	for _, s := range p.Segments() {
		if s.Kind == route.Literal {
			id.WriteString(words(s.Text))
			continue
		}
		id.WriteString("By" + words(sh.names[i]))
		i++
	}
	return id.String()
}

// words turns text into CamelCase words of letters and digits.
func words(text string) string {
	var out strings.Builder
	upper := true
	for _, c := range text {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			upper = true
			continue
		}
		if upper && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		upper = false
		out.WriteRune(c)
	}
	return out.String()
}

// statusText is the reason phrase of a status, or "Status N".
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return t
	}
	return "Status " + strconv.Itoa(code)
}
