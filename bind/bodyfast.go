package bind

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// fastBody decodes the body most JSON endpoints take, one object of
// scalar fields, in a single pass straight into the struct, where
// json.Unmarshal would check the whole body, decode it through reflection
// and leave the presence scan to walk it a third time.
//
// It only ever succeeds on input that json.Unmarshal decodes without an
// error into the same values, with the presence bits the presence scan
// gives: a valid JSON object, with nothing but whitespace around it, whose
// keys are printable ASCII without escapes, each naming a distinct body
// field, with values of the field's own type (numbers in range) or null.
// On anything else (an unknown or repeated key, a type mismatch, invalid
// JSON, an escaped key) it reports false, having maybe written some
// fields, and the caller zeroes the struct and takes the general path,
// which finds the error and words it. FuzzBodyFast holds the two paths to
// the same answers on every input.
type fastBody struct {
	fields []fastField // every field encoding/json would decode, in order
}

// fastField is one field encoding/json would set from the key name.
type fastField struct {
	name   string
	body   *field // nil: encoding/json would set it, but it is not a body field
	offset uintptr
	kind   reflect.Kind // of the field, or of what it points to
	elem   reflect.Type // for a pointer field: the type it points to
}

// newFastBody returns the fast decoder for body struct t whose body fields
// are body, or nil if t has anything it does not handle: an embedded
// field, a ",string" option, a name encoding/json could fold with
// non-ASCII letters, a repeated name, more than 64 fields, or a body field
// that is not a string, bool, number or pointer to one, or that decodes
// itself.
func newFastBody(t reflect.Type, body []*field) *fastBody {
	byIndex := map[int]*field{}
	for _, f := range body {
		if len(f.index) != 1 {
			return nil // promoted from an embedded struct
		}
		byIndex[f.index[0]] = f
	}
	fb := &fastBody{}
	names := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous {
			return nil
		}
		tag := sf.Tag.Get("json")
		if !sf.IsExported() || tag == "-" {
			continue // encoding/json ignores it
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(","+opts+",", ",string,") {
			return nil
		}
		if name == "" {
			name = sf.Name
		}
		if !simpleKey(name) || names[name] {
			return nil
		}
		names[name] = true
		ff := fastField{name: name, body: byIndex[i], offset: sf.Offset}
		if ff.body != nil {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
				ff.elem = ft
			}
			if !fastScalar(ft) {
				return nil
			}
			ff.kind = ft.Kind()
		}
		fb.fields = append(fb.fields, ff)
	}
	if len(fb.fields) > 64 {
		return nil
	}
	return fb
}

// simpleKey reports whether name is made of ASCII letters, digits and
// "_.-" only: encoding/json takes it as a tag name as it is, and matches
// keys to it case-insensitively the ASCII way.
func simpleKey(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return name != ""
}

