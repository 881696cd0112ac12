package bind

import (
	"encoding"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/schema"
)

// QueryDecoder decodes query strings and form bodies through
// gorilla/schema, configured for Tideway: keys come from `query:` tags (or
// `form:` tags, for form values), time.Time parses RFC 3339, and
// encoding.TextUnmarshaler types decode themselves. Converters registered
// on it apply to both. Share one per app.
type QueryDecoder struct {
	d      *schema.Decoder // matches query: tags
	form   *schema.Decoder // the same settings, matching form: tags
	custom map[reflect.Type]bool
}

// NewQueryDecoder returns a QueryDecoder.
func NewQueryDecoder() *QueryDecoder {
	q := &QueryDecoder{d: newSchemaDecoder("query"), form: newSchemaDecoder("form"), custom: map[reflect.Type]bool{}}
	// Registered on the decoders directly: custom holds only the
	// application's converters, whose failures bind cannot word.
	rfc3339 := func(s string) reflect.Value {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return reflect.Value{}
		}
		return reflect.ValueOf(t)
	}
	q.d.RegisterConverter(time.Time{}, rfc3339)
	q.form.RegisterConverter(time.Time{}, rfc3339)
	return q
}

// schemaMaxIndex is the largest slice index the gorilla/schema decoders
// accept. checkIndexes refuses larger ones first, whatever
// Limits.MaxSliceIndex says, so the decoder's own error (which names Go
// kinds) never reaches a client.
const schemaMaxIndex = 16000

// newSchemaDecoder returns a gorilla/schema decoder that matches keys
// against tag and refuses unknown keys.
func newSchemaDecoder(tag string) *schema.Decoder {
	d := schema.NewDecoder()
	d.SetAliasTag(tag)
	d.IgnoreUnknownKeys(false)
	d.MaxSize(schemaMaxIndex)
	// NaN and infinities are not numbers a client may send: a handler
	// that echoes one back as JSON would fail with a 500. Registered on
	// the decoder directly, since the fast path rejects them the same way.
	d.RegisterConverter(float64(0), finiteFloat(64))
	d.RegisterConverter(float32(0), finiteFloat(32))
	return d
}

// finiteFloat converts text to a finite float of the given size, or
// returns the invalid Value gorilla/schema reports as a conversion error.
func finiteFloat(bits int) func(string) reflect.Value {
	return func(s string) reflect.Value {
		f, err := strconv.ParseFloat(s, bits)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return reflect.Value{}
		}
		if bits == 32 {
			return reflect.ValueOf(float32(f))
		}
		return reflect.ValueOf(f)
	}
}

// RegisterConverter makes values of value's type decode with fn, which
// returns an invalid reflect.Value for text it cannot convert. Register
// converters before adding the routes that use them.
func (q *QueryDecoder) RegisterConverter(value any, fn schema.Converter) {
	q.d.RegisterConverter(value, fn)
	q.form.RegisterConverter(value, fn)
	q.custom[reflect.TypeOf(value)] = true
}

// queryPlan binds the fields of one struct that take keyed values: its
// query fields from the query string, or its form fields (other than
// files) from a form body. Both follow the same rules.
type queryPlan struct {
	byName map[string]*field // top-level key -> field
	fields []*field
	loc    location        // locQuery or locForm; its name is also the tag
	dec    *schema.Decoder // the QueryDecoder's decoder for that tag
	typ    reflect.Type    // the struct the fields are in, to word errors
	custom map[reflect.Type]bool
}

