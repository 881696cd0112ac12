package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"

	"github.com/tideway-go/tideway/adapters/nethttp"
	"github.com/tideway-go/tideway/respond"
)

func TestErrors(t *testing.T) {
	srv := httptest.NewServer(nethttp.Handler(newApp()))
	defer srv.Close()
	tests := []struct {
		path   string
		status int
		want   map[string]any // fields of the JSON body
	}{
		{"/parse/42", 200, map[string]any{"n": 42.0, "double": 84.0}},
		{"/error", 400, map[string]any{
			"type": "https://example.com/problems/not-a-number", "title": "Not a number", "status": 400.0,
			"detail": `"Hello, world" is not a number`, "instance": "/error", "errors": nil}},
		{"/parse/abc", 400, map[string]any{
			"type": "https://example.com/problems/not-a-number", "detail": `"abc" is not a number`, "instance": "/parse/abc",
			"errors": []any{map[string]any{"location": "path", "field": "n", "reason": "must be a whole number"}}}},
		{"/parse/-1", 400, map[string]any{"detail": `"-1" is not a number`}},
		{"/parse/5000", 422, map[string]any{
			"type": "about:blank", "title": "Unprocessable Content", "status": 422.0, "detail": "5000 is more than 1000", "instance": nil}},
		{"/typed/21", 200, map[string]any{"n": 21.0, "double": 42.0}},
		{"/typed/abc", 400, map[string]any{
			"type": "about:blank", "status": 400.0,
			"errors": []any{map[string]any{"location": "path", "field": "n", "reason": "must be a non-negative integer"}}}},
	}
	for _, tt := range tests {
		res, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		var body map[string]any
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatalf("%s: %q: %v", tt.path, b, err)
		}
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.path, res.StatusCode, tt.status, b)
		}
		if wantType := "application/problem+json"; tt.status >= 400 && res.Header.Get("Content-Type") != wantType {
			t.Errorf("%s: Content-Type %q", tt.path, res.Header.Get("Content-Type"))
		}
		for k, want := range tt.want {
			if got := body[k]; !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s = %#v, want %#v", tt.path, k, got, want)
			}
		}
	}
}

func TestParseErrorUnwraps(t *testing.T) {
	_, err := parse(Raw{N: "x"})
	var pe *ParseError
	var rs respond.Responder
	if !errors.As(err, &pe) || !errors.Is(err, strconv.ErrSyntax) || !errors.As(err, &rs) {
		t.Errorf("parse error %v: want a *ParseError wrapping strconv.ErrSyntax, a Responder", err)
	}
}
