package bind

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/tideway-go/tideway/internal/token"
)

// location is where a bound field's value comes from. Its String is the
// location in error keys ("query.limit") and, except for locBody, the tag
// that binds the field.
type location uint8

const (
	locBody   location = iota // a JSON body
	locPath                   // path:
	locQuery                  // query:
	locHeader                 // header:
	locState                  // state:
	locCookie                 // cookie: a cookie of the Cookie header
	locForm                   // form: a form body's value, or a file (field.file)
)

var locNames = [...]string{locBody: "body", locPath: "path", locQuery: "query", locHeader: "header", locState: "state", locCookie: "cookie", locForm: "form"}

func (l location) String() string { return locNames[l] }

// fileKind says whether a form field takes uploaded files, and how many.
type fileKind uint8

const (
	noFile    fileKind = iota // not a file field
	oneFile                   // *multipart.FileHeader
	manyFiles                 // []*multipart.FileHeader
)

// field is the plan for one bound field of a parameter struct.
type field struct {
	index     []int
	goName    string // "ByID.ID", for messages
	name      string // the wire name: the tag's name
	loc       location
	bit       uint64 // presence bit within its struct
	parse     parser // path, header and cookie fields
	param     int    // path fields: index into the route's parameters
	segments  bool   // a glob bound to []string
	state     reflect.Value
	fast      fastSetter   // query fields the fast path can set, or nil
	kind      reflect.Kind // the field type's kind
	required  bool         // validate:"required...": must be sent
	omitempty bool         // validate:"omitempty...": skip only when not sent
	rest      string       // the validate tag without "required" and "omitempty"
	file      fileKind     // form fields: whether it takes files
	// offset is the field's offset in its struct, when it is reached
	// without a pointer; setText (path and header fields) and statePtr
	// (state fields holding the state's pointer as it is) then set it
	// directly, else parse and state do through reflection.
	offset   uintptr
	setText  textSetter
	statePtr unsafe.Pointer
}

// sourceTags are the tags that say where a field comes from.
var sourceTags = []string{"path", "query", "header", "state", "json", "cookie", "form"}