func newQueryPlan(t reflect.Type, fields []*field, dec *QueryDecoder, loc location, fail func(string, string, ...any) error) (*queryPlan, error) {
	q := &queryPlan{byName: map[string]*field{}, fields: fields, loc: loc, dec: dec.d, typ: t, custom: dec.custom}
	tag := loc.String()
	if loc == locForm {
		q.dec = dec.form
	}
	for _, f := range fields {
		if strings.Contains(f.name, ".") {
			return nil, fail(f.goName, "%s key %q contains \".\", which separates nested keys", tag, f.name)
		}
		q.byName[f.name] = f
		ft := t.FieldByIndex(f.index).Type
		if !dec.custom[ft] && !(ft.Kind() == reflect.Pointer && dec.custom[ft.Elem()]) {
			f.fast = fastSetterFor(ft)
		}
		f.kind = ft.Kind()
		if f.kind == reflect.Pointer {
			f.kind = ft.Elem().Kind() // *string may be sent empty, *int may not
		}
	}
	// gorilla/schema matches keys against every field, using the Go name
	// when there is no tag, and case-insensitively: refuse structs in
	// which a query (or form) key could reach a field bound from elsewhere.
	// Among tagged fields (form files included) it takes the first whose
	// key matches, so keys that differ only in case would reach the wrong
	// field, and only when the fast path gives up.
	for _, sf := range reflect.VisibleFields(t) {
		key, ok := sf.Tag.Lookup(tag)
		if !ok {
			continue
		}
		key, _, _ = strings.Cut(key, ",")
		for _, f := range fields {
			if strings.EqualFold(key, f.name) && !slices.Equal(sf.Index, f.index) {
				return nil, fail(f.goName, "%s key %q is also the key, up to case, of field %s.%s, which gorilla/schema does not tell apart; rename one", tag, f.name, t.Name(), sf.Name)
			}
		}
	}
	for _, sf := range reflect.VisibleFields(t) {
		if _, ok := sf.Tag.Lookup(tag); ok || !sf.IsExported() {
			continue
		}
		for _, f := range fields {
			if strings.EqualFold(f.name, sf.Name) {
				return nil, fail(f.goName, "%s key %q is also the name of field %s.%s, which gorilla/schema would confuse; rename one", tag, f.name, t.Name(), sf.Name)
			}
		}
	}
	return q, nil
}

// checkTagOptions refuses the options gorilla/schema reads after a key in
// a query: or form: tag (",required", ",default:...", ",omitempty"):
// Tideway binds most requests without gorilla/schema (the flat fast
// path, or no query at all), so they would hold for some requests and not
// others. Its own ways say the same for every request.
func checkTagOptions(tag, value string) error {
	_, opts, ok := strings.Cut(value, ",")
	if !ok {
		return nil
	}
	opt, _, _ := strings.Cut(opts, ",")
	hint := "remove it"
	switch {
	case opt == "required":
		hint = `use validate:"required" (sent, even empty) or validate:"required,min=1"`
	case strings.HasPrefix(opt, "default:"):
		hint = "use a pointer field (nil when the key is absent) or set the default in the handler"
	}
	return fmt.Errorf("%s tag %q has the option %q, which Tideway does not apply; %s", tag, value, opt, hint)
}

