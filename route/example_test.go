package route_test

import (
	"fmt"

	"github.com/tideway-go/tideway/route"
)

func Example() {
	t := route.New[string]()
	t.MustAdd("GET", "/users/{id}", "show user")
	t.MustAdd("GET", "/users/new", "new-user form")
	t.MustAdd("GET", "/files/{path...}", "serve file")
	t.MustAdd("POST", "/users", "create user")

	ps := t.NewParams()
	for _, req := range []struct{ method, path string }{
		{"GET", "/users/new"},
		{"GET", "/users/42"},
		{"HEAD", "/files/css/site.css"},
		{"GET", "/users"},
		{"GET", "/nowhere"},
		{"GET", "/users/%zz"},
	} {
		res := t.Lookup(req.method, req.path, ps)
		switch res.Status {
		case route.Found:
			fmt.Printf("%s %s -> %s", req.method, req.path, res.Route.Value)
			for i, name := range res.Route.Pattern.Params() {
				fmt.Printf(" %s=%q", name, ps.Value(i))
			}
			fmt.Println()
		case route.MethodNotAllowed:
			fmt.Printf("%s %s -> 405, Allow: %s\n", req.method, req.path, res.Allow)
		default:
			fmt.Printf("%s %s -> %s\n", req.method, req.path, res.Status)
		}
	}
	// Output:
	// GET /users/new -> new-user form
	// GET /users/42 -> show user id="42"
	// HEAD /files/css/site.css -> serve file path="css/site.css"
	// GET /users -> 405, Allow: POST
	// GET /nowhere -> not found
	// GET /users/%zz -> bad path
}

func ExampleTree_Explain() {
	t := route.New[int]()
	// AddFrom records where a route came from; Add and MustAdd record their caller.
	at := func(line int) route.Source { return route.Source{File: "routes.go", Line: line} }
	_ = t.AddFrom(at(10), "GET", "/x/a", 1)
	_ = t.AddFrom(at(11), "GET", "/{p}/z", 2)
	_ = t.AddFrom(at(12), "GET", "/{p}/{q}", 3)
	_ = t.AddFrom(at(13), "POST", "/x/z", 4)
	fmt.Print(t.Explain("GET", "/x/z"))
	// Output:
	// GET /x/z: found (/{p}/z)
	//   /x/z [POST]: matches the path but has no GET route
	//   /{p}/z [GET]: serves GET (registered at routes.go:11)
	//   /{p}/{q} [GET]: loses to /{p}/z at segment 2: literal "z" beats {}
}

func ExampleTree_String() {
	t := route.New[int]()
	at := func(line int) route.Source { return route.Source{File: "routes.go", Line: line} }
	_ = t.AddFrom(at(20), "GET", "/users/{id}", 1)
	_ = t.AddFrom(at(21), "PUT", "/users/{id}", 2)
	_ = t.AddFrom(at(22), "GET", "/users/new", 3)
	_ = t.AddFrom(at(23), "GET", "/static/*", 4)
	fmt.Print(t)
	// Output:
	// GET  /static/*    routes.go:23
	// GET  /users/new   routes.go:22
	// GET  /users/{id}  routes.go:20
	// PUT  /users/{id}  routes.go:21
}