// compileStruct classifies the fields of a's struct type.
func (p *Plan) compileStruct(a *arg, pc *pathCheck, fail func(string, string, ...any) error) error {
	t := a.typ
	// App state is never validated: it is not input, and walking it (a
	// database handle full of tagged records, say) on every request would
	// cost more than the request.
	seen := map[reflect.Type]bool{}
	for _, sf := range reflect.VisibleFields(t) {
		if _, ok := sf.Tag.Lookup("state"); ok {
			a.stateNS = append(a.stateNS, structNamespace(t, sf))
			a.filter = a.skipState
			continue
		}
		if len(sf.Index) == 1 {
			if _, ok := sf.Tag.Lookup("validate"); ok || hasValidateTags(sf.Type, seen) {
				a.check = true
			}
		}
	}
	var bodyFields []*field
	ignored := 0 // blank fields that ignore a route segment
	for _, sf := range reflect.VisibleFields(t) {
		if len(sf.Index) > 1 && (!indexable(t, sf.Index) || promotedThroughTag(t, sf.Index)) {
			continue
		}
		var tags []string
		for _, k := range sourceTags {
			if _, ok := sf.Tag.Lookup(k); ok {
				tags = append(tags, k)
			}
		}
		goName := t.Name() + "." + sf.Name
		if sf.Anonymous && len(tags) == 0 {
			continue // an embedded struct: its fields are visited on their own
		}
		if len(tags) > 1 {
			return fail(goName, "has tags %s; a field comes from one place, so keep one of them", strings.Join(tags, " and "))
		}
		if sf.Name == "_" && len(tags) == 1 && tags[0] == "path" {
			if err := pc.ignore(sf.Tag.Get("path"), goName, fail); err != nil {
				return err
			}
			ignored++
			continue
		}
		if len(tags) == 1 && !sf.IsExported() {
			return fail(goName, "is unexported; export it so it can be bound")
		}
		if len(tags) == 0 || tags[0] == "json" {
			if sf.IsExported() && sf.Tag.Get("json") != "-" {
				bodyFields = append(bodyFields, &field{index: sf.Index, goName: goName, name: jsonName(sf), loc: locBody})
			}
			continue
		}
		f := &field{index: sf.Index, goName: goName, name: strings.Split(sf.Tag.Get(tags[0]), ",")[0]}
		switch tags[0] {
		case "path":
			f.loc = locPath
			if err := pc.bind(f, sf.Type, fail); err != nil {
				return err
			}
		case "header":
			f.loc = locHeader
			if f.name == "" {
				return fail(goName, "header tag needs a header name, e.g. `header:\"X-Request-ID\"`")
			}
			if f.parse = scalarParser(sf.Type); f.parse == nil {
				return fail(goName, "has type %s, which a header cannot be parsed into; use a string, number, bool, time.Time, a TextUnmarshaler or a pointer to one", sf.Type)
			}
		case "state":
			f.loc = locState
			if err := p.bindState(f, sf.Type, fail); err != nil {
				return err
			}
		case "query":
			f.loc = locQuery
			if f.name == "" || f.name == "-" {
				return fail(goName, "query tag needs a key name, e.g. `query:\"limit\"`")
			}
			if err := checkTagOptions("query", sf.Tag.Get("query")); err != nil {
				return fail(goName, "%v", err)
			}
			if err := checkQueryType(sf.Type, "query", p.opts.Query.custom, map[reflect.Type]bool{}); err != nil {
				return fail(goName, "%v", err)
			}
		case "cookie":
			f.loc = locCookie
			if !token.Valid(f.name) {
				return fail(goName, "cookie tag needs a cookie name made of token characters (letters, digits and !#$%%&'*+-.^_`|~), e.g. `cookie:\"session\"`; got %q", f.name)
			}
			if f.parse = scalarParser(sf.Type); f.parse == nil {
				return fail(goName, "has type %s, which a cookie cannot be parsed into; use a string, number, bool, time.Time, a TextUnmarshaler or a pointer to one", sf.Type)
			}
		case "form":
			f.loc = locForm
			if err := checkTagOptions("form", sf.Tag.Get("form")); err != nil {
				return fail(goName, "%v", err)
			}
			if err := checkFormField(f, sf.Type, p.opts.Query.custom); err != nil {
				return fail(goName, "%v", err)
			}
		}
		a.fields = append(a.fields, f)
		if f.loc != locQuery {
			a.nonBody = append(a.nonBody, f)
		}
	}
	if err := p.compileForm(a, fail); err != nil {
		return err
	}
	if hasJSONTag(t) {
		a.body = &bodyPlan{fields: bodyFields, flat: true}
		for _, f := range bodyFields {
			a.body.flat = a.body.flat && flatJSON(t.FieldByIndex(f.index).Type, nil)
		}
		if a.body.flat {
			a.body.fast = newFastBody(t, bodyFields)
		}
		a.fields = append(a.fields, bodyFields...)
	} else if len(a.fields) == 0 && ignored == 0 {
		return fail("", "parameter type %s has no path:, query:, header:, cookie:, form:, state: or json: fields, so nothing would be bound into it", t)
	}
	if len(a.fields) > 64 {
		return fail("", "parameter type %s binds %d fields; at most 64 per struct, so split it", t, len(a.fields))
	}
	var q []*field
	a.full, a.plain = true, true
	for i, f := range a.fields {
		f.bit = 1 << i
		compileDirect(t, f)
		a.full = a.full && (f.loc == locPath || f.loc == locState)
		a.presence = a.presence || f.required
		a.plain = a.plain && (f.setText != nil && (f.loc == locPath || f.loc == locHeader) || f.statePtr != nil)
		switch f.loc {
		case locQuery:
			q = append(q, f)
			a.nonBody = append(a.nonBody, f)
		case locCookie:
			a.cookies = append(a.cookies, f)
		}
	}
	a.plain = a.plain && !a.check && !a.presence
	if len(q) > 0 {
		qp, err := newQueryPlan(t, q, p.opts.Query, locQuery, fail)
		if err != nil {
			return err
		}
		a.query = qp
	}
	if a.form != nil {
		var vals []*field
		for _, f := range a.form.fields {
			if f.file == noFile {
				vals = append(vals, f)
			}
		}
		// A plan even with no fields: every value key is then unknown.
		fp, err := newQueryPlan(t, vals, p.opts.Query, locForm, fail)
		if err != nil {
			return err
		}
		a.form.values = fp
	}
	return p.compileValidation(a, fail)
}

// structNamespace is the name validator/v10 gives field sf of struct t in
// the namespaces it passes to a filter: "Type.Field", or "Field" when t
// has no name.
func structNamespace(t reflect.Type, sf reflect.StructField) string {
	if t.Name() == "" {
		return sf.Name
	}
	return t.Name() + "." + sf.Name
}

// indexable reports whether the promoted field at index can be reached
// without going through a nil pointer to an embedded struct.
func indexable(t reflect.Type, index []int) bool {
	for _, i := range index[:len(index)-1] {
		f := t.Field(i)
		if f.Type.Kind() == reflect.Pointer {
			return false
		}
		t = f.Type
	}
	return true
}

