package tideway

import (
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/route"
	"github.com/tideway-go/tideway/view"
)

// ServeView serves one request. Adapters call it with their views of the
// request and response; users serve an App through an adapter.
func (a *App) ServeView(w view.Response, r view.Request) {
	ps := a.params.Get().(*route.Params)
	defer func() {
		ps.Reset()
		a.params.Put(ps)
	}()
	method := r.Method()
	res := a.tree.Lookup(method, r.Path(), ps)
	switch res.Status {
	case route.Found:
	case route.MethodNotAllowed:
		if method == http.MethodOptions {
			w.SetHeader("Allow", res.Allow+", OPTIONS")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.SetHeader("Allow", res.Allow)
		a.problem(w, r, http.StatusMethodNotAllowed, "method "+method+" is not allowed here")
		return
	case route.BadPath:
		a.problem(w, r, http.StatusBadRequest, "the path has an invalid percent-escape")
		return
	default:
		a.problem(w, r, http.StatusNotFound, "no route matches the path")
		return
	}
	ep := res.Route.Value
	if method == http.MethodHead && res.Route.Method != http.MethodHead {
		w = headResponse{w}
	}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			ep.errors.Write(w, r, &panicError{value: p, stack: debug.Stack()})
		}
	}()
	out, err := ep.plan.Call(r.Context(), w, r, ps)
	switch {
	case err != nil:
		ep.errors.Write(w, r, err)
	case w.Status() != 0:
		// The handler wrote the response itself through view.Response.
	case !ep.plan.HasResult():
		w.WriteHeader(http.StatusNoContent)
	default:
		if err := respond.Value(w, r, out); err != nil {
			ep.errors.Write(w, r, err)
		}
	}
}

func (a *App) problem(w view.Response, r view.Request, status int, detail string) {
	p := respond.Problem{Status: status, Title: http.StatusText(status), Detail: detail}
	_ = p.Respond(w, r)
}

// panicError is a handler panic, answered as a 500 and logged with its stack.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("handler panic: %v\n%s", e.value, e.stack) }

// headResponse drops the body of a GET route serving a HEAD request.
type headResponse struct{ view.Response }

func (h headResponse) Write(p []byte) (int, error) {
	if h.Status() == 0 {
		h.WriteHeader(http.StatusOK)
	}
	return len(p), nil
}