// checkQueryType reports whether gorilla/schema can decode into t the
// values of a query string (tag "query") or a form (tag "form"); custom
// holds the types that have converters.
func checkQueryType(t reflect.Type, tag string, custom map[reflect.Type]bool, seen map[reflect.Type]bool) error {
	if t == fileHeaderType {
		return fmt.Errorf("holds a multipart.FileHeader inside %s; a file binds only to a form: field of type *multipart.FileHeader or []*multipart.FileHeader", t)
	}
	if decodesItself(t, custom) {
		return nil
	}
	what := "a query string"
	if tag == "form" {
		what = "a form value"
	}
	switch t.Kind() {
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Pointer {
			return fmt.Errorf("has type %s, which %s cannot be decoded into; use one pointer, not a pointer to a pointer", t, what)
		}
		return checkQueryType(t.Elem(), tag, custom, seen)
	case reflect.Array:
		// gorilla/schema has no converter for arrays: every value sent
		// would fail.
		return fmt.Errorf("has type %s, which %s cannot be decoded into; use a slice instead of an array", t, what)
	case reflect.Slice:
		e := t.Elem()
		if e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		if (e.Kind() == reflect.Slice || e.Kind() == reflect.Array) && !decodesItself(e, custom) {
			// gorilla/schema does not see such a field: every key sent
			// for it would be unknown.
			return fmt.Errorf("has type %s, which %s cannot be decoded into; a slice cannot hold slices or arrays", t, what)
		}
		return checkQueryType(t.Elem(), tag, custom, seen)
	case reflect.Struct:
		if seen[t] {
			return nil
		}
		seen[t] = true
		for _, sf := range reflect.VisibleFields(t) {
			if !sf.IsExported() || sf.Anonymous || sf.Tag.Get(tag) == "-" {
				continue
			}
			if err := checkTagOptions(tag, sf.Tag.Get(tag)); err != nil {
				return fmt.Errorf("field %s.%s: %w", t, sf.Name, err)
			}
			if err := checkQueryType(sf.Type, tag, custom, seen); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		return fmt.Errorf("has type %s, which %s cannot be decoded into; use scalars, slices, structs, time.Time or a TextUnmarshaler", t, what)
	}
	return nil
}

// decodesItself reports whether values of type t decode as a whole: t is
// time.Time, a TextUnmarshaler or has a converter in custom.
func decodesItself(t reflect.Type, custom map[reflect.Type]bool) bool {
	return t == timeType || custom[t] || reflect.PointerTo(t).Implements(textUnmarshalerType) || t.Implements(textUnmarshalerType)
}

var _ encoding.TextUnmarshaler = (*time.Time)(nil)

// bindQuery decodes the query string into v's query fields and returns the
// presence bits of the keys that were sent. With tryFast it first tries
// the fast path (see fastQuery); tests turn it off to compare.
func (p *Plan) bindQuery(a *arg, raw string, v reflect.Value, c *collector, tryFast bool) (sent uint64) {
	return p.bindValues(a.query, raw, v, c, tryFast)
}

// bindValues decodes raw, a query string or an urlencoded form, into v's
// fields of plan q and returns the presence bits of the keys that were
// sent.
func (p *Plan) bindValues(q *queryPlan, raw string, v reflect.Value, c *collector, tryFast bool) (sent uint64) {
	if raw == "" {
		return 0
	}
	if n := strings.Count(raw, "&") + 1; n > p.limits.QueryParams {
		c.bad(q.loc.String(), "", fmt.Sprintf("has %d parameters; at most %d are allowed", n, p.limits.QueryParams))
		return 0
	}
	if tryFast {
		if sent, ok := q.fastQuery(raw, v); ok {
			return sent
		}
		for _, f := range q.fields {
			v.FieldByIndex(f.index).SetZero()
		}
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		c.bad(q.loc.String(), "", "is malformed: "+queryReason(err))
		return 0
	}
	return p.decodeValues(q, vals, v, c)
}

// decodeValues binds vals into v's fields of plan q through gorilla/schema,
// after checking every key, and reports every error. It may delete keys
// from vals.
func (p *Plan) decodeValues(q *queryPlan, vals url.Values, v reflect.Value, c *collector) (sent uint64) {
	loc := q.loc.String()
	for _, key := range slices.Sorted(maps.Keys(vals)) {
		top, _, _ := strings.Cut(key, ".")
		f := q.byName[top]
		if f == nil {
			if !p.unknown {
				c.bad(loc, key, "unknown parameter")
			}
			delete(vals, key)
			continue
		}
		if reason := p.checkIndexes(key); reason != "" {
			c.bad(loc, key, reason)
			delete(vals, key)
			continue
		}
		sent |= f.bit
	}
	if len(vals) == 0 {
		return sent
	}
	if err := decodeQuery(q.dec, v.Addr().Interface(), vals); err != nil {
		var multi schema.MultiError
		if errors.As(err, &multi) {
			for _, key := range slices.Sorted(maps.Keys(multi)) {
				c.bad(loc, key, q.schemaReason(key, multi[key], vals))
			}
		} else {
			c.bad(loc, "", errUndecodable)
		}
	}
	return sent
}

// errUndecodable is the reason for a decoding failure bind cannot word
// any better; gorilla/schema's own messages name Go types.
const errUndecodable = "could not be decoded"

// decodeQuery runs the decoder, turning a panic inside gorilla/schema into
// an error: the keys were checked, but a request must never crash the
// server.
func decodeQuery(d *schema.Decoder, dst any, vals url.Values) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(errUndecodable)
		}
	}()
	return d.Decode(dst, vals)
}

