package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tideway-go/tideway"
	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
	"github.com/tideway-go/tideway/adapters/nethttp"
)

// servers serve an app over a loopback socket, one way per -server value,
// and return its base URL; every test runs against each.
var servers = map[string]func(t *testing.T, app *tideway.App) string{
	"nethttp": func(t *testing.T, app *tideway.App) string {
		srv := httptest.NewServer(nethttp.Handler(app))
		t.Cleanup(srv.Close)
		return srv.URL
	},
	"fasthttp": func(t *testing.T, app *tideway.App) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := tfasthttp.NewServer(app) // ListenAndServe's server
		go srv.Serve(ln)
		t.Cleanup(func() { srv.Shutdown() })
		return "http://" + ln.Addr().String()
	},
}

// eachServer runs test against a fresh app on every server.
func eachServer(t *testing.T, db func() *Database, test func(t *testing.T, base string)) {
	for name, serve := range servers {
		t.Run(name, func(t *testing.T) { test(t, serve(t, newApp(db()))) })
	}
}

type exchange struct {
	method, path, contentType, body string
	status                          int
	bodyIs                          string // exact body, when set
	bodyHas                         string // a part of the body, when set
	header                          [2]string
}

func (x exchange) do(t *testing.T, base string) {
	t.Helper()
	var body io.Reader
	if x.body != "" {
		body = strings.NewReader(x.body)
	}
	req, err := http.NewRequest(x.method, base+x.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if x.contentType != "" {
		req.Header.Set("Content-Type", x.contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	got := string(b)
	if res.StatusCode != x.status || x.bodyIs != "" && strings.TrimSpace(got) != x.bodyIs || !strings.Contains(got, x.bodyHas) ||
		x.header[0] != "" && res.Header.Get(x.header[0]) != x.header[1] {
		t.Errorf("%s %s: %d %q %v\nwant %d, body %q / containing %q, header %v", x.method, x.path, res.StatusCode, got, res.Header, x.status, x.bodyIs, x.bodyHas, x.header)
	}
}

func TestMessages(t *testing.T) {
	eachServer(t, NewDatabase, testMessages)
}

func testMessages(t *testing.T, base string) {
	const js = "application/json"
	problem := [2]string{"Content-Type", "application/problem+json"}
	for _, x := range []exchange{
		{method: "POST", path: "/message", contentType: js, body: `{"contents":"first","author":"ann"}`, status: 201, bodyIs: "1", header: [2]string{"Location", "/message/1"}},
		{method: "POST", path: "/message", contentType: js, body: `{"contents":"second"}`, status: 201, bodyIs: "2", header: [2]string{"Location", "/message/2"}},
		{method: "POST", path: "/message", contentType: "application/json; charset=utf-8", body: `{"contents":"third","author":"ann"}`, status: 201, bodyIs: "3"},
		{method: "GET", path: "/message/1", status: 200, bodyIs: `{"contents":"first","author":"ann"}`, header: [2]string{"Content-Type", js}},
		{method: "GET", path: "/message/2", status: 200, bodyIs: `{"contents":"second"}`},
		{method: "GET", path: "/message/99", status: 404, bodyHas: `"status":404`, header: problem},
		{method: "PUT", path: "/message/2", contentType: js, body: `{"contents":"edited","author":"bob"}`, status: 204, bodyIs: ""},
		{method: "GET", path: "/message/2", status: 200, bodyIs: `{"contents":"edited","author":"bob"}`},
		{method: "PUT", path: "/message/99", contentType: js, body: `{"contents":"x"}`, status: 404, header: problem},
		{method: "GET", path: "/message", status: 200, bodyIs: `[{"contents":"first","author":"ann"},{"contents":"edited","author":"bob"},{"contents":"third","author":"ann"}]`},
		{method: "GET", path: "/message?author=ann", status: 200, bodyIs: `[{"contents":"first","author":"ann"},{"contents":"third","author":"ann"}]`},
		{method: "GET", path: "/message?author=ann&limit=1", status: 200, bodyIs: `[{"contents":"first","author":"ann"}]`},
		{method: "GET", path: "/message?author=nobody", status: 200, bodyIs: `[]`},
		{method: "GET", path: "/message?limit=0", status: 422, bodyHas: `{"location":"query","field":"limit","reason":"must be at least 1"}`, header: problem},
		{method: "GET", path: "/message?limit=101", status: 422, bodyHas: `"field":"limit","reason":"must be at most 100"`},
		{method: "GET", path: "/message?limit=ten", status: 400, bodyHas: `"field":"limit"`},
		{method: "GET", path: "/message/abc", status: 400, bodyHas: `{"location":"path","field":"id","reason":"must be a non-negative integer"}`, header: problem},
		{method: "GET", path: "/message/18446744073709551616", status: 400, bodyHas: `{"location":"path","field":"id","reason":"out of range for a 64-bit unsigned integer"}`},
		{method: "POST", path: "/message", contentType: js, body: `{"contents":`, status: 400, bodyHas: `"location":"body"`, header: problem},
		{method: "POST", path: "/message", contentType: js, body: `not json`, status: 400, bodyHas: `"location":"body"`},
		{method: "POST", path: "/message", contentType: "text/plain", body: `{"contents":"x"}`, status: 415, header: problem},
		{method: "POST", path: "/message", body: `{"contents":"x"}`, status: 415},
		{method: "PUT", path: "/message/1", contentType: "text/plain", body: `{"contents":"x"}`, status: 415},
		{method: "POST", path: "/message", contentType: js, body: `{"author":"x"}`, status: 422, bodyHas: `{"location":"body","field":"contents","reason":"is required"}`},
		{method: "POST", path: "/message", contentType: js, body: `{"contents":"` + strings.Repeat("x", 1001) + `"}`, status: 422, bodyHas: `"field":"contents","reason":"must be at most 1000 characters"`},
		{method: "POST", path: "/message", contentType: js, body: `{"contents":"` + strings.Repeat("x", 2<<20) + `"}`, status: 413, header: problem},
		{method: "DELETE", path: "/message/1", status: 405, header: [2]string{"Allow", "GET, HEAD, PUT"}},
	} {
		x.do(t, base)
	}
}

// TestOversizedChunkedBody sends a body with no Content-Length: the server
// must stop reading at the limit and answer 413.
func TestOversizedChunkedBody(t *testing.T) {
	eachServer(t, NewDatabase, testOversizedChunkedBody)
}

func testOversizedChunkedBody(t *testing.T, base string) {
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(`{"contents":"`))
		chunk := []byte(strings.Repeat("x", 64<<10))
		for i := 0; i < 64; i++ { // 4 MiB, more than the 1 MiB limit
			if _, err := pw.Write(chunk); err != nil {
				return
			}
		}
		pw.Write([]byte(`"}`))
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", base+"/message", pr)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var p struct{ Status int }
	if err := json.NewDecoder(res.Body).Decode(&p); err != nil || res.StatusCode != 413 || p.Status != 413 {
		t.Errorf("got %d %+v %v", res.StatusCode, p, err)
	}
	pr.Close()
}

func TestListDefaultLimit(t *testing.T) {
	eachServer(t, func() *Database {
		db := NewDatabase()
		for i := 0; i < 30; i++ {
			db.Insert(Message{Contents: "m"})
		}
		return db
	}, testListDefaultLimit)
}

func testListDefaultLimit(t *testing.T, base string) {
	res, err := http.Get(base + "/message")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var list []Message
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil || len(list) != 20 {
		t.Errorf("got %d messages, %v; want 20", len(list), err)
	}
}

func TestUnknownServer(t *testing.T) {
	if err := listenAndServe("gin", ":0", newApp(NewDatabase())); err == nil || !strings.Contains(err.Error(), "nethttp or fasthttp") {
		t.Errorf("listenAndServe(gin) = %v", err)
	}
}