// promotedThroughTag reports whether the promoted field at index is
// reached through an embedded struct that is bound as a whole: one with
// a source tag, where a json tag counts when it names the field or is
// "-". encoding/json nests such a struct's fields under its key (or
// skips them), so they are not keys of the body, and the other sources
// bind the embedded struct itself.
func promotedThroughTag(t reflect.Type, index []int) bool {
	for _, i := range index[:len(index)-1] {
		f := t.Field(i)
		for _, k := range sourceTags {
			if tag, ok := f.Tag.Lookup(k); ok && (k != "json" || strings.Split(tag, ",")[0] != "") {
				return true
			}
		}
		t = f.Type
	}
	return false
}

func hasJSONTag(t reflect.Type) bool {
	for _, sf := range reflect.VisibleFields(t) {
		if _, ok := sf.Tag.Lookup("json"); ok {
			return true
		}
	}
	return false
}

func jsonName(sf reflect.StructField) string {
	if n := strings.Split(sf.Tag.Get("json"), ",")[0]; n != "" {
		return n
	}
	return sf.Name
}

func (p *Plan) bindState(f *field, t reflect.Type, fail func(string, string, ...any) error) error {
	var have []string
	for _, s := range p.opts.States {
		v := reflect.ValueOf(s)
		if !v.IsValid() {
			continue
		}
		if v.Type().AssignableTo(t) {
			f.state = v
			return nil
		}
		have = append(have, v.Type().String())
	}
	if len(have) == 0 {
		return fail(f.goName, "wants state of type %s, but the app has no state; pass it to tideway.New", t)
	}
	return fail(f.goName, "wants state of type %s, but the app's state is %s; change the field's type to match", t, strings.Join(have, ", "))
}

// pathCheck matches path fields to the route's parameters and checks that
// every parameter is bound exactly once.
type pathCheck struct {
	names []string
	glob  bool
	bound []bool
	anon  int // anonymous fields seen so far
}

func (pc *pathCheck) lookup(name, goName string, fail func(string, string, ...any) error) (int, error) {
	if name == "" {
		// Unnamed fields take the route's "{}" segments in order.
		n := 0
		for i, pn := range pc.names {
			if pn == "" {
				if n == pc.anon {
					pc.anon++
					return i, nil
				}
				n++
			}
		}
		return 0, fail(goName, "is an unnamed path field, but the route has no more unnamed {} segments; name it after a segment (%s)", pc.list())
	}
	for i, pn := range pc.names {
		if pn == name {
			return i, nil
		}
	}
	return 0, fail(goName, "path segment %q is not in the route; the route has %s", name, pc.list())
}

func (pc *pathCheck) list() string {
	if len(pc.names) == 0 {
		return "no parameters"
	}
	var s []string
	for _, n := range pc.names {
		s = append(s, "{"+n+"}")
	}
	return strings.Join(s, ", ")
}

func (pc *pathCheck) bind(f *field, t reflect.Type, fail func(string, string, ...any) error) error {
	i, err := pc.lookup(f.name, f.goName, fail)
	if err != nil {
		return err
	}
	if pc.bound[i] {
		return fail(f.goName, "path segment %q is bound twice", pc.names[i])
	}
	pc.bound[i] = true
	if f.name == "" {
		// An unnamed segment is named in errors by its position among the
		// route's {} segments: "path.1" is the first. (Parameter names
		// cannot start with a digit, so this never clashes.)
		f.name = strconv.Itoa(pc.anon)
	}
	f.param = i
	if pc.glob && i == len(pc.names)-1 {
		switch t {
		case reflect.TypeFor[string]():
			f.parse = scalarParser(t)
		case reflect.TypeFor[[]string]():
			f.segments = true
		default:
			return fail(f.goName, "has type %s, but binds the route's trailing glob; use string (the rest of the path) or []string (its segments)", t)
		}
		return nil
	}
	if f.parse = scalarParser(t); f.parse == nil {
		return fail(f.goName, "has type %s, which a path segment cannot be parsed into; use a string, number, bool, time.Time, a TextUnmarshaler or a pointer to one", t)
	}
	return nil
}

func (pc *pathCheck) ignore(name, goName string, fail func(string, string, ...any) error) error {
	i, err := pc.lookup(name, goName, fail)
	if err != nil {
		return err
	}
	pc.bound[i] = true
	return nil
}

func (pc *pathCheck) finish(fail func(string, string, ...any) error) error {
	for i, ok := range pc.bound {
		if !ok {
			seg := "{" + pc.names[i] + "}"
			if pc.names[i] == "" {
				seg = fmt.Sprintf("unnamed segment %d", i+1)
			}
			return fail("", "route parameter %s is not bound by any field; add a field tagged path:%q, or a blank field `_ struct{}` tagged path:%q to ignore it", seg, pc.names[i], pc.names[i])
		}
	}
	return nil
}

func unescapePath(s string) (string, error) { return url.PathUnescape(s) }
