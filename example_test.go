package tideway_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/tidewaytest"
)

type Greeting struct {
	Text string `json:"text" validate:"required,max=20"`
}

type ByName struct {
	Name string `path:"name"`
}

type Options struct {
	Shout bool `query:"shout"`
}

func greet(who ByName, o Options) string {
	s := "hello, " + who.Name
	if o.Shout {
		s = strings.ToUpper(s)
	}
	return s
}

func post(g Greeting) respond.Created[string] {
	return respond.Created[string]{Location: "/greetings/1", Value: g.Text}
}

func Example() {
	app := tideway.New(nil)
	app.At("/hello/{name}").Get(greet)
	app.At("/greetings").Post(post)

	srv := httptest.NewServer(nethttp.Handler(app))
	defer srv.Close()

	show := func(res *http.Response, err error) {
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		fmt.Println(res.StatusCode, strings.TrimSpace(string(body)))
	}
	show(http.Get(srv.URL + "/hello/gopher?shout=true"))
	show(http.Post(srv.URL+"/greetings", "application/json", strings.NewReader(`{"text":"hi"}`)))
	show(http.Post(srv.URL+"/greetings", "application/json", strings.NewReader(`{}`)))
	show(http.Get(srv.URL + "/hello/gopher?loud=1"))
	// Output:
	// 200 HELLO, GOPHER
	// 201 hi
	// 422 {"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"bad request: validation failed: body.text: is required","errors":[{"location":"body","field":"text","reason":"is required"}]}
	// 400 {"type":"about:blank","title":"Bad Request","status":400,"detail":"bad request: query.loud: unknown parameter","errors":[{"location":"query","field":"loud","reason":"unknown parameter"}]}
}

type Users struct {
	Names map[string]string // id -> name
}

type UsersState struct {
	Users *Users `state:""`
}

type UserID struct {
	ID string `path:"id"`
}

func getUser(ctx context.Context, s UsersState, id UserID) (string, error) {
	name, ok := s.Users.Names[id.ID]
	if !ok {
		return "", respond.ErrNotFound
	}
	return name, nil
}

// Typed3 wraps a handler of three parameters (a context.Context counts)
// so that Tideway calls it directly rather than through reflection. It is
// bound, checked at registration and answered exactly as getUser itself.
func ExampleTyped3() {
	app := tideway.New(&Users{Names: map[string]string{"1": "ann"}})
	app.At("/users/{id}").Get(tideway.Typed3(getUser))

	for _, path := range []string{"/users/1", "/users/2"} {
		res := tidewaytest.Get(app, path)
		fmt.Println(res.Status, res.Text())
	}
	// Output:
	// 200 ann
	// 404 {"type":"about:blank","title":"Not Found","status":404,"detail":"not found"}
}
