package adaptertest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/respond"
)

// The routes of responderCases.

type point struct{ X, Y int }

func (p point) String() string { return fmt.Sprintf("(%d, %d)", p.X, p.Y) }

type item struct {
	Name string `json:"name"`
	Qty  int    `json:"qty"`
}

// quotaError carries its own 4xx status.
type quotaError struct{ limit int }

func (e quotaError) Error() string   { return fmt.Sprintf("quota of %d requests exceeded", e.limit) }
func (e quotaError) StatusCode() int { return http.StatusTooManyRequests }

// upstreamError carries a 5xx status: its message must not leak.
type upstreamError struct{}

func (upstreamError) Error() string   { return "upstream db-7.internal refused" }
func (upstreamError) StatusCode() int { return http.StatusBadGateway }

// failingReader fails like a backend that breaks off in mid-stream.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("backend went away") }

// streamBody returns the body of /r/stream-big: more than one read chunk.
func streamBody() string { return strings.Repeat("0123456789abcdef", 5000) }

// bigBody returns what /mw/big answers: large enough to compress.
func bigBody() string { return strings.Repeat("tideway compresses this line\n", 150) }

func responderRoutes(app *tideway.App) {
	r := app.Nest("/r", nil)
	r.At("/json").Get(func() respond.JSON[map[string]int] {
		return respond.JSON[map[string]int]{Status: http.StatusAccepted, Value: map[string]int{"n": 1}}
	})
	r.At("/value").Get(func() item { return item{Name: "pen", Qty: 2} })
	r.At("/string").Get(text("plain string"))
	r.At("/text").Get(func() respond.Text { return respond.Text{Status: http.StatusTeapot, Body: "short and stout"} })
	r.At("/display").Get(func() respond.Display[point] { return respond.Display[point]{Value: point{1, 2}} })
	r.At("/status").Get(func() respond.Status { return respond.Status{Code: http.StatusAccepted} })
	r.At("/not-modified").Get(func() respond.Status { return respond.Status{Code: http.StatusNotModified} })
	r.At("/status-json").Get(func() respond.Status {
		return respond.Status{Code: http.StatusConflict, Body: item{Name: "pen"}}
	})
	r.At("/status-text").Get(func() respond.Status { return respond.Status{Code: http.StatusCreated, Body: "made"} })
	r.At("/created").Post(func() respond.Created[uint64] {
		return respond.Created[uint64]{Location: "/r/items/7", Value: 7}
	})
	r.At("/nocontent").Delete(func() respond.NoContent { return respond.NoContent{} })
	r.At("/redirect").Post(func() respond.Redirect { return respond.Redirect{Location: "/hello?from=redirect"} })
	r.At("/redirect-307").Get(func() respond.Redirect {
		return respond.Redirect{Status: http.StatusTemporaryRedirect, Location: "/hello"}
	})
	r.At("/redirect-offsite").Get(func() respond.Redirect { return respond.Redirect{Location: "//evil.example/"} })
	r.At("/stream").Get(func() respond.Stream {
		return respond.Stream{ContentType: "text/csv", Reader: strings.NewReader("a,b\n1,2\n")}
	})
	r.At("/stream-broken").Get(func() respond.Stream {
		return respond.Stream{ContentType: "text/plain", Reader: io.MultiReader(strings.NewReader("partial"), failingReader{})}
	})
	r.At("/stream-big").Get(func() respond.Stream {
		return respond.Stream{Reader: strings.NewReader(streamBody())}
	})
	r.At("/sse").Get(func() respond.SSE { return respond.SSE{Events: sseEvents} })
	r.At("/problem").Get(func() error {
		return respond.Problem{Type: "https://tideway.example/out-of-stock", Title: "Out of stock", Status: http.StatusConflict, Detail: "no pens left"}
	})
	r.At("/quota").Get(func() (string, error) { return "", fmt.Errorf("user 7: %w", quotaError{limit: 3}) })
	r.At("/upstream").Get(func() (string, error) { return "", upstreamError{} })
	r.At("/not-found").Get(func() (item, error) { return item{}, fmt.Errorf("pen 7: %w", respond.ErrNotFound) })
	r.At("/error").Get(func() (item, error) { return item{}, errors.New("database password is hunter2") })
	r.At("/bytes").Get(func() []byte { return []byte{0, 1, 2, 'x'} })
	r.At("/nil").Get(func() *item { return nil })
	r.At("/none").Post(func() {})
	r.At("/unencodable").Get(func() any { return map[string]any{"ch": make(chan int)} })
	r.At("/panic").Get(func() string { panic("boom: secret") })
	r.At("/abort").Get(func() string { panic(http.ErrAbortHandler) })
}

// sseEvents are the events of /r/sse: an ID and a name, multi-line
// data, a retry alone, and an ID whose line break must be stripped.
func sseEvents(yield func(respond.Event) bool) {
	for _, ev := range []respond.Event{
		{ID: "1", Event: "greet", Data: "hello"},
		{Data: "line one\nline two\r\nline three"},
		{Retry: 1500 * time.Millisecond},
		{ID: "3\r\nevent: injected", Data: "bye"},
	} {
		if !yield(ev) {
			return
		}
	}
}
