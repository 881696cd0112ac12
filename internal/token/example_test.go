package token_test

import (
	"fmt"

	"github.com/tideway-go/tideway/internal/token"
)

func ExampleValid() {
	fmt.Println(token.Valid("PATCH"), token.Valid("session id"))
	// Output: true false
}
