package tidewaytest_test

import (
	"fmt"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/tidewaytest"
)

func Example() {
	app := tideway.New(nil)
	app.At("/plaintext").Get(func() string { return "Hello, World!" })

	res := tidewaytest.Get(app, "/plaintext")
	fmt.Println(res.Status, res.Header.Get("Content-Type"), res.Text())

	res = tidewaytest.Get(app, "/missing")
	p, _ := res.Problem()
	fmt.Println(p.Status, p.Detail)
	// Output:
	// 200 text/plain; charset=utf-8 Hello, World!
	// 404 no route matches the path
}
