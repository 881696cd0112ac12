// Package routeset loads the route tables of the go-http-routing-benchmark
// suite (GitHub, Google+, Parse and static; BSD-3-Clause, © 2013 Julien
// Schmidt) for Tideway's tests and benchmarks.
//
// The tables are embedded as written by the suite: `:name` is one segment and
// `*name` the rest of the path. Pattern converts them to Tideway's syntax.
package routeset

import (
	"embed"
	"strings"
)

//go:embed data/*.txt
var data embed.FS

// Route is one line of a table.
type Route struct {
	Method string
	Path   string // in the suite's syntax
}

// The names of the embedded tables.
const (
	GitHub         = "github"
	GitHubDisabled = "github_disabled"
	GPlus          = "gplus"
	Parse          = "parse"
	Static         = "static"
)

// Load returns the routes of the named table in file order. It panics if the
// table does not exist: the tables are part of the binary.
func Load(name string) []Route {
	b, err := data.ReadFile("data/" + name + ".txt")
	if err != nil {
		panic("routeset: " + err.Error())
	}
	var out []Route
	for _, line := range strings.Split(string(b), "\n") {
		method, path, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok {
			out = append(out, Route{Method: method, Path: path})
		}
	}
	return out
}

// Pattern converts a suite path to a Tideway pattern: `:name` becomes
// `{name}` and `*name` becomes `{name...}`.
func Pattern(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, ":"):
			segs[i] = "{" + s[1:] + "}"
		case strings.HasPrefix(s, "*"):
			segs[i] = "{" + s[1:] + "...}"
		}
	}
	return strings.Join(segs, "/")
}

// Request returns a concrete request path for a suite path: each `:name`
// segment becomes "v-name" and `*name` becomes "r-name/x", so a test can
// tell the values apart and check them.
func Request(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, ":"):
			segs[i] = "v-" + s[1:]
		case strings.HasPrefix(s, "*"):
			segs[i] = "r-" + s[1:] + "/x"
		}
	}
	return strings.Join(segs, "/")
}
