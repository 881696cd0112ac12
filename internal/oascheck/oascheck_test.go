package oascheck

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	const valid = `{
  "openapi": "3.1.0",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/item/{id}": {
      "get": {
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 0}}],
        "responses": {
          "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
          "3XX": {"description": "redirect", "headers": {"Location": {"schema": {"type": "string"}}}}
        }
      }
    }
  },
  "components": {"schemas": {
    "Item": {"type": "object", "properties": {"next": {"anyOf": [{"$ref": "#/components/schemas/Item"}, {"type": "null"}]}, "tags": {"type": ["array", "null"], "items": {"type": "string"}}}, "required": ["tags"]}
  }}
}`
	for _, tc := range []struct {
		name, doc string
		want      string // a part of the error; "" for none
	}{
		{"valid", valid, ""},
		{"not JSON", `{`, "not JSON"},
		{"no info", `{"openapi": "3.1.0", "paths": {}}`, "document"},
		{"3.0", strings.Replace(valid, `"3.1.0"`, `"3.0.3"`, 1), "document"},
		{"bad location", strings.Replace(valid, `"in": "path"`, `"in": "body"`, 1), "document"},
		{"optional path parameter", strings.Replace(valid, `"required": true`, `"required": false`, 1), "document"},
		{"response without description", strings.Replace(valid, `"description": "OK", `, ``, 1), "document"},
		{"bad status key", strings.Replace(valid, `"3XX"`, `"3xx"`, 1), "document"},
		{"bad type name", strings.Replace(valid, `"type": "integer"`, `"type": "int"`, 1), "parameters/0/schema"},
		{"bad minimum", strings.Replace(valid, `"minimum": 0`, `"minimum": "0"`, 1), "parameters/0/schema"},
		{"required not a list", strings.Replace(valid, `"required": ["tags"]`, `"required": "tags"`, 1), "components/schemas/Item"},
		{"dangling ref", strings.Replace(valid, `"$ref": "#/components/schemas/Item"}}}}`, `"$ref": "#/components/schemas/Gone"}}}}`, 1), "does not compile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate([]byte(tc.doc))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case tc.want != "" && err == nil:
				t.Fatalf("Validate passed; want an error with %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Fatalf("Validate: %v\nwant an error with %q", err, tc.want)
			}
		})
	}
}

func TestContract(t *testing.T) {
	const doc = `{
  "openapi": "3.1.0",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/item/{id}": {"get": {"responses": {
      "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object", "properties": {"n": {"type": "integer", "maximum": 9}}, "required": ["n"]}}}},
      "204": {"description": "No Content"},
      "4XX": {"description": "bad", "content": {"application/problem+json": {"schema": {"type": "object", "required": ["status"]}}}}
    }}},
    "/item/new": {"post": {"responses": {"default": {"description": "any", "content": {"*/*": {}}}}}},
    "/files/{rest}": {"get": {"responses": {"200": {"description": "OK", "content": {"text/plain": {}}}}}}
  }
}`
	c, err := NewContract([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path string
		status       int
		ct, body     string
		want         string // a part of the error; "" for none
	}{
		{"GET", "/item/1", 200, "application/json", `{"n":3}`, ""},
		{"GET", "/item/1", 200, "application/json; charset=utf-8", `{"n":3}`, ""},
		{"GET", "/item/1", 200, "application/json", `{"n":30}`, "does not match"},
		{"GET", "/item/1", 200, "application/json", `{}`, "does not match"},
		{"GET", "/item/1", 200, "application/json", `{`, "not JSON"},
		{"GET", "/item/1", 200, "text/plain", `x`, "documented as"},
		{"GET", "/item/1", 204, "", ``, ""},
		{"GET", "/item/1", 204, "text/plain", `x`, "without a body"},
		{"GET", "/item/1", 404, "application/problem+json", `{"status":404}`, ""},
		{"GET", "/item/1", 404, "application/problem+json", `{}`, "does not match"},
		{"GET", "/item/1", 500, "application/problem+json", `{}`, "not documented"},
		{"POST", "/item/new", 201, "text/csv", `a,b`, ""},
		{"DELETE", "/item/1", 200, "", ``, "no documented operation"},
		{"GET", "/files/a/b/c", 200, "text/plain", `abc`, ""},
		{"GET", "/nothing", 200, "", ``, "no documented path"},
	} {
		err := c.Check(tc.method, tc.path, tc.status, tc.ct, []byte(tc.body))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s %s %d: %v", tc.method, tc.path, tc.status, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s %s %d: %v; want an error with %q", tc.method, tc.path, tc.status, err, tc.want)
		}
	}
}
