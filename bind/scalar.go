package bind

import (
	"encoding"
	"math"
	"reflect"
	"strconv"
	"time"
)

var (
	timeType            = reflect.TypeFor[time.Time]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// parser parses one text value into dst, which is addressable and of the
// type the parser was made for. The error is a reason in lowercase words.
type parser func(s string, dst reflect.Value) error

type reason string

func (r reason) Error() string { return string(r) }

// scalarParser returns the parser for path and header fields of type t,
// or nil if t is not supported.
func scalarParser(t reflect.Type) parser {
	if t.Kind() == reflect.Pointer {
		elem := scalarParser(t.Elem())
		if elem == nil {
			return nil
		}
		et := t.Elem()
		return func(s string, dst reflect.Value) error {
			v := reflect.New(et)
			if err := elem(s, v.Elem()); err != nil {
				return err
			}
			dst.Set(v)
			return nil
		}
	}
	if t == timeType {
		return func(s string, dst reflect.Value) error {
			tm, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return reason("must be an RFC 3339 time such as 2006-01-02T15:04:05Z")
			}
			dst.Set(reflect.ValueOf(tm))
			return nil
		}
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return func(s string, dst reflect.Value) error {
			if err := dst.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				return reason("invalid value: " + err.Error())
			}
			return nil
		}
	}
	switch t.Kind() {
	case reflect.String:
		return func(s string, dst reflect.Value) error { dst.SetString(s); return nil }
	case reflect.Bool:
		return func(s string, dst reflect.Value) error {
			b, err := strconv.ParseBool(s)
			if err != nil {
				return reason("must be true or false")
			}
			dst.SetBool(b)
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		return func(s string, dst reflect.Value) error {
			n, err := strconv.ParseInt(s, 10, bits)
			if err != nil {
				return numError(err, "an integer", bits, true)
			}
			dst.SetInt(n)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		bits := t.Bits()
		return func(s string, dst reflect.Value) error {
			n, err := strconv.ParseUint(s, 10, bits)
			if err != nil {
				return numError(err, "a non-negative integer", bits, false)
			}
			dst.SetUint(n)
			return nil
		}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(s string, dst reflect.Value) error {
			f, err := strconv.ParseFloat(s, bits)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return reason("must be a finite number")
			}
			dst.SetFloat(f)
			return nil
		}
	}
	return nil
}

func numError(err error, what string, bits int, signed bool) error {
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		size := "a " + strconv.Itoa(bits)
		if bits == 8 {
			size = "an 8"
		}
		if signed {
			return reason("out of range for " + size + "-bit integer")
		}
		return reason("out of range for " + size + "-bit unsigned integer")
	}
	return reason("must be " + what)
}