// fastScalar reports whether fastBody can set a value of type t.
func fastScalar(t reflect.Type) bool {
	for _, u := range []reflect.Type{t, reflect.PointerTo(t)} {
		if u.Implements(jsonUnmarshalerType) || u.Implements(textUnmarshalerType) {
			return false
		}
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// lookup returns the field a key names, as encoding/json chooses it: the
// exact name, else the first name equal to it ignoring case; -1 if none.
func (fb *fastBody) lookup(key []byte) int {
	for i := range fb.fields {
		if string(key) == fb.fields[i].name {
			return i
		}
	}
	for i := range fb.fields {
		if asciiEqualFold(key, fb.fields[i].name) {
			return i
		}
	}
	return -1
}

func asciiEqualFold(a []byte, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// decode decodes data into the struct at base and returns the presence
// bits of the body fields sent (not null), or false if it cannot (see
// fastBody).
func (fb *fastBody) decode(data []byte, base unsafe.Pointer) (sent uint64, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return 0, false
	}
	i = skipSpace(data, i+1)
	var seen uint64
	if i < len(data) && data[i] == '}' {
		return 0, skipSpace(data, i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return 0, false
		}
		j := i + 1
		for j < len(data) && data[j] >= ' ' && data[j] < 0x7f && data[j] != '"' && data[j] != '\\' {
			j++
		}
		if j >= len(data) || data[j] != '"' {
			return 0, false // an escape, a byte outside printable ASCII, or no end
		}
		n := fb.lookup(data[i+1 : j])
		if n < 0 || seen&(1<<n) != 0 || fb.fields[n].body == nil {
			return 0, false
		}
		seen |= 1 << n
		f := &fb.fields[n]
		i = skipSpace(data, j+1)
		if i >= len(data) || data[i] != ':' {
			return 0, false
		}
		i = skipSpace(data, i+1)
		var null bool
		if i, null, ok = f.decodeValue(data, i, unsafe.Add(base, f.offset)); !ok {
			return 0, false
		}
		if !null {
			sent |= f.body.bit
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return 0, false
		}
		if data[i] == '}' {
			return sent, skipSpace(data, i+1) == len(data)
		}
		if data[i] != ',' {
			return 0, false
		}
		i = skipSpace(data, i+1)
	}
}

// decodeValue decodes the value at data[i:] into the field at p and
// returns the index past it, and whether it was null.
func (f *fastField) decodeValue(data []byte, i int, p unsafe.Pointer) (next int, null, ok bool) {
	if i >= len(data) {
		return 0, false, false
	}
	if strings.HasPrefix(unsafe.String(&data[i], len(data)-i), "null") {
		// encoding/json leaves a non-pointer as it is, and sets a pointer
		// to nil, which a field seen for the first time already is.
		return i + 4, true, true
	}
	end, ok := f.scalarEnd(data, i)
	if !ok {
		return 0, false, false
	}
	if f.elem != nil {
		q := reflect.New(f.elem).UnsafePointer()
		*(*unsafe.Pointer)(p) = q
		p = q
	}
	return end, false, f.set(data[i:end], p)
}

// scalarEnd returns the end of the literal of f's kind at data[i:], or
// false if what is there is not one.
func (f *fastField) scalarEnd(data []byte, i int) (int, bool) {
	switch f.kind {
	case reflect.String:
		if data[i] != '"' {
			return 0, false
		}
		end := stringEnd(data, i)
		return end, end > i+1 && data[end-1] == '"'
	case reflect.Bool:
		s := unsafe.String(&data[i], len(data)-i)
		switch {
		case strings.HasPrefix(s, "true"):
			return i + 4, true
		case strings.HasPrefix(s, "false"):
			return i + 5, true
		}
		return 0, false
	}
	end := numberEnd(data, i)
	return end, end > i
}

// numberEnd returns the end of the JSON number at data[i:], or i if there
// is none.
func numberEnd(data []byte, i int) int {
	j := i
	if j < len(data) && data[j] == '-' {
		j++
	}
	switch {
	case j < len(data) && data[j] == '0':
		j++
	case j < len(data) && '1' <= data[j] && data[j] <= '9':
		j = digitsEnd(data, j)
	default:
		return i
	}
	if j < len(data) && data[j] == '.' {
		k := digitsEnd(data, j+1)
		if k == j+1 {
			return i
		}
		j = k
	}
	if j < len(data) && (data[j] == 'e' || data[j] == 'E') {
		j++
		if j < len(data) && (data[j] == '+' || data[j] == '-') {
			j++
		}
		k := digitsEnd(data, j)
		if k == j {
			return i
		}
		j = k
	}
	return j
}

func digitsEnd(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// set stores the literal lit, of f's kind, at p as encoding/json would,
// or reports false where encoding/json would fail or change the text.
func (f *fastField) set(lit []byte, p unsafe.Pointer) bool {
	s := unsafe.String(&lit[0], len(lit))
	switch f.kind {
	case reflect.String:
		v, ok := unquote(lit)
		*(*string)(p) = v
		return ok
	case reflect.Bool:
		*(*bool)(p) = s == "true"
		return true
	case reflect.Float32:
		v, err := strconv.ParseFloat(s, 32)
		*(*float32)(p) = float32(v)
		return err == nil
	case reflect.Float64:
		v, err := strconv.ParseFloat(s, 64)
		*(*float64)(p) = v
		return err == nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v, err := strconv.ParseInt(s, 10, 64)
		return err == nil && setInt(f.kind, v, p)
	default:
		v, err := strconv.ParseUint(s, 10, 64)
		return err == nil && setUint(f.kind, v, p)
	}
}

// setInt stores v at p as an int of kind k, or reports false if it does
// not fit.
func setInt(k reflect.Kind, v int64, p unsafe.Pointer) bool {
	switch k {
	case reflect.Int8:
		*(*int8)(p) = int8(v)
		return int64(int8(v)) == v
	case reflect.Int16:
		*(*int16)(p) = int16(v)
		return int64(int16(v)) == v
	case reflect.Int32:
		*(*int32)(p) = int32(v)
		return int64(int32(v)) == v
	case reflect.Int:
		*(*int)(p) = int(v)
		return int64(int(v)) == v
	}
	*(*int64)(p) = v
	return true
}

// setUint is setInt for unsigned kinds.
func setUint(k reflect.Kind, v uint64, p unsafe.Pointer) bool {
	switch k {
	case reflect.Uint8:
		*(*uint8)(p) = uint8(v)
		return uint64(uint8(v)) == v
	case reflect.Uint16:
		*(*uint16)(p) = uint16(v)
		return uint64(uint16(v)) == v
	case reflect.Uint32:
		*(*uint32)(p) = uint32(v)
		return uint64(uint32(v)) == v
	case reflect.Uint:
		*(*uint)(p) = uint(v)
		return uint64(uint(v)) == v
	}
	*(*uint64)(p) = v
	return true
}

// unquote decodes the JSON string lit (quotes included). A string without
// escapes, control bytes or invalid UTF-8 is copied as it is; any other
// goes through encoding/json, which reports whether it is valid and
// decodes escapes and replaces invalid UTF-8 as it does everywhere.
func unquote(lit []byte) (string, bool) {
	raw := lit[1 : len(lit)-1]
	plain, ascii := true, true
	for _, c := range raw {
		if c < ' ' || c == '\\' {
			plain = false
			break
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if plain && (ascii || utf8.Valid(raw)) {
		return string(raw), true
	}
	var s string
	err := json.Unmarshal(lit, &s)
	return s, err == nil
}
