package bench

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/tideway-go/tideway/internal/routeset"
)

// router is one contender: its name in benchmark names and a function that
// registers a whole table on a new instance of it.
type router struct {
	name string
	// build registers every route of routes, converting the suite's
	// `:name` and `*name` syntax as the router needs. With a nil probe each
	// route gets one shared no-op handler, so that build memory counts the
	// router alone; otherwise each route gets a handler that reads the
	// route's first parameter and records it in the probe. build reports
	// every route the router refused, not only the first.
	build func(routes []routeset.Route, p *probe) (http.Handler, error)
}

// routers lists the contenders in the order benchmarks run them.
var routers = []router{
	{"tideway", buildTideway},
	{"httprouter", buildHTTPRouter},
	{"chi", buildChi},
	{"gin", buildGin},
	{"echo", buildEcho},
	{"gorillamux", buildGorillaMux},
	{"servemux", buildServeMux},
}

// probe records what the last handler saw, so that tests can check which
// route served a request and which parameter value it read. Every router's
// handlers do exactly this and nothing else.
type probe struct {
	route int    // index of the serving route in its table
	param string // the value of the route's first parameter, or ""
}

// firstParam returns the name of the first parameter of a suite path, and
// whether it is a catch-all (`*name`). name is "" if the path has none.
func firstParam(path string) (name string, glob bool) {
	for seg := range strings.SplitSeq(path, "/") {
		if seg != "" && (seg[0] == ':' || seg[0] == '*') {
			return seg[1:], seg[0] == '*'
		}
	}
	return "", false
}

// convert rewrites a suite path segment by segment: param turns a `:name`
// segment into the router's syntax, glob a `*name` segment.
func convert(path string, param, glob func(name string) string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, ":"):
			segs[i] = param(s[1:])
		case strings.HasPrefix(s, "*"):
			segs[i] = glob(s[1:])
		}
	}
	return strings.Join(segs, "/")
}

// register calls add, turning a panic into an error that names the route:
// most routers panic on a route they cannot take.
func register(r routeset.Route, add func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%s %s: %v", r.Method, r.Path, v)
		}
	}()
	if err := add(); err != nil {
		return fmt.Errorf("%s %s: %w", r.Method, r.Path, err)
	}
	return nil
}

// registerAll registers every route with add and joins the failures.
func registerAll(routes []routeset.Route, add func(i int, r routeset.Route) error) error {
	var errs []error
	for i, r := range routes {
		errs = append(errs, register(r, func() error { return add(i, r) }))
	}
	return errors.Join(errs...)
}

// nopWriter is the ResponseWriter of the benchmarks: it keeps nothing.
type nopWriter struct{ h http.Header }

func newNopWriter() *nopWriter { return &nopWriter{h: http.Header{}} }

func (w *nopWriter) Header() http.Header         { return w.h }
func (w *nopWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *nopWriter) WriteHeader(int)             {}

var _ http.ResponseWriter = (*nopWriter)(nil)
