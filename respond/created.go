package respond

import (
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/tideway-go/tideway/view"
)

// Created responds with 201 Created, a Location header naming the new
// resource, and Value as the body. The body is text/plain when Value is a
// string, a bool, a number (any type whose kind is an integer or a float),
// or a fmt.Stringer, so Created[uint64]{Location: "/message/7", Value: 7}
// answers "7"; any other Value is JSON.
//
// Location must be a same-host path, by the rules of Redirect; otherwise
// Respond returns a *LocationError and writes nothing.
type Created[T any] struct {
	Location string
	Value    T
}

// Respond implements Responder.
func (c Created[T]) Respond(w view.Response, _ view.Request) error {
	if err := checkLocation(c.Location); err != nil {
		return err
	}
	if text, ok := plainText(c.Value); ok {
		w.SetHeader("Location", c.Location)
		return writeString(w, 201, typeText, text)
	}
	body, err := marshal(c.Value)
	if err != nil {
		return err
	}
	w.SetHeader("Location", c.Location)
	return write(w, 201, typeJSON, body)
}

// plainText returns the text of v and true if v is a string, a bool, a
// number or a fmt.Stringer. Common types take a type switch; only named
// types fall back to their reflected kind.
func plainText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case int32:
		return strconv.FormatInt(int64(v), 10), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case uint:
		return strconv.FormatUint(uint64(v), 10), true
	case uint32:
		return strconv.FormatUint(uint64(v), 10), true
	case float64:
		return formatFloat(v, 64), true
	case fmt.Stringer:
		if nilPointer(v) {
			return "", false // sent as JSON null
		}
		return v.String(), true
	case nil:
		return "", false
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String(), true
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10), true
	case reflect.Float32:
		return formatFloat(rv.Float(), 32), true
	case reflect.Float64:
		return formatFloat(rv.Float(), 64), true
	}
	return "", false
}

// formatFloat writes f as encoding/json would: plain decimals, with an
// exponent only for very small or very large magnitudes.
func formatFloat(f float64, bits int) string {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.FormatFloat(f, format, -1, bits)
}
