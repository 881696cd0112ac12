package fasthttp_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

type byID struct {
	ID string `path:"id"`
}

type item struct {
	Name string `json:"name" validate:"required"`
}

type page struct {
	Limit int    `query:"limit" validate:"omitempty,min=1,max=100"`
	Tag   string `query:"tag"`
}

type token struct {
	Token string `header:"X-Token"`
}

type rest struct {
	Rest string `path:"rest"`
}

// newApp is the app every conformance test serves, over both adapters.
func newApp() *tideway.App {
	app := tideway.New(nil, tideway.WithConfig(tideway.Config{Logger: slog.New(slog.DiscardHandler)}))
	app.At("/items/{id}").Get(func(p byID) string { return "item " + p.ID }).
		Put(func(p byID, it item) error { return nil })
	app.At("/items").Post(func(it item) respond.Created[string] {
		return respond.Created[string]{Location: "/items/" + it.Name, Value: it.Name}
	})
	app.At("/q").Get(func(p page) page { return p })
	app.At("/token").Get(func(t token) string { return t.Token })
	app.At("/files/{rest...}").Get(func(p rest) string { return p.Rest })
	app.At("/host").Get(func(r view.Request) string { return r.Host() + " " + r.Path() + " ? " + r.RawQuery() })
	app.At("/panic").Get(func() string { panic("boom") })
	app.At("/abort").Get(func() string { panic(http.ErrAbortHandler) })
	app.At("/stream").Get(func() respond.Stream {
		return respond.Stream{ContentType: "text/plain", Reader: strings.NewReader(strings.Repeat("chunk\n", 2000))}
	})
	app.At("/raw").Get(func(w view.Response) {
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte("<html><body>raw</body></html>"))
	})
	app.At("/slow").Get(func(ctx context.Context) string {
		time.Sleep(200 * time.Millisecond)
		return "done"
	})
	return app
}

// reply is what the conformance tests compare of a response.
type reply struct {
	status int
	body   string
	header http.Header
	closed bool // no response at all: the server closed the connection
}

// exchange sends raw, the bytes of one request (or a func writing them),
// on a new connection from dial and reads one response.
func exchange(t *testing.T, dial func() (net.Conn, error), raw string, body func(io.Writer)) reply {
	t.Helper()
	c, err := dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	go func() {
		io.WriteString(c, raw)
		if body != nil {
			body(c)
		}
	}()
	res, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: strings.Fields(raw)[0]})
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) || isReset(err) {
			return reply{closed: true}
		}
		t.Fatalf("%q: %v", firstLine(raw), err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%q: reading body: %v", firstLine(raw), err)
	}
	return reply{status: res.StatusCode, body: string(b), header: res.Header}
}

func isReset(err error) bool {
	return strings.Contains(err.Error(), "connection reset")
}

func firstLine(raw string) string {
	line, _, _ := strings.Cut(raw, "\r\n")
	return line
}
