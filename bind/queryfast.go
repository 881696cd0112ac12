package bind

import (
	"github.com/tideway-go/tideway/internal/pct"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// The fast query path binds the common case, a query string of distinct
// plain keys for scalar fields, without building a url.Values map or
// calling gorilla/schema. It only ever succeeds: on anything it does not
// handle exactly as the gorilla/schema path would (an escaped or dotted
// key, a repeated key, an empty value, an unknown key, a value that does
// not parse, a ';'), it gives up and the request takes the full path,
// which then decides, and reports every error. FuzzQueryFastPath checks
// that both paths bind the same values.

// maxFastPairs bounds the pairs the fast path tracks on the stack.
const maxFastPairs = 16

// fastSetter sets a field from a query value the way gorilla/schema's
// builtin converters would, reporting false where they would fail.
type fastSetter func(s string, dst reflect.Value) bool

// fastSetterFor returns the setter for a query field of type t, or nil if
// the fast path does not handle t: only unnamed basic kinds and pointers
// to them, so no custom converter or TextUnmarshaler can apply.
func fastSetterFor(t reflect.Type) fastSetter {
	if t.Kind() == reflect.Pointer {
		elem := fastSetterFor(t.Elem())
		if elem == nil {
			return nil
		}
		et := t.Elem()
		return func(s string, dst reflect.Value) bool {
			v := reflect.New(et)
			if !elem(s, v.Elem()) {
				return false
			}
			dst.Set(v)
			return true
		}
	}
	if t.PkgPath() != "" || t.Name() == "" {
		return nil // a named type may have a converter of its own
	}
	switch t.Kind() {
	case reflect.String:
		return func(s string, dst reflect.Value) bool { dst.SetString(s); return true }
	case reflect.Bool:
		return func(s string, dst reflect.Value) bool {
			if s == "on" {
				dst.SetBool(true)
				return true
			}
			b, err := strconv.ParseBool(s)
			dst.SetBool(b)
			return err == nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		return func(s string, dst reflect.Value) bool {
			n, err := strconv.ParseInt(s, 10, bits)
			dst.SetInt(n)
			return err == nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		bits := t.Bits()
		return func(s string, dst reflect.Value) bool {
			n, err := strconv.ParseUint(s, 10, bits)
			dst.SetUint(n)
			return err == nil
		}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(s string, dst reflect.Value) bool {
			f, err := strconv.ParseFloat(s, bits)
			dst.SetFloat(f)
			return err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
		}
	}
	return nil
}

// fastQuery binds raw into v if it can. It returns the presence bits and
// true on success; on false the caller must reset the query fields and
// take the full path.
func (q *queryPlan) fastQuery(raw string, v reflect.Value) (uint64, bool) {
	if strings.IndexByte(raw, ';') >= 0 {
		return 0, false
	}
	var sent uint64
	pairs := 0
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		if pairs++; pairs > maxFastPairs {
			return 0, false
		}
		key, val, _ := strings.Cut(pair, "=")
		f := q.byName[key] // a key with '%', '+' or '.' is never a field name
		if f == nil || f.fast == nil || sent&f.bit != 0 || val == "" && f.kind != reflect.String {
			return 0, false
		}
		if strings.IndexByte(val, '%') >= 0 || strings.IndexByte(val, '+') >= 0 {
			u, err := queryUnescape(val)
			if err != nil {
				return 0, false
			}
			val = u
		}
		if !f.fast(val, v.FieldByIndex(f.index)) {
			return 0, false
		}
		sent |= f.bit
	}
	return sent, true
}

// queryUnescape decodes a query value as url.QueryUnescape does.
func queryUnescape(s string) (string, error) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) || !pct.IsHex(s[i+1]) || !pct.IsHex(s[i+2]) {
				return "", errBadEscape
			}
			b = append(b, pct.Byte(s[i+1], s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b), nil
}

var errBadEscape = reason("invalid escape")
