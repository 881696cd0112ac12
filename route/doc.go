// Package route is Tideway's table of contents: it parses route patterns,
// orders them by specificity and finds the one that serves a request. It
// knows nothing of HTTP types or handlers: a Tree maps (method, pattern)
// pairs to values of any type, and the tideway package builds on it.
//
// # Patterns
//
// A pattern is a path made of slash-separated segments:
//
//	segment      matches                                   example
//	literal      one segment equal to it (after unescaping) /users
//	{name}       one non-empty segment, bound to name       /users/{id}
//	{}           one non-empty segment, bound by position   /users/{}
//	{name...}    the rest of the path, possibly empty;      /files/{path...}
//	             last segment only
//	*            the same, anonymous                        /static/*
//
// So "/users/{id}" matches "/users/42" but not "/users/" or "/users/42/x";
// "/files/{path...}" matches "/files/", "/files/a" and "/files/a/b/", but
// not "/files". A trailing slash is a segment of its own: "/users" and
// "/users/" are different patterns. Literal segments may hold percent
// escapes ("/a%2Fb" is the single segment "a/b"). Malformed patterns fail
// with a *PatternError that gives the offset and a fix, for example
// "/users/{id" (unclosed), "/a/*/b" (glob not last), "/{id}/{id}"
// (duplicate name), "/:id" (httprouter syntax).
//
// # Precedence
//
// Registration order never matters. Compare two patterns segment by segment
// from the left: at the first segment where their kinds differ, a literal
// beats {} and {} beats *. A request is served by the most specific pattern
// that matches its path and has a route for its method. With
//
//	GET /users/{}
//	GET /users/{}/help
//	GET /users/new
//	GET /users/new/help
//	GET /users/*
//
// "/users/new" and "/users/new/help" go to the literal routes, "/users/ann"
// to "/users/{}", "/users/ann/help" to "/users/{}/help", and "/users/ann/x"
// and "/users/" to "/users/*". The search backtracks: with "/x/a" and
// "/{p}/z", the path "/x/z" first tries the literal "x", finds no "z" below
// it, and is served by "/{p}/z" with p = "x". Methods take part in the
// choice: if "/users/new" had only a DELETE route, a GET for "/users/new"
// would go to "/users/{}".
//
// Two routes with the same method whose patterns have the same shape (they
// differ only in parameter names, or "*" against "{name...}") would serve
// exactly the same requests. Add rejects the second with a *ConflictError
// that names both patterns, where each was registered, and a path both
// match.
//
// # Methods
//
// Methods are case-sensitive HTTP tokens. A HEAD request is served by the
// pattern's HEAD route or, if it has none, by its GET route. When patterns
// match the path but none has the method, Lookup reports MethodNotAllowed
// with an Allow value listing the methods of every matching pattern (HEAD
// included wherever GET is); when no pattern matches, NotFound.
//
// # Escaping
//
// Lookup takes the escaped path (net/url's EscapedPath, or the path exactly
// as the client sent it) and splits it on "/" before unescaping, so "%2F"
// stays inside one segment: "/files/a%2Fb" matches "/files/{name}" with the
// raw value "a%2Fb" (Params.Value gives "a/b"). Literal segments compare
// after unescaping, so "/us%65r" matches "/user". A path with an invalid
// escape such as "%zz" gives BadPath, which a server answers with 400.
// Lookup does not clean paths: "/a/../b" is three segments.
//
// # Cost
//
// A lookup visits each tree node at most once and allocates nothing: the
// parameter values are substrings of the path, stored in a caller-provided
// Params that should be reused (see Tree.NewParams). Explain and String
// describe the table for debugging and start-up logs; they allocate.
package route
