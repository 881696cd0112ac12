package adaptertest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/mw"
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// The routes of hostileCases, all under /h.

type signedPath struct {
	I   int   `path:"i"`
	I8  int8  `path:"i8"`
	I16 int16 `path:"i16"`
	I32 int32 `path:"i32"`
	I64 int64 `path:"i64"`
}

type unsignedPath struct {
	U   uint   `path:"u"`
	U8  uint8  `path:"u8"`
	U16 uint16 `path:"u16"`
	U32 uint32 `path:"u32"`
	U64 uint64 `path:"u64"`
}

type floatPath struct {
	F32 float32 `path:"f32"`
	F64 float64 `path:"f64"`
}

// numbers holds one query field of every numeric kind.
type numbers struct {
	I8  int8    `query:"i8"`
	I16 int16   `query:"i16"`
	I32 int32   `query:"i32"`
	I64 int64   `query:"i64"`
	U8  uint8   `query:"u8"`
	U16 uint16  `query:"u16"`
	U32 uint32  `query:"u32"`
	U64 uint64  `query:"u64"`
	F32 float32 `query:"f32"`
	F64 float64 `query:"f64"`
}

func (n numbers) String() string {
	return fmt.Sprintf("i8=%d i16=%d i32=%d i64=%d u8=%d u16=%d u32=%d u64=%d f32=%v f64=%v",
		n.I8, n.I16, n.I32, n.I64, n.U8, n.U16, n.U32, n.U64, n.F32, n.F64)
}

// strs is a query string field and a repeated one, echoed quoted.
type strs struct {
	S string   `query:"s"`
	T []string `query:"t"`
}

// lineItems is a query slice of structs: items.3.name.
type lineItems struct {
	Items []lineItem `query:"items"`
}

type lineItem struct {
	Name string `query:"name"`
}

// note is a JSON body with a field that holds anything, so nesting is
// limited by the binder alone.
type note struct {
	Contents string `json:"contents"`
	Data     any    `json:"data"`
}

// goTo is the target of the open-redirect route.
type goTo struct {
	To string `query:"to"`
}

// panicky is a Responder that panics; with started, after writing the
// status and part of the body.
type panicky struct{ started bool }

func (p panicky) Respond(w view.Response, _ view.Request) error {
	if p.started {
		w.SetHeader("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("partial"))
	}
	panic("responder boom: secret")
}

// lateWrite is what the handler of /h/late did once its time was up.
type lateWrite struct {
	n   int
	err error
}

func hostileRoutes(app *tideway.App) {
	h := app.Nest("/h", nil)
	h.At("/ints/{i}/{i8}/{i16}/{i32}/{i64}").Get(func(p signedPath) string { return fmt.Sprint(p) })
	h.At("/uints/{u}/{u8}/{u16}/{u32}/{u64}").Get(func(p unsignedPath) string { return fmt.Sprint(p) })
	h.At("/floats/{f32}/{f64}").Get(func(p floatPath) string { return fmt.Sprint(p) })
	h.At("/nums").Get(func(n numbers) string { return n.String() })
	h.At("/str").Get(func(s strs) string { return fmt.Sprintf("s=%q t=%q", s.S, s.T) })
	h.At("/name/{name}").Get(func(p byName) string { return fmt.Sprintf("%q", p.Name) })
	h.At("/items").Get(func(l lineItems) string {
		if len(l.Items) == 0 {
			return "no items"
		}
		return fmt.Sprintf("%d items, last %q", len(l.Items), l.Items[len(l.Items)-1].Name)
	})
	h.At("/body").Post(func(n note) string { return fmt.Sprintf("contents=%q data=%v", n.Contents, n.Data) })
	h.At("/override").
		Post(text("post")).
		Delete(text("delete"))
	// A careless handler: it redirects to whatever the query says, and
	// relies on respond.Redirect to refuse targets off the host.
	h.At("/go").Get(func(g goTo) respond.Redirect { return respond.Redirect{Location: g.To} })
	h.At("/responder-panic").Get(func() panicky { return panicky{} })
	h.At("/responder-panic-started").Get(func() panicky { return panicky{started: true} })

	// /h/late overruns its timeout and then writes; /h/late-result says
	// what that write returned.
	late := make(chan lateWrite, 1)
	h.At("/late").Use(mw.Timeout(50 * time.Millisecond)).Get(func(ctx context.Context, w view.Response) {
		<-ctx.Done()
		time.Sleep(100 * time.Millisecond) // well after Timeout has answered 503
		w.SetHeader("X-Late", "yes")
		n, err := w.Write([]byte("too late"))
		select {
		case late <- lateWrite{n: n, err: err}:
		default: // an earlier result nobody asked for
		}
	})
	h.At("/late-result").Get(func(ctx context.Context) (string, error) {
		select {
		case lw := <-late:
			return fmt.Sprintf("late write: %d bytes, timed out: %v", lw.n, errors.Is(lw.err, mw.ErrTimedOut)), nil
		case <-time.After(5 * time.Second):
			return "", errors.New("the late handler never wrote")
		case <-ctx.Done():
			return "", ctx.Err()
		}
	})
}
