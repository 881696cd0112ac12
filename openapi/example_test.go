package openapi_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"

	"github.com/tideway-go/tideway/bind"
	"github.com/tideway-go/tideway/openapi"
	"github.com/tideway-go/tideway/route"
)

type Message struct {
	Contents string  `json:"contents" validate:"required,min=1,max=1000"`
	Author   *string `json:"author,omitempty"`
}

type ByID struct {
	ID uint64 `path:"id"`
}

func getMessage(id ByID) (Message, error) { return Message{}, nil }

// Build documents endpoints from their binding plans; tideway.App.OpenAPI
// does this for every route of an app.
func Example() {
	pattern := route.MustParse("/message/{id}")
	plan, err := bind.Compile(getMessage, bind.Options{Route: "GET /message/{id}", Params: pattern.Params()})
	if err != nil {
		panic(err)
	}
	d := plan.Describe()
	doc := openapi.Build(openapi.Info{Title: "Messages", Version: "1.0.0"}, []openapi.Endpoint{
		{Method: "GET", Pattern: pattern, Plan: &d, Doc: openapi.Doc{Summary: "Get a message"}},
	})
	op := doc.Paths["/message/{id}"].Get
	fmt.Println(op.OperationID, "-", op.Summary)
	for _, p := range op.Parameters {
		fmt.Println(p.In, p.Name, p.Schema.Type)
	}
	for _, code := range []string{"200", "400", "404"} {
		for mt, m := range op.Responses[code].Content {
			fmt.Println(code, mt, m.Schema.Ref)
		}
	}
	// Output:
	// getMessage - Get a message
	// path id [integer]
	// 200 application/json #/components/schemas/Message
	// 400 application/problem+json #/components/schemas/Problem
	// 404 application/problem+json #/components/schemas/Problem
}

// A Generator gives the JSON Schema of a Go type as encoding/json reads
// and writes it, with validate tags mapped to keywords.
func ExampleGenerator() {
	g := openapi.NewGenerator()
	s := g.Schema(reflect.TypeFor[[]Message]())
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(map[string]any{"schema": s, "components": g.Components()})
	// Output:
	// {
	//   "components": {
	//     "Message": {
	//       "type": "object",
	//       "properties": {
	//         "author": {
	//           "type": [
	//             "string",
	//             "null"
	//           ]
	//         },
	//         "contents": {
	//           "type": "string",
	//           "minLength": 1,
	//           "maxLength": 1000
	//         }
	//       },
	//       "required": [
	//         "contents"
	//       ]
	//     }
	//   },
	//   "schema": {
	//     "type": "array",
	//     "items": {
	//       "$ref": "#/components/schemas/Message"
	//     }
	//   }
	// }
}

// Level describes its own schema: its values are a closed set.
type Level int

func (Level) OpenAPISchema(*openapi.Generator) *openapi.Schema {
	return &openapi.Schema{Type: openapi.Types{"integer"}, Enum: []any{1, 2, 3}}
}

func ExampleSchemaDescriber() {
	s := openapi.NewGenerator().Schema(reflect.TypeFor[*Level]())
	b, _ := json.Marshal(s)
	fmt.Println(string(b))
	// Output: {"type":["integer","null"],"enum":[1,2,3,null]}
}
