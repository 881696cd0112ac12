// Package oascheck validates OpenAPI 3.1 documents against the OpenAPI
// Initiative's own JSON Schemas, offline, for tests: the document schema,
// and the Schema Object dialect for every schema in the document. The
// schemas are embedded from testdata (see testdata/README.md for where
// they come from and their license).
package oascheck

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed testdata/*.json
var files embed.FS

// The $id of each embedded schema.
const (
	documentID = "https://spec.openapis.org/oas/3.1/schema/2022-02-27"
	dialectID  = "https://spec.openapis.org/oas/3.1/dialect/base"
	metaID     = "https://spec.openapis.org/oas/3.1/meta/base"
	// docURL is where the document under test is put, so that its
	// schemas can be compiled with their $refs resolved.
	docURL = "https://oascheck.invalid/openapi.json"
)

// Validate checks the OpenAPI 3.1 document doc, as JSON:
//
//  1. against the OpenAPI 3.1 document schema;
//  2. every Schema Object in it (components, parameters, headers, request
//     and response bodies) against the OpenAPI 3.1 Schema Object dialect
//     (JSON Schema 2020-12 with the OpenAPI vocabulary);
//  3. every such schema compiles, so each $ref in it resolves.
//
// The error lists every failure, each with its location in doc.
func Validate(doc []byte) error {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for file, id := range map[string]string{
		"testdata/schema.json":              documentID,
		"testdata/dialect-base.schema.json": dialectID,
		"testdata/meta-base.schema.json":    metaID,
	} {
		b, err := files.ReadFile(file)
		if err != nil {
			return err
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("oascheck: %s: %w", file, err)
		}
		if err := c.AddResource(id, v); err != nil {
			return err
		}
	}
	docSchema, err := c.Compile(documentID)
	if err != nil {
		return fmt.Errorf("oascheck: compile the document schema: %w", err)
	}
	dialect, err := c.Compile(dialectID)
	if err != nil {
		return fmt.Errorf("oascheck: compile the dialect: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("oascheck: the document is not JSON: %w", err)
	}
	var errs []error
	if err := docSchema.Validate(inst); err != nil {
		errs = append(errs, fmt.Errorf("document: %w", err))
	}
	schemas := map[string]any{} // JSON pointer -> Schema Object
	collect(inst, "", schemas)
	// The schemas are compiled as parts of the document, which needs its
	// own compiler: the document is not itself a schema of the dialect.
	var plain any
	if err := json.Unmarshal(doc, &plain); err != nil {
		return err
	}
	rc := jsonschema.NewCompiler()
	for _, id := range []string{dialectID, metaID} {
		b, _ := files.ReadFile(map[string]string{dialectID: "testdata/dialect-base.schema.json", metaID: "testdata/meta-base.schema.json"}[id])
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err := rc.AddResource(id, v); err != nil {
			return err
		}
	}
	if err := rc.AddResource(docURL, asSchemaDocument(plain)); err != nil {
		return err
	}
	for _, ptr := range slices.Sorted(maps.Keys(schemas)) {
		if err := dialect.Validate(schemas[ptr]); err != nil {
			errs = append(errs, fmt.Errorf("schema at %s: %w", ptr, err))
			continue
		}
		if _, err := rc.Compile(docURL + "#" + (&url.URL{Fragment: ptr}).EscapedFragment()); err != nil {
			errs = append(errs, fmt.Errorf("schema at %s does not compile: %w", ptr, err))
		}
	}
	return errors.Join(errs...)
}

// asSchemaDocument returns the document with the $schema of the OpenAPI
// dialect, so that compiling its schemas uses that dialect.
func asSchemaDocument(doc any) any {
	if m, ok := doc.(map[string]any); ok {
		m["$schema"] = dialectID
	}
	return doc
}

// collect finds the Schema Objects of an OpenAPI document v, at JSON
// pointer at, and adds them to out by pointer.
func collect(v any, at string, out map[string]any) {
	m, ok := v.(map[string]any)
	if !ok {
		if list, ok := v.([]any); ok {
			for i, e := range list {
				collect(e, fmt.Sprintf("%s/%d", at, i), out)
			}
		}
		return
	}
	for k, e := range m {
		p := at + "/" + escape(k)
		switch {
		case k == "schema" && !strings.HasPrefix(at, "/components/schemas"):
			out[p] = e
		case at == "/components/schemas":
			out[p] = e
		default:
			collect(e, p, out)
		}
	}
}

// escape escapes a key for a JSON pointer.
func escape(k string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
}

// Contract checks responses against the responses an OpenAPI 3.1
// document promises: the status must be documented for the operation
// (exactly, by its class such as "3XX", or as "default"), the media type
// must be one documented for it, and a JSON body must match its schema.
type Contract struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	routes   []contractRoute
}

// contractRoute matches request paths to a key of paths.
type contractRoute struct {
	path string         // the key in paths, such as "/message/{id}"
	re   *regexp.Regexp // each {name} matches one segment
	glob *regexp.Regexp // the last {name} matches the rest of the path
}

// NewContract loads a document, which should have passed Validate.
func NewContract(doc []byte) (*Contract, error) {
	var plain map[string]any
	if err := json.Unmarshal(doc, &plain); err != nil {
		return nil, err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	c := &Contract{doc: plain, compiler: jsonschema.NewCompiler()}
	for _, id := range []string{dialectID, metaID} {
		b, _ := files.ReadFile(map[string]string{dialectID: "testdata/dialect-base.schema.json", metaID: "testdata/meta-base.schema.json"}[id])
		s, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err := c.compiler.AddResource(id, s); err != nil {
			return nil, err
		}
	}
	if err := c.compiler.AddResource(docURL, asSchemaDocument(v)); err != nil {
		return nil, err
	}
	paths, _ := plain["paths"].(map[string]any)
	keys := slices.Sorted(maps.Keys(paths))
	// Fewer parameters first: a literal segment beats a parameter.
	slices.SortStableFunc(keys, func(a, b string) int { return strings.Count(a, "{") - strings.Count(b, "{") })
	for _, p := range keys {
		quoted := regexp.QuoteMeta(p)
		param := regexp.MustCompile(`\\\{[^/]*\\\}`)
		r := contractRoute{path: p, re: regexp.MustCompile("^" + param.ReplaceAllString(quoted, `[^/]+`) + "$")}
		if loc := param.FindAllStringIndex(quoted, -1); len(loc) > 0 && loc[len(loc)-1][1] == len(quoted) {
			last := loc[len(loc)-1][0]
			r.glob = regexp.MustCompile("^" + param.ReplaceAllString(quoted[:last], `[^/]+`) + ".*$")
		}
		c.routes = append(c.routes, r)
	}
	return c, nil
}

// Check checks one response to a request for method and path (without
// the query).
func (c *Contract) Check(method, path string, status int, contentType string, body []byte) error {
	for _, r := range c.routes {
		if r.re.MatchString(path) {
			return c.check(r, method, path, status, contentType, body)
		}
	}
	// A path parameter at the end may be a glob.
	for _, r := range c.routes {
		if r.glob != nil && r.glob.MatchString(path) {
			return c.check(r, method, path, status, contentType, body)
		}
	}
	return fmt.Errorf("%s %s: no documented path", method, path)
}

func (c *Contract) check(r contractRoute, method, path string, status int, contentType string, body []byte) error {
	item := c.doc["paths"].(map[string]any)[r.path].(map[string]any)
	op, ok := item[strings.ToLower(method)].(map[string]any)
	if !ok {
		return fmt.Errorf("%s %s: no documented operation", method, r.path)
	}
	responses := op["responses"].(map[string]any)
	code := strconv.Itoa(status)
	key := code
	if _, ok := responses[key]; !ok {
		key = code[:1] + "XX"
	}
	if _, ok := responses[key]; !ok {
		key = "default"
	}
	res, ok := responses[key].(map[string]any)
	if !ok {
		return fmt.Errorf("%s %s: status %d is not documented", method, r.path, status)
	}
	content, _ := res["content"].(map[string]any)
	if len(content) == 0 {
		if len(body) > 0 {
			return fmt.Errorf("%s %s: status %d is documented without a body, got %q", method, r.path, status, body)
		}
		return nil
	}
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.TrimSpace(mt)
	media := mt
	if _, ok := content[media]; !ok {
		media = "*/*"
	}
	if _, ok := content[media]; !ok {
		return fmt.Errorf("%s %s: status %d is documented as %v, not %q", method, r.path, status, slices.Sorted(maps.Keys(content)), mt)
	}
	if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return nil
	}
	ptr := "/paths/" + escape(r.path) + "/" + strings.ToLower(method) + "/responses/" + escape(key) + "/content/" + escape(media) + "/schema"
	sch, err := c.compiler.Compile(docURL + "#" + (&url.URL{Fragment: ptr}).EscapedFragment())
	if err != nil {
		return fmt.Errorf("%s %s: status %d: %w", method, r.path, status, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s %s: status %d: the body is not JSON: %w", method, r.path, status, err)
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("%s %s: status %d: the body does not match its schema: %w", method, r.path, status, err)
	}
	return nil
}
