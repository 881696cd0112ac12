package bind

import (
	"math"
	"reflect"
	"strconv"
	"unsafe"
)

// textSetter parses s into the field at p, as the parser of the same type
// would (same values, same reasons), without going through reflect.Value.
type textSetter func(p unsafe.Pointer, s string) error

// fastTextSetter returns the textSetter for fields of type t, or nil when
// t needs scalarParser: a pointer, time.Time, a TextUnmarshaler.
func fastTextSetter(t reflect.Type) textSetter {
	if t == timeType || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return nil
	}
	kind := t.Kind()
	switch kind {
	case reflect.String:
		return func(p unsafe.Pointer, s string) error { *(*string)(p) = s; return nil }
	case reflect.Bool:
		return func(p unsafe.Pointer, s string) error {
			b, err := strconv.ParseBool(s)
			if err != nil {
				return reason("must be true or false")
			}
			*(*bool)(p) = b
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		return func(p unsafe.Pointer, s string) error {
			n, err := strconv.ParseInt(s, 10, bits)
			if err != nil {
				return numError(err, "an integer", bits, true)
			}
			setInt(kind, n, p)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		bits := t.Bits()
		return func(p unsafe.Pointer, s string) error {
			n, err := strconv.ParseUint(s, 10, bits)
			if err != nil {
				return numError(err, "a non-negative integer", bits, false)
			}
			setUint(kind, n, p)
			return nil
		}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(p unsafe.Pointer, s string) error {
			f, err := strconv.ParseFloat(s, bits)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return reason("must be a finite number")
			}
			if bits == 32 {
				*(*float32)(p) = float32(f)
			} else {
				*(*float64)(p) = f
			}
			return nil
		}
	}
	return nil
}

// fieldOffset returns the offset of the field at index within struct type
// t, or false if reaching it goes through a pointer (an embedded *T).
func fieldOffset(t reflect.Type, index []int) (uintptr, bool) {
	var off uintptr
	for i, x := range index {
		if t.Kind() != reflect.Struct {
			return 0, false
		}
		sf := t.Field(x)
		off += sf.Offset
		t = sf.Type
		if i < len(index)-1 && t.Kind() == reflect.Pointer {
			return 0, false
		}
	}
	return off, true
}

// compileDirect readies f to be bound without reflect.Value where its type
// and place allow (see field.setText and field.statePtr).
func compileDirect(t reflect.Type, f *field) {
	off, ok := fieldOffset(t, f.index)
	if !ok {
		return
	}
	f.offset = off
	ft := t.FieldByIndex(f.index).Type
	switch f.loc {
	case locPath:
		if !f.segments {
			f.setText = fastTextSetter(ft)
		}
	case locHeader:
		f.setText = fastTextSetter(ft)
	case locState:
		if f.state.Type() == ft && ft.Kind() == reflect.Pointer {
			f.statePtr = f.state.UnsafePointer()
		}
	}
}
