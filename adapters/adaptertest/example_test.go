package adaptertest_test

import (
	"fmt"

	"github.com/tideway-go/tideway/adapters/adaptertest"
	"github.com/tideway-go/tideway/tidewaytest"
)

// The app the table is written against is an ordinary app: any client
// can drive it, here tidewaytest's in-process one.
func ExampleNewApp() {
	app := adaptertest.NewApp()
	for _, target := range []string{"/spec/new", "/spec/old", "/spec/a/b", "/bt/x/z"} {
		res := tidewaytest.Get(app, target)
		fmt.Println(res.Status, res.Text())
	}
	// Output:
	// 200 literal
	// 200 param:old
	// 200 glob:a/b
	// 200 param p=x
}

// Each case says what to send and what every adapter must answer.
func ExampleCases() {
	for _, tc := range adaptertest.Cases() {
		if tc.Name == "method not allowed" {
			fmt.Println(tc.Method, tc.Target, "->", tc.Want.Status, tc.Want.Header["Allow"])
		}
	}
	// Output: DELETE /items/7 -> 405 GET, HEAD, PUT
}
