// Package adaptertest is the conformance suite every Tideway adapter
// passes: one table of requests (Cases) and the responses they must get,
// sent to one app (NewApp) served by the adapter, in process and over a
// real loopback socket. Only tests import it.
//
// # Running it
//
// Each adapter package runs the suite with one line in its
// conformance_test.go:
//
//	func TestConformance(t *testing.T) { adaptertest.Run(t, adaptertest.NetHTTP()) }
//
// Subtests are named adapter/transport/case ("fasthttp/tcp/head of get"),
// so one case runs with
//
//	go test ./adapters/fasthttp -run 'TestConformance/fasthttp/.*/head_of_get'
//
// # Adding an adapter
//
// An adapter describes itself with a Server: a name and a Serve func that
// serves an app on a net.Listener the suite provides and returns a func to
// stop it. That is all the suite needs; the adapter's test package holds
// the description, so this package imports no server library beyond
// net/http. For a third adapter, in its conformance_test.go:
//
//	var server = adaptertest.Server{Name: "gnet", Serve: func(app *tideway.App, ln net.Listener) func() error {
//		srv := gnetadapter.NewServer(app)
//		go srv.Serve(ln)
//		return srv.Close
//	}}
//
//	func TestConformance(t *testing.T) { adaptertest.Run(t, server) }
//
// # Transports
//
// Run serves a new app twice and sends it every case, in table order, with
// net/http's client (connections reused as a client would, redirects not
// followed, no Accept-Encoding added and no gzip decoded by the client):
//
//   - inprocess: the adapter's server on an in-memory listener whose
//     connections are net.Pipe pairs: the whole server, with no socket.
//   - tcp: the adapter's server on 127.0.0.1:0.
//
// Both are real servers: what a server does before or around the app (a
// 400 for a request-target with an invalid escape, "OPTIONS *", draining
// an unread body) is part of what the suite checks.
//
// # What is compared
//
// Each case is checked against its Want: the status, the body (exact, a
// prefix, a substring, or an RFC 9457 problem with its field keys), and
// the headers the case names. Every response from the app must also carry
// one X-Request-ID: the valid one the request sent, or a new 32-hex one
// (mw.RequestID runs for the whole app).
//
// Then, in adapter/agree/case, Run compares the answers to each case
// across both transports and, for any adapter but nethttp, with the answer
// of NetHTTP over TCP, the reference. That catches expectations written
// too loosely. The comparison covers the status, the body and every
// header, after normalising only this:
//
//   - Date, Connection, Keep-Alive and Server are not compared: each
//     server sets them its own way.
//   - Content-Length is compared when both answers have it: it frames the
//     body, as chunking does, and servers choose differently between the
//     two. In the answer to HEAD it describes the GET's body, so there it
//     is compared even when only one answer has it.
//   - A generated X-Request-ID (32 hex digits), in the header and wherever
//     the body repeats it, matches any other generated one.
//   - A gzipped body (Content-Encoding: gzip) is compared decoded; the
//     compressed bytes are not compared.
//
// # Fault tests
//
// Two tests check what a server does under attack and at shutdown, each
// started through the adapter's own ListenAndServe (described by a
// ListenAndServe func in the adapter's test package):
//
//   - SlowClients: 500 connections send their headers one byte a second;
//     normal requests are still served within 1s, and the slow
//     connections are closed at the read-header timeout.
//   - ShutdownUnderLoad: clients POST continuously while a graceful
//     shutdown begins; new connections are refused, requests in flight
//     complete, no response is truncated, and every acknowledged write
//     is stored.
//
// # Disagreements
//
// A case an adapter fails because of a known bug in it names that bug in
// its Skip map, for that adapter alone; every other adapter still runs
// it. Keep the map empty: fix the adapter, or the expectation if the
// expectation is what is wrong.
package adaptertest
