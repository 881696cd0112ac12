package bench

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// bindCase is one request of the messages app, valid, with the answer
// every framework must give to it on a new store.
type bindCase struct {
	method, target, body string
	status               int
	answer               string // the body, without an Encoder's trailing newline
	location             string // the Location header, for POST
}

// The binding benchmarks' requests, by endpoint.
var (
	bindGetByID = bindCase{method: "GET", target: "/message/42", status: http.StatusOK,
		answer: `{"contents":"message 42","author":"bob"}`}
	bindPost = bindCase{method: "POST", target: "/message", body: `{"contents":"hello","author":"ann"}`,
		status: http.StatusCreated, answer: "101", location: "/message/101"}
	bindList = bindCase{method: "GET", target: "/message?author=ann&limit=3", status: http.StatusOK,
		answer: `[{"contents":"message 1","author":"ann"},{"contents":"message 3","author":"ann"},{"contents":"message 5","author":"ann"}]`}
)

// benchBind runs, for each framework, the benchmark whose op serves bc
// once through the framework's ServeHTTP.
func benchBind(b *testing.B, bc bindCase) {
	for _, a := range apps {
		b.Run("framework="+a.name, func(b *testing.B) {
			h := a.build(newStore(), newValidator())
			p := prepare(bc.method, bc.target, bc.body)
			w := newNopWriter()
			b.ReportAllocs()
			for b.Loop() {
				p.rewind()
				resetWriter(w)
				h.ServeHTTP(w, p.r)
			}
		})
	}
}

func BenchmarkBindGetByID(b *testing.B) { benchBind(b, bindGetByID) }
func BenchmarkBindPost(b *testing.B)    { benchBind(b, bindPost) }
func BenchmarkBindList(b *testing.B)    { benchBind(b, bindList) }

// TestBindSameAnswers checks that every framework answers each benchmark
// request with the same status and body (and Location for POST), and that
// a prepared request can be served twice, as the benchmarks do.
func TestBindSameAnswers(t *testing.T) {
	for _, a := range apps {
		h := a.build(newStore(), newValidator())
		for _, bc := range []bindCase{bindGetByID, bindPost, bindList} {
			p := prepare(bc.method, bc.target, bc.body)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, p.r)
			got := trimNewline(w.Body.String())
			if w.Code != bc.status || got != bc.answer || w.Header().Get("Location") != bc.location {
				t.Errorf("%s: %s %s = %d %q (Location %q), want %d %q (Location %q)",
					a.name, bc.method, bc.target, w.Code, got, w.Header().Get("Location"), bc.status, bc.answer, bc.location)
			}
			p.rewind()
			w = httptest.NewRecorder()
			h.ServeHTTP(w, p.r)
			if w.Code != bc.status {
				t.Errorf("%s: %s %s served again = %d %q, want %d", a.name, bc.method, bc.target, w.Code, w.Body, bc.status)
			}
		}
	}
}

// TestBindRejects checks that every framework validates the body: a
// message without contents is refused with a 4xx, and nothing is stored.
// (An empty "contents" would not do: Tideway's required means sent.)
func TestBindRejects(t *testing.T) {
	for _, a := range apps {
		s := newStore()
		h := a.build(s, newValidator())
		p := prepare("POST", "/message", `{"author":"ann"}`)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, p.r)
		if w.Code < 400 || w.Code > 499 || s.n != 0 {
			t.Errorf("%s: no contents = %d %q, %d stored; want a 4xx, none stored", a.name, w.Code, w.Body, s.n)
		}
	}
}
