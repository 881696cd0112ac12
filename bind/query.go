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
	q.RegisterConverter(time.Time{}, func(s string) reflect.Value {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return reflect.Value{}
		}
		return reflect.ValueOf(t)
	})
	return q
}

// newSchemaDecoder returns a gorilla/schema decoder that matches keys
// against tag and refuses unknown keys.
func newSchemaDecoder(tag string) *schema.Decoder {
	d := schema.NewDecoder()
	d.SetAliasTag(tag)
	d.IgnoreUnknownKeys(false)
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
}

func newQueryPlan(t reflect.Type, fields []*field, dec *QueryDecoder, loc location, fail func(string, string, ...any) error) (*queryPlan, error) {
	q := &queryPlan{byName: map[string]*field{}, fields: fields, loc: loc, dec: dec.d}
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

// checkQueryType reports whether gorilla/schema can decode into t the
// values of a query string (tag "query") or a form (tag "form").
func checkQueryType(t reflect.Type, tag string, seen map[reflect.Type]bool) error {
	if t == fileHeaderType {
		return fmt.Errorf("holds a multipart.FileHeader inside %s; a file binds only to a form: field of type *multipart.FileHeader or []*multipart.FileHeader", t)
	}
	if t == timeType || reflect.PointerTo(t).Implements(textUnmarshalerType) || t.Implements(textUnmarshalerType) {
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return checkQueryType(t.Elem(), tag, seen)
	case reflect.Struct:
		if seen[t] {
			return nil
		}
		seen[t] = true
		for _, sf := range reflect.VisibleFields(t) {
			if !sf.IsExported() || sf.Anonymous || sf.Tag.Get(tag) == "-" {
				continue
			}
			if err := checkQueryType(sf.Type, tag, seen); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		what := "a query string"
		if tag == "form" {
			what = "a form value"
		}
		return fmt.Errorf("has type %s, which %s cannot be decoded into; use scalars, slices, structs, time.Time or a TextUnmarshaler", t, what)
	}
	return nil
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
				c.bad(loc, key, schemaReason(multi[key]))
			}
		} else {
			c.bad(loc, "", schemaReason(err))
		}
	}
	return sent
}

// decodeQuery runs the decoder, turning a panic inside gorilla/schema into
// an error: the keys were checked, but a request must never crash the
// server.
func decodeQuery(d *schema.Decoder, dst any, vals url.Values) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("could not be decoded")
		}
	}()
	return d.Decode(dst, vals)
}

// checkIndexes rejects the slice indexes in a dotted query or form key that
// gorilla/schema would mishandle: negative ones (which make v1.4.1 panic),
// non-canonical ones, and ones over the limit (which would allocate).
func (p *Plan) checkIndexes(key string) string {
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
		case n > p.limits.MaxSliceIndex:
			return fmt.Sprintf("has index %d; at most %d is allowed", n, p.limits.MaxSliceIndex)
		}
	}
	return ""
}

func schemaReason(err error) string {
	var conv schema.ConversionError
	if errors.As(err, &conv) {
		return "must be " + describe(conv.Type)
	}
	var unknown schema.UnknownKeyError
	if errors.As(err, &unknown) {
		return "unknown parameter"
	}
	var empty schema.EmptyFieldError
	if errors.As(err, &empty) {
		return "is required"
	}
	return strings.TrimPrefix(err.Error(), "schema: ")
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
	switch {
	case t == timeType:
		return "an RFC 3339 time"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		if t.Bits() == 8 {
			return "an 8-bit integer"
		}
		return fmt.Sprintf("a %d-bit integer", t.Bits())
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		return fmt.Sprintf("a non-negative %d-bit integer", t.Bits())
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a finite number"
	}
	return "a valid " + t.String()
}
