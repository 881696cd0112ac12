package bind

import (
	"encoding"
	"errors"
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
				return reason(timeReason)
			}
			dst.Set(reflect.ValueOf(tm))
			return nil
		}
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return func(s string, dst reflect.Value) error {
			if err := dst.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				return reason(unmarshalReason(err))
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

// timeReason is the reason for a time.Time field sent something other
// than an RFC 3339 time, wherever it comes from.
const timeReason = "must be " + rfc3339Time

// rfc3339Time describes what a time.Time field takes.
const rfc3339Time = "an RFC 3339 time such as 2006-01-02T15:04:05Z"

// unmarshalReason words the error of a TextUnmarshaler for a client. The
// application's own message is passed on; one that is a strconv or time
// parse error underneath names Go functions and layouts, and is not.
func unmarshalReason(err error) string {
	var ne *strconv.NumError
	var te *time.ParseError
	if errors.As(err, &ne) || errors.As(err, &te) || err.Error() == "" {
		return "is not a valid value"
	}
	return "invalid value: " + err.Error()
}

// numError turns the strconv error of parsing an integer of the given
// size into a reason: out of range for that size, or else not what.
func numError(err error, what string, bits int, signed bool) error {
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		return reason(rangeReason(bits, signed))
	}
	return reason("must be " + what)
}

// rangeReason is the reason for an integer that does not fit in bits.
// The size is given even for int and uint, whose size is the platform's:
// it is the limit the number went over.
func rangeReason(bits int, signed bool) string {
	size := "a " + strconv.Itoa(bits)
	if bits == 8 {
		size = "an 8"
	}
	if signed {
		return "out of range for " + size + "-bit integer"
	}
	return "out of range for " + size + "-bit unsigned integer"
}