// checkIndexes rejects the slice indexes in a dotted query or form key that
// gorilla/schema would mishandle: negative ones (which make v1.4.1 panic),
// non-canonical ones, and ones over the limit (which would allocate), or
// over schemaMaxIndex.
func (p *Plan) checkIndexes(key string) string {
	limit := min(p.limits.MaxSliceIndex, schemaMaxIndex)
	for part := range strings.SplitSeq(key, ".") {
		if part == "" {
			return "has an empty key part"
		}
		c := part[0]
		if !(c == '-' || c == '+' || '0' <= c && c <= '9') {
			continue
		}
		n, err := strconv.Atoi(part)
		switch {
		case err != nil && c >= '0' && c <= '9':
			continue // a key part such as "3d" is a name, not an index
		case err != nil || n < 0 || c == '+' || c == '-':
			return "has a negative or malformed index " + strconv.Quote(part)
		case len(part) > 1 && c == '0':
			return "has a malformed index " + strconv.Quote(part)
		case n > limit:
			return fmt.Sprintf("has index %d; at most %d is allowed", n, limit)
		}
	}
	return ""
}

// schemaReason words the gorilla/schema error err for key, whose values
// are vals[key], for a client: never gorilla/schema's own text, which
// names Go types.
func (q *queryPlan) schemaReason(key string, err error, vals url.Values) string {
	var conv schema.ConversionError
	if errors.As(err, &conv) {
		if conv.Err != nil {
			return unmarshalReason(conv.Err) // a TextUnmarshaler's error
		}
		return q.valueReason(conv.Type, sentValue(vals[key], conv.Index))
	}
	var empty schema.EmptyFieldError
	if errors.As(err, &empty) {
		return "is required"
	}
	// An unknown key, or one that stops at a struct, which gorilla/schema
	// reports as a missing converter for it: say what the key should be.
	if r := q.keyReason(key); r != "" {
		return r
	}
	var unknown schema.UnknownKeyError
	if errors.As(err, &unknown) {
		return "unknown parameter"
	}
	return errUndecodable
}

// sentValue returns the value gorilla/schema failed to convert: the one
// at index, or for a single-value field (index -1) the last one.
func sentValue(vals []string, index int) string {
	switch {
	case index >= 0 && index < len(vals):
		return vals[index]
	case index < 0 && len(vals) > 0:
		return vals[len(vals)-1]
	}
	return ""
}

// valueReason says why s is not a valid value of type t (or of its
// elements), in the words the other locations use.
func (q *queryPlan) valueReason(t reflect.Type, s string) string {
	if t == nil {
		return "is not a valid value"
	}
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	switch k := t.Kind(); {
	case q.custom[t]:
		return "is not a valid value" // the application's converter refused it
	case t == timeType:
		return timeReason
	case k >= reflect.Int && k <= reflect.Int64 || k >= reflect.Uint && k <= reflect.Uint64:
		// gorilla/schema splits a value that does not convert at commas
		// and tries each part: find the part at fault, with the parser
		// and words of path and header fields.
		parse, v := scalarParser(t), reflect.New(t).Elem()
		for part := range strings.SplitSeq(s, ",") {
			if err := parse(part, v); part != "" && err != nil {
				return err.Error()
			}
		}
	}
	if d := describe(t); d != "a valid value" {
		return "must be " + d
	}
	return "is not a valid value"
}

// keyReason says what is wrong with key, a key whose first part names a
// field, or returns "" when the key leads to a value. gorilla/schema
// finds the same problems, but its errors name Go types or mislead ("an
// unknown parameter" for a slice of structs sent without an index).
func (q *queryPlan) keyReason(key string) string {
	parts := strings.Split(key, ".")
	f := q.byName[parts[0]]
	if f == nil {
		return "unknown parameter"
	}
	t, at := q.typ.FieldByIndex(f.index).Type, parts[0]
	for _, part := range parts[1:] {
		t = deref(t)
		switch q.keyShape(t) {
		case needsIndex:
			if !isIndex(part) {
				return q.keyExample(at, t)
			}
			t = t.Elem()
		case needsField:
			sf, ok := keyField(t, q.loc.String(), part)
			if !ok {
				return "unknown parameter"
			}
			t = sf.Type
		default:
			return "unknown parameter" // a value has no parts
		}
		at += "." + part
	}
	if t = deref(t); q.keyShape(t) != isValue {
		return q.keyExample(at, t)
	}
	return ""
}

