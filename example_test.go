package tideway_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
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
