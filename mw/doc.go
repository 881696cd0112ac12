// Package mw holds Tideway's standard middleware, one concern per file.
// Each constructor returns a tideway.Middleware to attach at any level of
// the table of contents: App.Use, Router.Use, Resource.Use, or
// Config.Middleware for one endpoint. Outer levels wrap inner ones, and
// within a level the first middleware given is the outermost.
//
//	app := tideway.New(state)
//	app.Use(
//		mw.RequestID(),            // outermost: the ID is set before anything logs
//		mw.Logger(nil),            // one line per request, with the final status
//		mw.Recover(nil),           // a panic below becomes a 500 that Logger sees
//		mw.MustCORS(mw.CORSOptions{AllowedOrigins: []string{"https://app.example"}}),
//		mw.Compress(0),
//	)
//	app.Nest("/admin", func(r *tideway.Router) {
//		r.Use(mw.Guard(isAdmin))   // 403 for everyone else
//		r.At("/stats").Get(stats)
//	})
//	app.At("/upload").Use(mw.BodyLimit(32<<20), mw.Timeout(time.Minute)).Post(upload)
//
// # Order
//
// Middleware that reports on a request (Logger) goes outside middleware
// that can change its outcome (Recover, Timeout, Guard, BodyLimit), so it
// sees the final status. RequestID goes outside Logger, so the ID is in
// the log line. Middleware that answers requests no route matches (CORS
// preflights) belongs at App level: only app-level middleware runs for
// 404, 405 and automatic OPTIONS answers.
//
// # Errors
//
// Middleware here reports a failure by returning an error, never by
// writing a problem body itself: Guard returns respond.ErrForbidden, BodyLimit a
// *bind.BodyTooLargeError, Timeout a *TimeoutError. The error travels out
// through the outer middleware, which can inspect it with errors.Is and
// errors.As, and is answered through the app's error mapping as an RFC
// 9457 problem.
//
// # Wrappers
//
// Middleware that watches or transforms the response (Logger, Compress,
// Timeout) replaces Call.Response with a wrapper for the rest of the
// chain and restores it afterwards; middleware that changes the request's
// context (RequestID, Timeout) does the same with Call.Request. Wrappers
// implement all of view.Response and view.Request, and Raw still returns
// the server's own value: code that writes through Raw bypasses them.
package mw
