package bench

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

// mountItem is a typed handler's parameter, to check binding under a
// prefix as well as Call.Param.
type mountItem struct {
	ID uint64 `path:"id"`
}

// TestMountUnderChi mounts a Tideway app under a chi router at /api and
// checks that the app sees its own patterns and parameters, with the
// prefix gone, and answers its own 404 and 405 under it.
func TestMountUnderChi(t *testing.T) {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/users/{name}/repos").Get(func(c *tideway.Call) error {
		_, err := c.Response.Write([]byte(c.Pattern() + " name=" + c.Param("name")))
		return err
	})
	app.At("/items/{id}").Get(func(p mountItem) uint64 { return p.ID })
	r := chi.NewRouter()
	r.Get("/health", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("chi ok")) })
	r.Mount("/api", http.StripPrefix("/api", nethttp.Handler(app)))

	for _, tc := range []struct {
		method, target string
		status         int
		body, allow    string
	}{
		{"GET", "/api/users/ann/repos", 200, "/users/{name}/repos name=ann", ""},
		{"GET", "/api/users/a%2Fb/repos", 200, "/users/{name}/repos name=a/b", ""},
		{"GET", "/api/users/caf%C3%A9/repos", 200, "/users/{name}/repos name=café", ""},
		{"GET", "/api/items/42", 200, "42", ""},
		{"GET", "/api/items/x", 400, "", ""},
		{"GET", "/api/nowhere", 404, "", ""},
		{"POST", "/api/users/ann/repos", 405, "", "GET, HEAD"},
		{"GET", "/users/ann/repos", 404, "", ""}, // not under the prefix: chi's 404
		{"GET", "/health", 200, "chi ok", ""},
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tc.method, tc.target, nil))
		if w.Code != tc.status || tc.body != "" && w.Body.String() != tc.body || w.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s = %d %q (Allow %q), want %d %q (Allow %q)",
				tc.method, tc.target, w.Code, w.Body, w.Header().Get("Allow"), tc.status, tc.body, tc.allow)
		}
	}
	// The 404 under the prefix is the app's problem, not chi's text.
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("GET", "/api/nowhere", nil))
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("GET /api/nowhere: Content-Type %q, want the app's application/problem+json", ct)
	}
}
