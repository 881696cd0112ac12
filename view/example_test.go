package view_test

import (
	"fmt"

	"github.com/tideway-go/tideway/view"
)

func ExampleFieldError() {
	e := view.FieldError{Location: "query", Field: "limit", Reason: "must be at most 100"}
	fmt.Println(e.Key()+":", e.Reason)
	// Output: query.limit: must be at most 100
}
