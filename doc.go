// Package tideway is declarative HTTP routing for Go. A handler is a plain
// func whose parameters are structs with tagged fields; Tideway reads each
// func once, when it is registered, checks it against its route, and from
// then on binds requests by walking a precomputed plan.
//
//	type ByID struct {
//		ID uint64 `path:"id"`
//	}
//
//	func getMessage(db DB, id ByID) (Message, error) { ... }
//
//	app := tideway.New(NewDatabase())
//	app.At("/message/{id}").Get(getMessage).Put(setMessage)
//	log.Fatal(nethttp.ListenAndServe(":4321", app))
//
// # The table of contents
//
// app.At(pattern) returns a Resource; its Get, Post, Put, Patch and Delete
// register handlers and chain. Nest makes a nested Router under a prefix.
// Patterns and their precedence are those of package route: literal
// segments, {name} and {} for one segment, a final {name...} or * for the
// rest of the path; the most specific pattern wins, whatever the order of
// registration. Every mistake the table can catch is caught when a route
// is registered: a malformed or conflicting pattern, a path field with no
// segment, a segment with no field, a field type that cannot be parsed, a
// state field the app cannot fill, an unknown validate tag. The method
// helpers panic with the typed error; Resource.Handle returns it.
//
// # Binding
//
// A handler is func([context.Context,] P1, P2, ...) returning nothing,
// error, a value, or (value, error). Each Pi is a struct (or pointer to
// one) whose fields say where their values come from:
//
//	path:"id"       the {id} segment, unescaped; path:"" takes the {}
//	                segments in order; a trailing glob binds to a string
//	                (the rest of the path) or a []string (its segments)
//	query:"limit"   the query string, through gorilla/schema (slices,
//	                nested structs as "a.b", time.Time, TextUnmarshaler)
//	header:"X-Key"  a request header
//	cookie:"sid"    a cookie of the Cookie header
//	form:"title"    a form body's value (urlencoded or multipart), decoded
//	                like query; a *multipart.FileHeader field takes a file
//	state:""        the app state given to New (or WithState), by type
//	json:"name"     the request body, decoded with encoding/json
//
// Path and header fields parse into strings, integers and unsigned integers
// of every size, floats, bool, time.Time (RFC 3339), TextUnmarshaler
// types, and pointers to those. A parameter can also be view.Request or
// view.Response for raw access. A handler of the exact type
// func(*Call) error is the raw form: it binds nothing (so its route's
// segments need no fields), reads parameters with Call.Param, writes
// through Call.Response, and costs no reflection at all. Body fields are decoded first; path, query,
// header and state fields are set after, so the body cannot overwrite them.
//
// Presence is tracked: "required" in a validate tag means the key was
// sent, so ?flag=false and {"count": 0} satisfy it and a missing key does
// not; a pointer field is nil only when its key was absent (or, in a body,
// null). A sent empty string is present too: "required,min=1" refuses it.
// The rest of the tag runs through one validator/v10 instance.
//
// # Responses and errors
//
// Results go out through respond.Value: a respond.Responder answers
// itself, a string is text/plain, []byte is application/octet-stream, nil
// is 204, anything else is JSON. A handler with no result answers 204.
// Errors go through respond.ErrorWriter as RFC 9457 problem+json. Binding
// failures list every bad field with its location and wire name:
//
//	{"type":"about:blank","title":"Unprocessable Content","status":422,
//	 "errors":[{"location":"body","field":"contents","reason":"is required"}]}
//
// Malformed input is 400, a body with the wrong Content-Type 415, a body
// over the limit 413, failed validation 422; an unknown path 404, a known
// path with the wrong method 405 with Allow, a path and query longer than
// Limits.URILength (8 KiB) 414. OPTIONS is answered with
// Allow unless routed; HEAD is served by GET with the body dropped. A
// handler panic is logged with its stack and answered with 500.
//
// # Configuration
//
// Config (body limit, unknown-key policy, logger, input limits) is set at
// the app (WithConfig), on routers and resources (their Config methods),
// and per endpoint (Resource.Handle); each level overrides the one above,
// and the result is fixed when the route is registered. Limits.URILength
// alone is app-wide, since it is checked before routing.
//
// # OpenAPI
//
// App.OpenAPI writes the app's OpenAPI 3.1 document from the binding
// plans (see package openapi), and App.OpenAPIHandler serves it:
//
//	app.At("/openapi.json").Get(app.OpenAPIHandler(openapi.Info{Title: "Messages", Version: "1.0.0"}))
//
// Config.Doc documents operations at any level: tags accumulate from the
// outside in, the innermost summary, description and operationId win.
package tideway
