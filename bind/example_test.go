package bind_test

import (
	"errors"
	"fmt"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/internal/viewtest"
)

type ByID struct {
	ID uint64 `path:"id"`
}

type Page struct {
	Limit int `query:"limit" validate:"omitempty,min=1,max=100"`
}

// onePath is the route's parameter values; *route.Params in a real app.
type onePath []string

func (p onePath) Value(i int) string { return p[i] }
func (p onePath) Raw(i int) string   { return p[i] }

func Example() {
	show := func(id ByID, p Page) string { return fmt.Sprintf("message %d, limit %d", id.ID, p.Limit) }
	plan, err := bind.Compile(show, bind.Options{Route: "GET /message/{id}", Params: []string{"id"}})
	if err != nil {
		panic(err)
	}
	for _, target := range []string{"/message/7?limit=5", "/message/x?limit=500"} {
		req := viewtest.NewRequest("GET", target, "")
		id := target[len("/message/"):][:1]
		out, err := plan.Call(viewtest.NewResponse(), req, onePath{id}, 0)
		var be *bind.Error
		if errors.As(err, &be) {
			fmt.Println(be.Status, be.Fields)
			continue
		}
		fmt.Println(out)
	}
	// Output:
	// message 7, limit 5
	// 400 [{path id must be a non-negative integer} {query limit must be at most 100}]
}

func ExampleCompile_error() {
	show := func(id ByID) {}
	_, err := bind.Compile(show, bind.Options{Route: "GET /message/{msg}", Params: []string{"msg"}})
	var pe *bind.PlanError
	if errors.As(err, &pe) {
		fmt.Println(pe.Field+":", pe.Msg)
	}
	// Output: ByID.ID: path segment "id" is not in the route; the route has {msg}
}
