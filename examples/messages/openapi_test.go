package main

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/internal/oascheck"
)

var update = flag.Bool("update", false, "rewrite testdata/openapi.golden.json")

// golden is the document the app serves at /openapi.json.
const golden = "testdata/openapi.golden.json"

// TestOpenAPIGolden fetches /openapi.json from each server and compares
// it with the golden file; go test -run TestOpenAPIGolden -update rewrites
// the file.
func TestOpenAPIGolden(t *testing.T) {
	eachServer(t, NewDatabase, func(t *testing.T, base string) {
		res, err := http.Get(base + "/openapi.json")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		got, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("GET /openapi.json: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("GET /openapi.json differs from %s; if the change is right, run go test -run TestOpenAPIGolden -update\ngot:\n%s", golden, got)
		}
	})
}

// TestOpenAPIValid checks the document against the official OpenAPI 3.1
// schemas.
func TestOpenAPIValid(t *testing.T) {
	doc := document(t)
	if err := oascheck.Validate(doc); err != nil {
		t.Fatal(err)
	}
}

func document(t *testing.T) []byte {
	t.Helper()
	doc, err := newApp(NewDatabase()).OpenAPI(apiInfo).JSON()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestOpenAPIContract runs the messages test table through a recorder and
// checks every answer against the document: each status must be
// documented for its operation, with its media type and, for JSON, a body
// that matches the schema. Only 405, which no operation documents, is
// left out.
func TestOpenAPIContract(t *testing.T) {
	contract, err := oascheck.NewContract(document(t))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []string
	app := nethttp.Handler(newApp(NewDatabase()))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, r)
		res := rec.Result()
		body := rec.Body.Bytes()
		if res.StatusCode != http.StatusMethodNotAllowed {
			if err := contract.Check(r.Method, r.URL.Path, res.StatusCode, res.Header.Get("Content-Type"), body); err != nil {
				t.Error(err)
			}
			mu.Lock()
			seen = append(seen, r.Method+" "+r.URL.Path+" "+res.Status)
			mu.Unlock()
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		w.Write(body)
	}))
	defer srv.Close()
	testMessages(t, srv.URL)
	if len(seen) < 20 {
		t.Errorf("only %d exchanges were checked: %s", len(seen), strings.Join(seen, "; "))
	}
}
