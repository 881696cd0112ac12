package nethttp_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

func ExampleHandler() {
	app := tideway.New(nil)
	app.At("/ping").Get(func() string { return "pong" })

	// Mount the app under /api of an existing mux.
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", nethttp.Handler(app)))

	srv := httptest.NewServer(mux)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/api/ping")
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.StatusCode, string(body))
	// Output: 200 pong
}
