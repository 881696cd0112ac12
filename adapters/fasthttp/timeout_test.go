package fasthttp_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	tfasthttp "github.com/tideway-go/tideway/adapters/fasthttp"
)

// TestReadHeaderTimeoutSettings checks how WithReadHeaderTimeout turns
// fasthttp's single ReadTimeout into a header timeout and a body timeout.
func TestReadHeaderTimeoutSettings(t *testing.T) {
	own := func(*fasthttp.RequestHeader) fasthttp.RequestConfig {
		return fasthttp.RequestConfig{ReadTimeout: time.Hour}
	}
	for _, tc := range []struct {
		name       string
		opts       []tfasthttp.Option
		read, idle time.Duration // the server's, after the options
		body       time.Duration // what HeaderReceived gives the body; 0: no callback
	}{
		{"defaults", nil, tfasthttp.DefaultReadHeaderTimeout, tfasthttp.DefaultIdleTimeout, tfasthttp.DefaultReadTimeout},
		{"short header timeout", []tfasthttp.Option{tfasthttp.WithReadHeaderTimeout(2 * time.Second)},
			2 * time.Second, tfasthttp.DefaultIdleTimeout, tfasthttp.DefaultReadTimeout},
		{"no header timeout", []tfasthttp.Option{tfasthttp.WithReadHeaderTimeout(0)},
			tfasthttp.DefaultReadTimeout, tfasthttp.DefaultIdleTimeout, 0},
		{"read timeout within the header timeout", []tfasthttp.Option{tfasthttp.WithServer(func(s *fasthttp.Server) { s.ReadTimeout = 5 * time.Second })},
			5 * time.Second, tfasthttp.DefaultIdleTimeout, 0},
		{"no read timeout", []tfasthttp.Option{tfasthttp.WithServer(func(s *fasthttp.Server) { s.ReadTimeout = 0 })},
			tfasthttp.DefaultReadHeaderTimeout, tfasthttp.DefaultIdleTimeout, 1<<63 - 1},
		{"no idle timeout", []tfasthttp.Option{tfasthttp.WithServer(func(s *fasthttp.Server) { s.IdleTimeout = 0 })},
			tfasthttp.DefaultReadHeaderTimeout, tfasthttp.DefaultReadTimeout, tfasthttp.DefaultReadTimeout},
		{"own HeaderReceived", []tfasthttp.Option{tfasthttp.WithServer(func(s *fasthttp.Server) { s.HeaderReceived = own })},
			tfasthttp.DefaultReadTimeout, tfasthttp.DefaultIdleTimeout, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := tfasthttp.NewServer(newApp(), tc.opts...)
			var body time.Duration
			if srv.HeaderReceived != nil {
				var h fasthttp.RequestHeader
				h.SetMethod("POST")
				h.SetContentLength(10)
				body = srv.HeaderReceived(&h).ReadTimeout
				if srv.HeaderReceived(&fasthttp.RequestHeader{}).ReadTimeout != 0 && tc.body != time.Hour {
					t.Error("a request without a body had its read deadline moved")
				}
			}
			if srv.ReadTimeout != tc.read || srv.IdleTimeout != tc.idle || body != tc.body {
				t.Errorf("ReadTimeout %v, IdleTimeout %v, body %v; want %v, %v, %v", srv.ReadTimeout, srv.IdleTimeout, body, tc.read, tc.idle, tc.body)
			}
		})
	}
}

// TestReadHeaderTimeout checks the header timeout on a live server: slow
// headers are cut at it (with fasthttp's 408), while a body slower than it
// and an idle keep-alive connection longer than it are not.
func TestReadHeaderTimeout(t *testing.T) {
	const limit = 300 * time.Millisecond
	addr := serveTCP(t, newApp(), quiet, tfasthttp.WithReadHeaderTimeout(limit))
	dial := func(t *testing.T) net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		c.SetDeadline(time.Now().Add(5 * time.Second))
		return c
	}

	t.Run("slow headers", func(t *testing.T) {
		c := dial(t)
		start := time.Now()
		io.WriteString(c, "GET /items/1 HTTP/1.1\r\nHost: x\r\n") // and no end to the headers
		got, err := io.ReadAll(c)
		took := time.Since(start)
		if err != nil || !strings.HasPrefix(string(got), "HTTP/1.1 408 Request Timeout\r\n") {
			t.Errorf("got %q, %v; want fasthttp's 408, then the connection closed", got, err)
		}
		if took < limit-50*time.Millisecond || took > limit+time.Second {
			t.Errorf("closed after %v; want about %v", took, limit)
		}
	})

	t.Run("slow body", func(t *testing.T) {
		c := dial(t)
		body := `{"name":"pen"}`
		raw := post("/items", "application/json", body)
		io.WriteString(c, strings.TrimSuffix(raw, body)) // the headers at once
		for i := range len(body) {
			time.Sleep(limit / 6) // the body takes over twice the header timeout
			io.WriteString(c, body[i:i+1])
		}
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if b, _ := io.ReadAll(res.Body); res.StatusCode != 201 || string(b) != "pen" {
			t.Errorf("got %d %q, want 201 \"pen\"", res.StatusCode, b)
		}
	})

	t.Run("idle keep-alive", func(t *testing.T) {
		c := dial(t)
		br := bufio.NewReader(c)
		for i := range 2 {
			if i == 1 {
				time.Sleep(2 * limit) // idle: IdleTimeout applies, not the header timeout
			}
			io.WriteString(c, "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n")
			res, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("request %d: %v", i+1, err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || string(b) != "item 1" {
				t.Errorf("request %d: %d %q", i+1, res.StatusCode, b)
			}
		}
	})
}
