// Package bench compares Tideway's router with other Go routers on the route
// tables of the go-http-routing-benchmark suite (GitHub, Google+, Parse and
// static), driving every router the same way: through its ServeHTTP, with one
// reused request and a no-op ResponseWriter. It is its own module so that the
// competitors appear only in bench/go.mod. See README.md for what is measured,
// how to run it and the latest numbers.
package bench
