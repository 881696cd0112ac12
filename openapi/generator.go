package openapi

import (
	"encoding"
	"encoding/json"
	"mime/multipart"
	"reflect"
	"slices"
	"strings"
	"time"
)

// SchemaDescriber is implemented by a type that describes its own JSON
// Schema, overriding the one the Generator would work out from its Go
// type: a type with a custom MarshalJSON, say, or one whose values are a
// closed set. The method is called on the zero value (on a new pointer for
// a pointer receiver); it can call g.Schema for the types inside it. Its
// schema is used inline, wherever the type appears.
type SchemaDescriber interface {
	OpenAPISchema(g *Generator) *Schema
}

// Generator works out the JSON Schemas of Go types as encoding/json
// writes and reads them, collecting named struct types (and recursive
// named types) as components that other schemas reference with $ref. One
// Generator serves one document; it is not safe for concurrent use.
//
//   - bool is boolean; integers are integer (int32 and int64 with their
//     format, unsigned ones with minimum 0); floats are number (float,
//     double); string is string.
//   - A pointer is its element's schema that also allows null; it is
//     optional unless its validate tag says required.
//   - A slice or array is array, a fixed-length array with minItems and
//     maxItems; []byte is a base64 string.
//   - A map with string, integer or TextMarshaler keys is an object with
//     additionalProperties.
//   - A struct is an object of its JSON fields, by encoding/json's rules:
//     json tag names, "-", embedded structs' fields promoted, ",string"
//     (a string, whose validate rules other than required are left out:
//     they bound the Go value, not the quoted text).
//     A field is listed in required when its validate tag starts with
//     required (a key that must be sent, as package bind checks it).
//   - time.Time is a date-time string; other encoding.TextMarshaler
//     types are strings; a json.Marshaler that is neither is {} (any
//     value), unless it is a SchemaDescriber; an interface is {}.
//   - *multipart.FileHeader is a binary string, for form uploads.
//   - Channels, funcs and complex numbers cannot be encoded: fields of
//     those types are left out.
//
// Validate tags add the keywords that say the same (see the package
// documentation).
type Generator struct {
	named map[reflect.Type]*Schema   // components by type, including ones being built
	refs  map[reflect.Type][]*Schema // the references handed out, filled in by Components
	busy  map[reflect.Type]bool      // named non-struct types being built
	loops map[reflect.Type]bool      // named non-struct types found inside themselves
}

// NewGenerator returns an empty Generator.
func NewGenerator() *Generator {
	return &Generator{
		named: map[reflect.Type]*Schema{},
		refs:  map[reflect.Type][]*Schema{},
		busy:  map[reflect.Type]bool{},
		loops: map[reflect.Type]bool{},
	}
}