// A keyShape says what a key that reaches a value of some type must go on
// with, as gorilla/schema reads keys.
type keyShape uint8

const (
	isValue    keyShape = iota // nothing: the key's values are the value
	needsIndex                 // a slice index (a slice of structs)
	needsField                 // the key of a field (a struct)
)

// keyShape returns the shape of keys for type t, not a pointer.
func (q *queryPlan) keyShape(t reflect.Type) keyShape {
	switch {
	case decodesItself(t, q.custom):
		return isValue
	case t.Kind() == reflect.Struct:
		return needsField
	case t.Kind() == reflect.Slice:
		// gorilla/schema wants an index for any slice of structs, even
		// of TextUnmarshalers such as []time.Time or []netip.Addr.
		if e := t.Elem(); e.Kind() == reflect.Struct || e.Kind() == reflect.Pointer && e.Elem().Kind() == reflect.Struct {
			return needsIndex
		}
	}
	return isValue
}

// keyExample returns the reason for key at, which stops short of a value
// of type t: how such keys are written, completed to reach a value.
func (q *queryPlan) keyExample(at string, t reflect.Type) string {
	ex, several := at, false
	for range 16 { // a bound, for recursive types
		t = deref(t)
		shape := q.keyShape(t)
		if shape == isValue {
			break
		}
		if shape == needsIndex {
			ex += ".0"
			t = t.Elem()
			continue
		}
		// The first field that holds a value, else the first field.
		var first *reflect.StructField
		n := 0
		for _, sf := range reflect.VisibleFields(t) {
			if !sf.IsExported() || sf.Anonymous || keyName(sf, q.loc.String()) == "-" {
				continue
			}
			n++
			if first == nil || q.keyShape(deref(sf.Type)) == isValue && q.keyShape(deref(first.Type)) != isValue {
				first = &sf
			}
		}
		if first == nil {
			return "unknown parameter" // no key can reach a value here
		}
		several = several || n > 1
		ex += "." + keyName(*first, q.loc.String())
		t = first.Type
	}
	if several {
		return "must be given field by field, as in " + ex
	}
	return "must be given as " + ex
}

// keyField returns the field of struct t that key part names, matched as
// gorilla/schema does: by tag name or else Go name, up to case.
func keyField(t reflect.Type, tag, part string) (reflect.StructField, bool) {
	for _, sf := range reflect.VisibleFields(t) {
		if name := keyName(sf, tag); sf.IsExported() && name != "-" && strings.EqualFold(name, part) {
			return sf, true
		}
	}
	return reflect.StructField{}, false
}

// keyName is the key of field sf under tag: the tag's name, or the Go name.
func keyName(sf reflect.StructField, tag string) string {
	if name, _, _ := strings.Cut(sf.Tag.Get(tag), ","); name != "" {
		return name
	}
	return sf.Name
}

// isIndex reports whether part is a slice index (checkIndexes has made
// sure that any part starting with a digit is a canonical one).
func isIndex(part string) bool {
	_, err := strconv.Atoi(part)
	return err == nil
}

// deref returns the type t points to, or t if it is not a pointer.
func deref(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

func queryReason(err error) string {
	if strings.Contains(err.Error(), "semicolon") {
		return "\";\" is not a separator; use \"&\""
	}
	return "invalid escape or separator"
}

// describe names what a value of type t looks like, for error reasons.
func describe(t reflect.Type) string {
	if t == nil {
		return "a valid value"
	}
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	switch k := t.Kind(); {
	case t == timeType:
		return rfc3339Time
	case k == reflect.Bool:
		return "true or false"
	case k == reflect.Int:
		return "an integer" // its size is the platform's: say it only when out of range
	case k == reflect.Uint:
		return "a non-negative integer"
	case k >= reflect.Int8 && k <= reflect.Int64:
		if t.Bits() == 8 {
			return "an 8-bit integer"
		}
		return fmt.Sprintf("a %d-bit integer", t.Bits())
	case k >= reflect.Uint8 && k <= reflect.Uint64:
		return fmt.Sprintf("a non-negative %d-bit integer", t.Bits())
	case k == reflect.Float32 || k == reflect.Float64:
		return "a finite number"
	}
	return "a valid value"
}
