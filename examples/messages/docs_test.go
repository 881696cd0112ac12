package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway/internal/browsertest"
)

// TestDocsInBrowser loads /docs in headless Chromium, from each server, and
// checks that it lists every operation of /openapi.json, that a message
// posted through the page's form comes back 201, and that the page can
// read it back and list it. It skips where Chromium is not installed (see
// scripts/install-chromium).
func TestDocsInBrowser(t *testing.T) {
	s := browsertest.Open(t)
	eachServer(t, NewDatabase, func(t *testing.T, base string) {
		ctx, cancel := context.WithTimeout(context.Background(), 240*time.Second)
		defer cancel()
		err := browsertest.DocsCheck{BaseURL: base}.Run(ctx, s,
			browsertest.Try{Op: "POST /message", Body: `{"contents":"sent from the docs page","author":"ann"}`, Status: 201, Contains: "1"},
			browsertest.Try{Op: "GET /message/{id}", Params: map[string]string{"id": "1"}, Status: 200, Contains: "sent from the docs page"},
			browsertest.Try{Op: "GET /message", Params: map[string]string{"author": "ann", "limit": "5"}, Status: 200, Contains: "sent from the docs page"},
			browsertest.Try{Op: "GET /message/{id}", Params: map[string]string{"id": "2"}, Status: 404, Contains: "not found"},
		)
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestDocsHidden: the reference page is served, and is not an operation of
// the API it documents.
func TestDocsHidden(t *testing.T) {
	eachServer(t, NewDatabase, func(t *testing.T, base string) {
		exchange{method: "GET", path: "/docs", status: 200, bodyHas: `data-spec="/openapi.json"`}.do(t, base)
		exchange{method: "GET", path: "/openapi.json", status: 200, bodyHas: `"/message/{id}"`}.do(t, base)
		doc := get(t, base+"/openapi.json")
		if strings.Contains(doc, `"/docs"`) {
			t.Error("/openapi.json lists /docs")
		}
	})
}

// get returns the body of a GET of url.
func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
