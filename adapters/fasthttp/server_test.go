package fasthttp_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
)

func httpGet(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

// cors is fasthttp middleware of the kind the fasthttp ecosystem offers.
func cors(next fasthttp.RequestHandler) fasthttp.RequestHandler {
	return func(rc *fasthttp.RequestCtx) {
		rc.Response.Header.Set("Access-Control-Allow-Origin", "https://app.example")
		next(rc)
	}
}

func TestListenAndServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	var configured bool
	go func() {
		done <- tfasthttp.ListenAndServe("127.0.0.1:0", newApp(),
			tfasthttp.WithContext(ctx),
			tfasthttp.WithReady(func(a net.Addr) { ready <- a }),
			tfasthttp.WithMiddleware(cors),
			tfasthttp.WithShutdownTimeout(5*time.Second),
			tfasthttp.WithServer(func(s *fasthttp.Server) {
				configured = s.ReadTimeout == tfasthttp.DefaultReadTimeout &&
					s.ReadBufferSize == tfasthttp.DefaultReadBufferSize &&
					s.MaxRequestBodySize == tfasthttp.DefaultMaxRequestBodySize &&
					s.StreamRequestBody && s.DisablePreParseMultipartForm && s.ErrorHandler != nil
			}))
	}()
	base := "http://" + (<-ready).String()
	if !configured {
		t.Error("server defaults not set before WithServer")
	}
	if status, body, h := httpGet(t, base+"/items/1"); status != 200 || body != "item 1" || h.Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("GET = %d %q %v", status, body, h)
	}
	// A request in flight when shutdown starts still completes.
	slow := make(chan string, 1)
	go func() {
		_, body, _ := httpGet(t, base+"/slow")
		slow <- body
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if body := <-slow; body != "done" {
		t.Errorf("in-flight request got %q", body)
	}
	if err := <-done; err != nil {
		t.Errorf("ListenAndServe = %v", err)
	}
	if _, err := http.Get(base + "/items/1"); err == nil {
		t.Error("server still accepts requests after shutdown")
	}
}

func TestListenAndServeBadAddr(t *testing.T) {
	if err := tfasthttp.ListenAndServe("256.0.0.1:bad", newApp()); err == nil {
		t.Error("no error for a bad address")
	}
}

// TestServerBodyLimit checks that a body over the server's own
// MaxRequestBodySize is 413, whether the server streams bodies (the
// adapter checks the declared length) or reads them (ErrorHandler).
func TestServerBodyLimit(t *testing.T) {
	small := func(s *fasthttp.Server) { s.MaxRequestBodySize = 1000 }
	reading := func(s *fasthttp.Server) { s.MaxRequestBodySize = 1000; s.StreamRequestBody = false }
	big := `{"name":"` + strings.Repeat("x", 2000) + `"}`
	for name, fn := range map[string]func(*fasthttp.Server){"streaming": small, "reading": reading} {
		addr := serveTCP(t, newApp(), tfasthttp.WithServer(fn))
		dial := func() (net.Conn, error) { return net.Dial("tcp", addr) }
		for _, tc := range []struct {
			raw    string
			status int
			body   string
		}{
			{post("/items", "application/json", big), 413, "413 Request Entity Too Large"},
			{post("/items", "application/json", `{"name":"pen"}`), 201, "pen"},
		} {
			got := exchange(t, dial, tc.raw, nil)
			if got.status != tc.status || got.body != tc.body {
				t.Errorf("%s: %d %q, want %d %q", name, got.status, got.body, tc.status, tc.body)
			}
		}
	}
}

func TestHeadersTooLarge(t *testing.T) {
	addr := serveTCP(t, newApp(), tfasthttp.WithServer(func(s *fasthttp.Server) { s.ReadBufferSize = 4096 }))
	raw := "GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("b", 8000) + "\r\n\r\n"
	got := exchange(t, func() (net.Conn, error) { return net.Dial("tcp", addr) }, raw, nil)
	if got.status != 431 || got.body != "431 Request Header Fields Too Large" {
		t.Errorf("got %d %q", got.status, got.body)
	}
}

// TestExpectContinue checks "Expect: 100-continue": a body within the
// limit is invited with a 100 and served; one declared over it is
// refused 413 at once, with no 100 first, so the client never sends it.
func TestExpectContinue(t *testing.T) {
	addr := serveTCP(t, newApp(), tfasthttp.WithServer(func(s *fasthttp.Server) { s.MaxRequestBodySize = 1000 }))
	for _, tc := range []struct {
		name        string
		body        string
		continue100 bool
		status      int
		reply       string
	}{
		{"within the limit", `{"name":"pen"}`, true, 201, "pen"},
		{"over the limit", `{"name":"` + strings.Repeat("x", 2000) + `"}`, false, 413, "413 Request Entity Too Large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(5 * time.Second))
			fmt.Fprintf(c, "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", len(tc.body))
			br := bufio.NewReader(c)
			res, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.StatusCode == http.StatusContinue; got != tc.continue100 {
				t.Fatalf("first response %d, want a 100: %v", res.StatusCode, tc.continue100)
			}
			if tc.continue100 {
				io.WriteString(c, tc.body)
				if res, err = http.ReadResponse(br, nil); err != nil {
					t.Fatal(err)
				}
			}
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status || string(body) != tc.reply {
				t.Errorf("got %d %q, want %d %q", res.StatusCode, body, tc.status, tc.reply)
			}
		})
	}
}
