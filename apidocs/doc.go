// Package apidocs serves a human-readable reference page for an HTTP API
// described by an OpenAPI 3.1 document: every operation grouped by tag and
// path, with its parameters, request body and responses, and a form per
// operation that sends a request to the same origin and shows the status,
// headers and body of the answer.
//
// The page is one HTML document whose script and style are inline and
// embedded in the binary: it loads nothing from any other host, so it
// works on a private network. It is generated once for a spec URL and
// fetches that document when opened, so it shows any OpenAPI 3.1 JSON
// document, however it was produced. With Tideway it is one line:
//
//	app.At("/openapi.json").Get(app.OpenAPIHandler(info))
//	app.At("/docs").Get(apidocs.Handler("/openapi.json"))
//
// The page is then a route like any other, so the app's OpenAPI document
// lists it unless its config hides it:
// app.At("/docs").Config(tideway.Config{Doc: openapi.Doc{Hidden: true}}).
//
// and with net/http a *Page is an http.Handler:
//
//	page, err := apidocs.New("/openapi.json")
//	mux.Handle("GET /docs", page)
//
// # What the page shows
//
// Operations are listed under their first tag: the document's tags first,
// in the document's order, then tags used but not declared, then untagged
// operations under "default"; within a tag, by path and then method.
// Parameters of the path item and of the operation are merged (the
// operation's win), and $ref is followed wherever it may appear
// (parameters, request bodies, responses, path items, examples, schemas).
// Schemas are shown as nested lists; a schema met again inside itself is
// named, not expanded, and very deep or very large schemas are cut with
// "…". Descriptions are shown as plain text (Markdown is not rendered).
//
// Each form has an input per path, query and header parameter (cookies
// are the browser's own) and, for an operation with a request body, a
// content-type choice and a box filled with an example made from the
// schema: the document's examples and defaults first, read-only
// properties left out. Requests go to the page's origin, under the path
// of the document's first server when that server is on the same origin.
//
// # Security
//
// Every string from the document reaches the page as text (DOM text nodes
// and inert attributes), never as markup. The page is sent with a strict
// Content-Security-Policy: nothing may load by default; the one inline
// script and the one inline style are allowed by their SHA-256 hashes,
// which never change because the spec URL is passed in a data- attribute
// rather than in the script; fetch may reach only the page's own origin
// (and the spec's, when New is given an absolute URL); no framing by
// other pages, no form submission (the forms send with fetch), no base
// URL, no plugins; and Trusted Types are required, so the browser itself
// refuses any HTML string sink. Hashes rather than nonces keep the
// page identical from one request to the next, so it is served with a
// strong ETag and answered 304 when unchanged (Cache-Control: no-cache
// makes browsers ask each time, so an upgrade shows at once).
package apidocs
