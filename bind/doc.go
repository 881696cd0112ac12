// Package bind turns a handler func into a plan that binds requests into
// its parameters. Compile reads the func once, at registration: it checks
// the signature, classifies every tagged field, matches path fields to the
// route's segments, finds state values by type, and validates a zero value
// so a misspelled validate tag fails then and not on the first request.
// Plan.Call then walks that plan per request. Binder does the same for one
// struct type outside a handler, into a value the caller reuses: binding a
// path segment and flat query fields that way allocates nothing.
//
// # Tags
//
//	path:"id"        a route segment; path:"" takes the {} segments in order;
//	                 a blank `_ struct{}` field tagged path:"id" ignores {id}
//	query:"limit"    the query string, decoded by gorilla/schema
//	header:"X-Key"   a request header
//	cookie:"session" a cookie of the Cookie header
//	form:"title"     a form body's value (urlencoded or multipart/form-data),
//	                 decoded by gorilla/schema like query:; on a field of type
//	                 *multipart.FileHeader or []*multipart.FileHeader, the
//	                 files uploaded under that name (multipart/form-data only)
//	state:""         a value from Options.States, by type
//	json:"name"      the body: a struct with any json: tag is decoded from a
//	                 JSON body by encoding/json
//
// A field has at most one of these tags. Untagged exported fields of a
// body struct are body fields, as encoding/json would treat them. A
// request has one body, so a handler takes json: fields or form: fields,
// in one struct, never both.
//
// # Cookies and forms
//
// Cookie fields parse like header fields (strings, numbers, bools,
// time.Time, TextUnmarshalers, pointers to those). Pairs of the Cookie
// header that are malformed or have names that are not tokens are
// skipped; a bound cookie whose value is not made of RFC 6265
// cookie-octets (after removing one pair of double quotes) is a 400.
// The first pair with a name wins; values are not percent-decoded.
//
// Form values follow every rule of query fields: the same QueryDecoder
// and converters (nested keys match form: tags), the same checks on
// unknown keys, slice indexes and Limits.QueryParams. A multipart body is
// read by mime/multipart under Limits.Body and Limits.MultipartParts;
// files beyond Limits.MultipartMemory go to temporary files, which Call
// removes when the handler returns, even if it panics: a handler that
// keeps a file must copy it. A file input a browser sends empty (an empty
// part with filename="") counts as not sent. A *multipart.FileHeader
// field takes exactly one file; FileHeader.Filename is the client's name
// with any directory removed, never safe to use as a path of its own.
//
// # Presence
//
// Call records which keys the request sent: path segments always, query
// keys, headers, cookies, top-level form keys and file names, and the
// top-level keys of a JSON body (a key sent as null counts as absent). In validate tags, "required" on a bound field means
// "was sent": ?page=0 and {"paid": false} pass it and a missing key fails.
// "omitempty" means "skip the rest when not sent", so ?limit=0 is still
// checked against min=1. Deeper in a body, the validator's own meaning
// (non-zero) applies. Pointer fields stay nil unless sent.
//
// # Errors
//
// Malformed input (a segment that does not parse, an unknown query or
// form key, a bad cookie value, a JSON syntax or type error, a multipart
// body with more parts than Limits.MultipartParts) gives *Error with
// status 400; failed validation alone gives 422. Both list every bad
// field with its location and wire name, such as path.id, query.limit,
// cookie.session, form.items.0.name or body.items[3].name; an unnamed {}
// segment is named by its position among them (path.1, path.2).
// Validation errors come in the order the fields are declared. Reasons
// are short and name no Go types: a value that does not parse gets the
// same reason from every location ("must be an integer", "out of range
// for a 16-bit integer"), a TextUnmarshaler's error is passed on after
// "invalid value: " (unless it is a strconv or time parse error), and a
// query or form key that stops short of a value says how it is written
// ("must be given as items.0.name"). A body with the wrong Content-Type
// gives *MediaTypeError (415) naming the types accepted, one over
// Limits.Body gives *BodyTooLargeError (413), found from Content-Length
// before reading when possible and never by reading more than the limit.
//
// Query and form keys are checked before gorilla/schema sees them: dotted parts
// that look like numbers must be canonical slice indexes no larger than
// Limits.MaxSliceIndex, nor than 16000, gorilla/schema's own limit
// (gorilla/schema v1.4.1 panics on a negative index, and a large one would
// allocate a large slice). Field types that gorilla/schema could never
// fill (arrays, slices of slices, pointers to pointers) fail at
// registration, as do gorilla/schema's tag options (",required",
// ",default:..."): Tideway binds most requests without gorilla/schema, so
// they would apply to some requests only. Use validate:"required", and a
// pointer field or the handler for a default.
package bind
