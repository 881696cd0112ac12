// Package e2e holds the servers of the end-to-end loopback benchmark
// (../e2e.sh): one program per server, each serving GET /plaintext and
// GET /message/{id} from the same read-only store, with an -addr flag.
//
//	tideway-nethttp   a tideway.App with typed handlers over adapters/nethttp
//	raw-nethttp       the same two routes on a net/http ServeMux
//	tideway-fasthttp  the same tideway.App over adapters/fasthttp
//	raw-fasthttp      one hand-written fasthttp.RequestHandler
//	fiber             the same two routes on fiber v2
//
// Package store is the message store they share.
package e2e
