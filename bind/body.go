package bind

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tideway-go/tideway/view"
)

// bodyPlan decodes a JSON body into one struct.
type bodyPlan struct {
	fields []*field // the struct's body fields, for presence
	// flat: no body field holds a struct, so every key of the body that
	// encoding/json could reject as unknown is a top-level key, and the
	// presence scan finds them; the body then decodes with json.Unmarshal
	// instead of a json.Decoder (which copies the body into a buffer of
	// its own).
	flat bool
	// fast decodes the common flat body in one pass, or is nil; see
	// fastBody.
	fast *fastBody
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuf keeps one huge body from pinning its buffer in the pool.
const maxPooledBuf = 64 << 10

// bindBody checks the Content-Type, reads the body under the limit and
// decodes it into v. It returns the presence bits of the top-level keys
// sent. Malformed JSON goes to c; a wrong media type or an oversized body
// is returned as an error.
func (p *Plan) bindBody(a *arg, r view.Request, v reflect.Value, bodyLimit int64, c *collector) (uint64, error) {
	ct, _ := r.Header("Content-Type")
	if !isJSON(ct) {
		return 0, &MediaTypeError{Got: ct, Want: "application/json"}
	}
	limit := p.bodyLimit(bodyLimit)
	if r.ContentLength() > limit {
		return 0, &BodyTooLargeError{Limit: limit}
	}
	buf := getBuf()
	defer putBuf(buf)
	if ok, err := readBody(r, limit, buf, "body", c); !ok {
		return 0, err
	}
	data := buf.Bytes()
	if fb := a.body.fast; fb != nil {
		if sent, ok := fb.decode(data, v.Addr().UnsafePointer()); ok {
			return sent, nil
		}
		// The general path finds what the fast one could not take, from
		// the zero struct: the body is bound before any other field.
		v.SetZero()
	}
	end, reason := checkShape(data, p.limits.JSONDepth)
	if reason != "" {
		c.bad("body", "", reason)
		return 0, nil
	}
	if a.body.flat {
		return p.decodeFlat(a, data, end, v, c), nil
	}
	return p.decodeStream(a, data, v, c), nil
}

// bodyLimit is the body limit for one request: bodyLimit if above zero
// (see Call), else Limits.Body.
func (p *Plan) bodyLimit(bodyLimit int64) int64 {
	if bodyLimit > 0 {
		return bodyLimit
	}
	return p.limits.Body
}

// getBuf returns an empty buffer from bufPool; putBuf returns it.
func getBuf() *bytes.Buffer {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

func putBuf(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuf {
		buf.Reset()
		bufPool.Put(buf)
	}
}

// readBody reads r's body into buf, never more than one byte past limit.
// It reports false with *BodyTooLargeError for a body over the limit,
// and false with a nil error for a body that could not be read, which it
// records in c under loc.
func readBody(r view.Request, limit int64, buf *bytes.Buffer, loc string, c *collector) (bool, error) {
	n, err := buf.ReadFrom(io.LimitReader(r.Body(), limit+1))
	if n > limit {
		return false, &BodyTooLargeError{Limit: limit}
	}
	if err != nil {
		if serverTooLarge(err) {
			return false, &BodyTooLargeError{Limit: limit}
		}
		c.bad(loc, "", "could not be read")
		return false, nil
	}
	return true, nil
}

// serverTooLarge reports whether a body read error is the server
// refusing more of the body than its own limit.
func serverTooLarge(err error) bool {
	var sc interface{ StatusCode() int }
	return errors.As(err, &sc) && sc.StatusCode() == http.StatusRequestEntityTooLarge
}

// decodeStream decodes a body with a json.Decoder, which rejects unknown
// keys at every depth.
func (p *Plan) decodeStream(a *arg, data []byte, v reflect.Value, c *collector) uint64 {
	dec := json.NewDecoder(bytes.NewReader(data))
	if !p.unknown {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v.Addr().Interface()); err != nil {
		field, reason := jsonReason(err)
		c.bad("body", field, reason)
		var typ *json.UnmarshalTypeError
		if field != "" && errors.As(err, &typ) {
			// encoding/json went on decoding the other fields, so they
			// can still be checked.
			return a.body.presence(data)
		}
		if field != "" {
			c.whole = append(c.whole, "body")
		}
		return 0
	}
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 { // JSON whitespace only
		c.bad("body", "", "has data after the JSON value")
		return 0
	}
	return a.body.presence(data)
}

// decodeFlat decodes a body for a flat body struct (see bodyPlan.flat)
// with json.Unmarshal, finding unknown keys in the presence scan. It
// reports the same errors as the json.Decoder path. end is where the
// body's first object ends, as checkShape found it.
func (p *Plan) decodeFlat(a *arg, data []byte, end int, v reflect.Value, c *collector) uint64 {
	// Like json.Decoder, decode the first value alone and look at what
	// follows only if it decoded cleanly.
	value, rest := data, []byte(nil)
	if end > 0 {
		value, rest = data[:end], data[end:]
	}
	sent := p.decodeFlatValue(a, value, v, c)
	if len(c.fields) == 0 && len(bytes.TrimLeft(rest, " \t\r\n")) > 0 {
		c.bad("body", "", "has data after the JSON value")
		return 0
	}
	return sent
}

// decodeFlatValue is decodeFlat for data holding one JSON value (or a
// broken one).
func (p *Plan) decodeFlatValue(a *arg, data []byte, v reflect.Value, c *collector) uint64 {
	if err := json.Unmarshal(data, v.Addr().Interface()); err != nil {
		field, reason := jsonReason(err)
		var syn *json.SyntaxError
		if errors.As(err, &syn) && syn.Offset == int64(len(data)) && strings.HasPrefix(syn.Error(), "invalid character ' '") &&
			!isSpace(data[len(data)-1]) {
			// json.Unmarshal checks a value by feeding its scanner a space
			// at the end of the input: an error on that space means the
			// input ended inside a value, which json.Decoder calls an
			// unexpected EOF.
			reason = "is truncated JSON"
		}
		c.bad("body", field, reason)
		var typ *json.UnmarshalTypeError
		if field != "" && errors.As(err, &typ) {
			sent, unknown, at := a.body.scan(data)
			if at >= 0 && int64(at) < typ.Offset && !p.unknown {
				// json.Decoder reports the first problem in the document:
				// here the unknown key comes before the bad value.
				c.fields = c.fields[:len(c.fields)-1]
				c.bad("body", unknown, "unknown field")
				if unknown != "" {
					c.whole = append(c.whole, "body")
				}
				return 0
			}
			return sent
		}
		if field != "" {
			c.whole = append(c.whole, "body")
		}
		return 0
	}
	sent, unknown, at := a.body.scan(data)
	if at >= 0 && !p.unknown {
		c.bad("body", unknown, "unknown field")
		if unknown != "" {
			c.whole = append(c.whole, "body")
		}
		return 0
	}
	return sent
}

// flatJSON reports whether values of type t decode from JSON without any
// object whose keys encoding/json would match against struct fields.
func flatJSON(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t.Implements(jsonUnmarshalerType) || reflect.PointerTo(t).Implements(jsonUnmarshalerType) ||
		t.Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return true // it decodes itself
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return flatJSON(t.Elem(), seen)
	case reflect.Struct:
		return false
	case reflect.Interface:
		return true // decoded as maps and slices: every key is kept
	}
	return true
}

var jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// isJSON reports whether a Content-Type is application/json or a
// structured +json type.
func isJSON(ct string) bool {
	if ct == "application/json" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// checkShape makes sure the body is a JSON object no deeper than max,
// counting the nesting of the whole body, before encoding/json sees it.
// It returns the reason when it is not, and else the index just past the
// object the body starts with, or -1 if that object is not closed.
func checkShape(data []byte, max int) (end int, reason string) {
	i := skipSpace(data, 0)
	if i == len(data) {
		return -1, "is empty; send a JSON object"
	}
	if data[i] != '{' {
		return -1, "must be a JSON object"
	}
	end = -1
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i) - 1
		case '{', '[':
			depth++
			if depth > max {
				return -1, fmt.Sprintf("nests deeper than %d levels", max)
			}
		case '}', ']':
			depth--
			if depth == 0 && end < 0 {
				end = i + 1
			}
		}
	}
	return end, ""
}

