// Package bench compares Tideway with other Go routers and frameworks: routing
// on the route tables of the go-http-routing-benchmark suite (GitHub,
// Google+, Parse and static), binding on the three endpoints of
// examples/messages, binding alone, and middleware chains. Every contender is
// driven the same way, through its ServeHTTP with prepared requests and a
// no-op ResponseWriter. It is its own module so that the competitors appear
// only in bench/go.mod. See README.md for what is measured, how to run it and
// the latest numbers.
package bench