var (
	timeType            = reflect.TypeFor[time.Time]()
	numberType          = reflect.TypeFor[json.Number]()
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
	fileHeaderType      = reflect.TypeFor[multipart.FileHeader]()
	describerType       = reflect.TypeFor[SchemaDescriber]()
	jsonMarshalerType   = reflect.TypeFor[json.Marshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// Schema returns the schema of values of type t. A named struct type
// gives a reference to its component, whose Ref is filled in by
// Components. A type no JSON value has (a channel, a func) gives nil.
func (g *Generator) Schema(t reflect.Type) *Schema {
	if t == nil {
		return &Schema{}
	}
	if t.Kind() == reflect.Pointer {
		s := g.Schema(t.Elem())
		if s == nil {
			return nil
		}
		return nullable(s)
	}
	if s := describe(g, t); s != nil {
		return s
	}
	switch t {
	case timeType:
		return &Schema{Type: Types{"string"}, Format: "date-time"}
	case numberType:
		return &Schema{Type: Types{"number"}}
	case rawMessageType:
		return &Schema{}
	case fileHeaderType:
		return &Schema{Type: Types{"string"}, ContentMediaType: "application/octet-stream"}
	}
	if implements(t, jsonMarshalerType) {
		return &Schema{} // its own encoding, which reflection cannot see
	}
	if implements(t, textMarshalerType) {
		return &Schema{Type: Types{"string"}}
	}
	if t.Kind() == reflect.Struct {
		if t.Name() == "" {
			return g.object(t)
		}
		return g.ref(t)
	}
	if t.Name() == "" || !mayRecurse(t.Kind()) {
		return g.kind(t)
	}
	// A named slice, array or map may contain itself: build it once, and
	// make it a component if it does.
	if c, ok := g.named[t]; ok && c != nil {
		return g.newRef(t)
	}
	if g.busy[t] {
		g.loops[t] = true
		return g.newRef(t)
	}
	g.busy[t] = true
	s := g.kind(t)
	delete(g.busy, t)
	if !g.loops[t] {
		return s
	}
	if s == nil {
		s = &Schema{}
	}
	g.named[t] = s
	return g.newRef(t)
}

func mayRecurse(k reflect.Kind) bool {
	return k == reflect.Slice || k == reflect.Array || k == reflect.Map
}

// implements reports whether t or *t implements iface.
func implements(t, iface reflect.Type) bool {
	return t.Implements(iface) || reflect.PointerTo(t).Implements(iface)
}

// describe returns the schema a SchemaDescriber gives for itself, or nil.
func describe(g *Generator, t reflect.Type) *Schema {
	var d SchemaDescriber
	switch {
	case t.Implements(describerType) && t.Kind() != reflect.Interface:
		d = reflect.Zero(t).Interface().(SchemaDescriber)
	case reflect.PointerTo(t).Implements(describerType):
		d = reflect.New(t).Interface().(SchemaDescriber)
	default:
		return nil
	}
	if s := d.OpenAPISchema(g); s != nil {
		return s
	}
	return &Schema{}
}

// kind is the schema of t by its kind alone.
func (g *Generator) kind(t reflect.Type) *Schema {
	switch t.Kind() {
	case reflect.Bool:
		return &Schema{Type: Types{"boolean"}}
	case reflect.Int, reflect.Int64:
		return &Schema{Type: Types{"integer"}, Format: "int64"}
	case reflect.Int32:
		return &Schema{Type: Types{"integer"}, Format: "int32"}
	case reflect.Int8, reflect.Int16:
		return &Schema{Type: Types{"integer"}}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return &Schema{Type: Types{"integer"}, Minimum: "0"}
	case reflect.Float32:
		return &Schema{Type: Types{"number"}, Format: "float"}
	case reflect.Float64:
		return &Schema{Type: Types{"number"}, Format: "double"}
	case reflect.String:
		return &Schema{Type: Types{"string"}}
	case reflect.Interface:
		return &Schema{}
	case reflect.Slice:
		if e := t.Elem(); e.Kind() == reflect.Uint8 && !implements(e, jsonMarshalerType) && !implements(e, textMarshalerType) {
			return &Schema{Type: Types{"string"}, ContentEncoding: "base64"}
		}
		items := g.Schema(t.Elem())
		if items == nil {
			return nil
		}
		return &Schema{Type: Types{"array"}, Items: items}
	case reflect.Array:
		items := g.Schema(t.Elem())
		if items == nil {
			return nil
		}
		n := uint64(t.Len())
		return &Schema{Type: Types{"array"}, Items: items, MinItems: &n, MaxItems: &n}
	case reflect.Map:
		return g.mapSchema(t)
	case reflect.Struct:
		return g.object(t)
	}
	return nil // chan, func, complex, unsafe.Pointer
}

// mapSchema is the schema of a map, an object whose keys are the map's
// keys as encoding/json writes them.
func (g *Generator) mapSchema(t reflect.Type) *Schema {
	values := g.Schema(t.Elem())
	if values == nil {
		return nil
	}
	s := &Schema{Type: Types{"object"}, AdditionalProperties: values}
	k := t.Key()
	switch {
	case k.Kind() == reflect.String:
	case implements(k, textMarshalerType):
	case k.Kind() >= reflect.Int && k.Kind() <= reflect.Int64:
		s.PropertyNames = &Schema{Pattern: "^-?[0-9]+$"}
	case k.Kind() >= reflect.Uint && k.Kind() <= reflect.Uintptr:
		s.PropertyNames = &Schema{Pattern: "^[0-9]+$"}
	default:
		return nil // encoding/json cannot write such keys
	}
	return s
}

// ref returns a reference to the component of the named struct type t,
// building the component the first time.
func (g *Generator) ref(t reflect.Type) *Schema {
	if _, ok := g.named[t]; !ok {
		c := &Schema{}
		g.named[t] = c // before building it, so that t can contain itself
		*c = *g.object(t)
	}
	return g.newRef(t)
}

func (g *Generator) newRef(t reflect.Type) *Schema {
	s := &Schema{target: t}
	g.refs[t] = append(g.refs[t], s)
	return s
}

// object is the schema of a struct type, inline.
func (g *Generator) object(t reflect.Type) *Schema {
	s := &Schema{Type: Types{"object"}}
	for _, f := range jsonFields(t) {
		var fs *Schema
		var required bool
		if f.quoted && quotable(f.field.Type) {
			// The value goes in quotes: a number 5 is "5", a string
			// "ab" is "\"ab\"". The validate rules bound the Go value,
			// not the length of that text, so only required carries over.
			fs, required = &Schema{Type: Types{"string"}}, parseValidate(f.field.Tag.Get("validate")).required
			if f.field.Type.Kind() == reflect.Pointer {
				fs = nullable(fs)
			}
		} else {
			fs, required = g.field(f.field.Type, f.field.Tag.Get("validate"))
		}
		if fs == nil {
			continue
		}
		if s.Properties == nil {
			s.Properties = map[string]*Schema{}
		}
		s.Properties[f.name] = fs
		if required {
			s.Required = append(s.Required, f.name)
		}
	}
	return s
}

// field is the schema of a value of type t with the validate tag, and
// whether the tag makes it required.
func (g *Generator) field(t reflect.Type, tag string) (*Schema, bool) {
	s := g.Schema(t)
	if s == nil {
		return nil, false
	}
	v := parseValidate(tag)
	return v.apply(g, s), v.required
}

// quotable reports whether the ",string" option applies to values of t.
func quotable(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// jsonField is a field of a struct as encoding/json sees it.
type jsonField struct {
	name   string
	index  []int
	field  reflect.StructField
	tagged bool // named by its json tag
	quoted bool // the ",string" option
}

// jsonFields lists the fields encoding/json encodes for struct type t, in
// field order: embedded structs without a tag name are flattened, and of
// several fields with one name the shallowest wins, or the tagged one
// among the shallowest, or none.
func jsonFields(t reflect.Type) []jsonField {
	type level struct {
		typ   reflect.Type
		index []int
	}
	var fields []jsonField
	visited := map[reflect.Type]bool{}
	for next := []level{{typ: t}}; len(next) > 0; {
		current := next
		next = nil
		for _, l := range current {
			if visited[l.typ] {
				continue
			}
			visited[l.typ] = true
			for i := 0; i < l.typ.NumField(); i++ {
				sf := l.typ.Field(i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if sf.Anonymous {
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !validJSONName(name) {
					name = ""
				}
				index := append(slices.Clone(l.index), i)
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					f := jsonField{name: name, index: index, field: sf, tagged: name != ""}
					if f.name == "" {
						f.name = sf.Name
					}
					for opt := range strings.SplitSeq(opts, ",") {
						f.quoted = f.quoted || opt == "string"
					}
					fields = append(fields, f)
					continue
				}
				next = append(next, level{typ: ft, index: index})
			}
		}
	}
	// Keep the dominant field of each name.
	byName := map[string][]jsonField{}
	for _, f := range fields {
		byName[f.name] = append(byName[f.name], f)
	}
	var out []jsonField
	for _, f := range fields {
		if dominant(byName[f.name], f) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b jsonField) int { return slices.Compare(a.index, b.index) })
	return out
}

// dominant reports whether f wins among the fields of its name.
func dominant(same []jsonField, f jsonField) bool {
	if len(same) == 1 {
		return true
	}
	depth := len(f.index)
	var rivals, tagged int
	for _, o := range same {
		switch d := len(o.index); {
		case d < depth:
			return false
		case d == depth:
			rivals++
			if o.tagged {
				tagged++
			}
		}
	}
	if rivals == 1 {
		return true
	}
	return tagged == 1 && f.tagged
}

// validJSONName reports whether encoding/json accepts name from a tag.
func validJSONName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c > 127:
		default:
			return false
		}
	}
	return true
}