// jsonReason turns an encoding/json error into a field and a reason.
func jsonReason(err error) (string, string) {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && strings.HasSuffix(syn.Error(), "unexpected end of JSON input"):
		return "", "is truncated JSON" // as json.Decoder reports it
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "after top-level value"):
		return "", "has data after the JSON value"
	case errors.As(err, &syn):
		return "", fmt.Sprintf("is not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ):
		if r := jsonRange(typ.Type, typ.Value); r != "" {
			return typ.Field, r
		}
		return typ.Field, fmt.Sprintf("must be %s, not %s", describeJSON(typ.Type), jsonValue(typ.Value))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "", "is truncated JSON"
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if u, err := strconv.Unquote(name); err == nil {
			name = u // encoding/json quotes the key with %q
		}
		return name, "unknown field"
	}
	// encoding/json does not say which field these are in, and their
	// messages name Go types, methods and layouts.
	var te *time.ParseError
	switch {
	case errors.As(err, &te), strings.HasPrefix(msg, "Time.UnmarshalJSON: "):
		return "", "has a value that is not " + rfc3339Time
	case strings.HasPrefix(msg, "json: invalid use of ,string struct tag"):
		return "", `has a value that must be a number or boolean in quotes, such as "42"`
	}
	return "", "could not be decoded: " + strings.TrimPrefix(msg, "json: ")
}

