package respond

import (
	"reflect"

	"github.com/tideway-go/tideway/view"
)

// Value writes v, any handler result, to w:
//
//   - nil, or a nil pointer (even one whose type is a Responder): 204 No
//     Content;
//   - a Responder: it responds itself;
//   - a string: 200, text/plain; charset=utf-8;
//   - a []byte: 200, application/octet-stream;
//   - anything else: 200, encoded as JSON.
//
// Value does not map errors: a handler's error goes to ErrorWriter.Write.
// Like every responder, Value returns an error (a failed JSON encoding, a
// bad redirect) with the response untouched when it can, so the caller can
// still answer with that error.
func Value(w view.Response, r view.Request, v any) error {
	switch v := v.(type) {
	case nil:
		return NoContent{}.Respond(w, r)
	case string:
		return writeString(w, 200, typeText, v)
	case []byte:
		return write(w, 200, typeBytes, v)
	case Responder:
		if nilPointer(v) {
			return NoContent{}.Respond(w, r)
		}
		return v.Respond(w, r)
	}
	if nilPointer(v) {
		return NoContent{}.Respond(w, r)
	}
	body, err := marshal(v)
	if err != nil {
		return err
	}
	return write(w, 200, typeJSON, body)
}

// nilPointer reports whether v holds a nil pointer.
func nilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
