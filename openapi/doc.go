// Package openapi writes OpenAPI 3.1 documents from what Tideway already
// knows about its handlers: the binding plans of package bind (each
// handler's inputs and their Go types, compiled at registration) and the
// responders of package respond. The document cannot drift from
// behaviour, since it is read from the same plans that serve requests.
//
// Most apps need one line (see tideway.App.OpenAPIHandler):
//
//	app.At("/openapi.json").Get(app.OpenAPIHandler(openapi.Info{Title: "Messages", Version: "1.0.0"}))
//
// and document operations through the Doc field of tideway.Config, at any
// level of the table of contents:
//
//	app.At("/message").Config(tideway.Config{Doc: openapi.Doc{Summary: "Post a message"}}).Post(newMessage)
//
// Build turns a list of Endpoints into a Document; Generator turns Go
// types into JSON Schemas. Both are usable without an App.
//
// # Operations
//
// Path parameters keep the route's names; an unnamed {} takes the name of
// the field it binds. Query, header and cookie fields are parameters, a
// query struct flattened into dotted keys as gorilla/schema reads them.
// json: fields make an application/json body: a reference to the
// parameter struct's schema when all its fields are body fields, an
// object of them otherwise. form: fields make an
// application/x-www-form-urlencoded body, or multipart/form-data when one
// of them is a *multipart.FileHeader or []*multipart.FileHeader (a binary
// string).
//
// The success response follows from the handler's result, as
// respond.Value writes it: no result, or respond.NoContent, is 204; a
// plain value is 200 application/json with its schema (and 204 too when it
// is a pointer, which may be nil); a string is text/plain and []byte
// application/octet-stream; respond.JSON is 200 with its value's schema;
// respond.Created is 201 with a Location header; respond.Text and
// Display are text/plain; respond.Redirect is 3XX with Location;
// respond.SSE is text/event-stream; respond.Stream is a body of any media
// type; a Responder of the user's own is a 200 of any media type unless it
// implements ResponseDescriber; an interface result, respond.Status, and a
// handler that takes view.Response have an open "default" response.
//
// Error responses are application/problem+json, all referencing one
// Problem schema (respond.Problem as it is sent, with its list of field
// errors). An operation lists only those it can give: 400 when an input
// can fail to parse (a number in the path, any query string, any body),
// 413 and 415 when it reads a body, 422 when a field has a validate tag,
// 404 when the route has parameters and the handler returns an error (a
// parameter may name nothing: respond.ErrNotFound), and the statuses of
// Doc.Errors. 405, 414 and a 400 for a malformed path are answered before
// any route is chosen, so no operation lists them; 500 is not listed.
//
// # Schemas
//
// Generator follows encoding/json: field names from json tags, "-" and
// omitempty, embedded structs flattened, pointers nullable (a type array
// such as ["string", "null"], or anyOf with {"type": "null"} around a
// reference), time.Time a date-time string, TextMarshaler types strings,
// []byte a base64 string, maps objects. Named struct types become
// components, referenced with $ref, so recursive types work; component
// names are the Go names, qualified by package only where two types share
// a name ("respond.Problem" and "main.Problem"). A type implementing
// SchemaDescriber gives its own schema.
//
// A field is required when its validate tag says "required" (a key that
// must be sent, as package bind checks it), not because it lacks
// omitempty: the schemas describe requests and responses alike. Other
// validate rules map to the keyword that says the same, by the kind of
// value:
//
//	rule                numbers              strings             slices, arrays        maps
//	min, gte / max, lte minimum / maximum    minLength/maxLength minItems/maxItems     minProperties/maxProperties
//	gt / lt             exclusiveMinimum/Max minLength+1/max-1   minItems+1/maxItems-1 minProperties+1/max-1
//	len                 minimum = maximum    both lengths        both counts           both counts
//	oneof, eq           enum                 enum
//	unique                                                       uniqueItems
//	dive                                                         the rules after it apply to items or values
//
// On strings, email, uuid (all versions), url, uri, http_url, ipv4, ipv6,
// hostname and fqdn become formats; ip is ipv4 or ipv6; datetime with an
// RFC 3339 or date layout becomes date-time or date; base64 and json set
// the content keywords; alpha, alphanum, numeric, number, hexadecimal,
// startswith, endswith and contains become a pattern (only the first, as
// a schema has one). Rules with no keyword (alternatives "a|b", custom
// validations, cross-field rules) are left out of the document, though
// the validator still runs them.
//
// Output is deterministic: maps are written with sorted keys, so a golden
// file of a document is stable.
package openapi