// jsonRange returns the reason for a JSON number that a field of integer
// type t refused because it does not fit (value is "number 300" for an
// int8), as path and query fields word it, or "" for any other refusal
// (a fraction, a negative number for an unsigned field, not a number).
func jsonRange(t reflect.Type, value string) string {
	lit, ok := strings.CutPrefix(value, "number ")
	for ok && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if !ok || t.Kind() < reflect.Int || t.Kind() > reflect.Uint64 {
		return ""
	}
	f, err := strconv.ParseFloat(lit, 64) // ±Inf when out of float64's range
	if err != nil && !errors.Is(err, strconv.ErrRange) || f != math.Trunc(f) {
		return ""
	}
	signed := t.Kind() <= reflect.Int64
	limit := math.Ldexp(1, t.Bits()) // 2^bits
	if signed {
		limit /= 2
	}
	switch {
	case !signed && f < 0:
		return "" // "must be a non-negative integer"
	case f >= limit || signed && f < -limit:
		return rangeReason(t.Bits(), signed)
	}
	return "" // an integer written as 1e2 or 100.0, which encoding/json refuses
}

// describeJSON says what JSON value a field of type t takes.
func describeJSON(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == nil:
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return "a base64 string"
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return "an array"
	case t.Kind() == reflect.Map || t.Kind() == reflect.Struct:
		return "an object"
	}
	return describe(t)
}

// jsonValue words the Value of a json.UnmarshalTypeError: the kind of
// JSON value sent, or "number 300" for a number that does not fit the
// field, whose digits it quotes (shortened).
func jsonValue(v string) string {
	switch v {
	case "string", "number", "object", "array":
		return article(v) + " " + v
	case "bool":
		return "true or false"
	}
	if lit, ok := strings.CutPrefix(v, "number "); ok {
		if len(lit) > 32 {
			lit = lit[:32] + "..."
		}
		return lit
	}
	return v
}

func article(noun string) string {
	if strings.IndexByte("aeiou", noun[0]) >= 0 {
		return "an"
	}
	return "a"
}

// presence returns the bits of the body fields whose keys appear at the top
// level of the (valid) JSON object data. A key sent as null does not count.
// Keys match as encoding/json matches them: exactly, or else ignoring case.
func (b *bodyPlan) presence(data []byte) uint64 {
	sent, _, _ := b.scan(data)
	return sent
}

// scan is presence, also returning the first top-level key that matches
// no body field and the offset where it starts, or -1 if there is none.
func (b *bodyPlan) scan(data []byte) (sent uint64, unknown string, at int) {
	at = -1
	i := bytes.IndexByte(data, '{') + 1
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != '"' {
			return sent, unknown, at
		}
		keyAt := i
		end := stringEnd(data, i)
		key := data[i+1 : end-1]
		if !plainASCII(key) {
			// Decode it as encoding/json does: escapes, and invalid UTF-8
			// as U+FFFD.
			var s string
			if json.Unmarshal(data[i:end], &s) == nil {
				key = []byte(s)
			}
		}
		i = skipSpace(data, end) + 1 // past ':'
		i = skipSpace(data, i)
		isNull := bytes.HasPrefix(data[i:], []byte("null"))
		i = valueEnd(data, i)
		bit := b.bitOf(key)
		if !isNull {
			sent |= bit
		}
		if bit == 0 && at < 0 {
			unknown, at = string(key), keyAt
		}
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != ',' {
			return sent, unknown, at
		}
		i++
	}
}

// plainASCII reports whether key is ASCII without escapes, so that it
// reads the same raw as decoded.
func plainASCII(key []byte) bool {
	for _, c := range key {
		if c == '\\' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (b *bodyPlan) bitOf(key []byte) uint64 {
	for _, f := range b.fields {
		if string(key) == f.name {
			return f.bit
		}
	}
	for _, f := range b.fields {
		if bytes.EqualFold(key, []byte(f.name)) {
			return f.bit
		}
	}
	return 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return i
}

// stringEnd returns the index just past the JSON string starting at i, or
// len(data) if it is not closed. A backslash escapes the byte after it, so
// a quote ends the string when an even number of backslashes precede it.
func stringEnd(data []byte, i int) int {
	j := i + 1
	// Most keys and values are short: walking them beats the set-up of
	// IndexByte.
	for short := min(len(data), j+16); j < short; j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	if j >= len(data) {
		return len(data)
	}
	for {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return len(data)
		}
		q := j + k
		n := 0
		for b := q - 1; b > i && data[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
}

// valueEnd returns the index of the ',' or '}' that ends the JSON value
// starting at i.
func valueEnd(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i) - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}
