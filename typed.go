package tideway

import (
	"github.com/tideway-go/tideway/respond"
	"github.com/tideway-go/tideway/view"
)

// Typed is a handler wrapped with its static type by Typed0 to Typed4, so
// that Tideway calls it directly instead of through reflection. Register
// it where a handler goes: res.Get(tideway.Typed2(getMessage)).
//
// A handler registered as it is (res.Get(getMessage)) is called with
// reflect.Value.Call, which costs about as much as binding a small request
// (some 3,000 instructions, half a microsecond on a current server core)
// and two allocations per request. A Typed
// handler is bound, checked and described exactly the same way, and
// answers exactly the same; only the call is direct, and a plain string
// result is written without first being boxed in an interface, so a
// handler such as func() (string, error) costs no allocation. Use it for
// handlers on hot paths: it needs the (value, error) result shape, and at
// most four parameters, counting a context.Context.
type Typed struct {
	fn   any
	call func(w view.Response, r view.Request, a0, a1, a2, a3 any) (any, error)
}

// Typed0 wraps a handler without parameters for a direct call; see Typed.
func Typed0[R any](fn func() (R, error)) Typed {
	return Typed{fn: fn, call: func(w view.Response, r view.Request, _, _, _, _ any) (any, error) {
		v, err := fn()
		return result(w, r, v, err)
	}}
}

// Typed1 wraps a handler of one parameter for a direct call; see Typed.
//
//	func getMessage(in ByID) (Message, error)
//	app.At("/message/{id}").Get(tideway.Typed1(getMessage))
//
// A context.Context counts as a parameter: a handler of a context and
// one struct is wrapped with Typed2.
func Typed1[A, R any](fn func(A) (R, error)) Typed {
	return Typed{fn: fn, call: func(w view.Response, r view.Request, a0, _, _, _ any) (any, error) {
		v, err := fn(arg[A](a0))
		return result(w, r, v, err)
	}}
}

// Typed2 wraps a handler of two parameters for a direct call; see Typed.
func Typed2[A, B, R any](fn func(A, B) (R, error)) Typed {
	return Typed{fn: fn, call: func(w view.Response, r view.Request, a0, a1, _, _ any) (any, error) {
		v, err := fn(arg[A](a0), arg[B](a1))
		return result(w, r, v, err)
	}}
}

// Typed3 wraps a handler of three parameters for a direct call; see Typed.
func Typed3[A, B, C, R any](fn func(A, B, C) (R, error)) Typed {
	return Typed{fn: fn, call: func(w view.Response, r view.Request, a0, a1, a2, _ any) (any, error) {
		v, err := fn(arg[A](a0), arg[B](a1), arg[C](a2))
		return result(w, r, v, err)
	}}
}

// Typed4 wraps a handler of four parameters for a direct call; see Typed.
func Typed4[A, B, C, D, R any](fn func(A, B, C, D) (R, error)) Typed {
	return Typed{fn: fn, call: func(w view.Response, r view.Request, a0, a1, a2, a3 any) (any, error) {
		v, err := fn(arg[A](a0), arg[B](a1), arg[C](a2), arg[D](a3))
		return result(w, r, v, err)
	}}
}

// arg takes a parameter of type A from the value the binder passes for it
// (see bind.Options.Direct): the value itself when it is an A (a
// context.Context, a view, a pointer to a struct), else the struct its
// pointer points to. bind.Compile has checked the handler's parameter
// types before any request, so the assertions cannot fail.
func arg[A any](v any) A {
	if a, ok := v.(A); ok {
		return a
	}
	return *v.(*A)
}

// result returns a handler's results as bind.Plan.Call does; the value is
// dropped with an error, which is what gets answered. A string, which
// respond.Value would answer as text, is answered here, through w,
// unless the handler has written a response itself: boxing it in an
// interface would cost an allocation.
func result[R any](w view.Response, r view.Request, v R, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	if s, ok := any(v).(string); ok && w.Status() == 0 {
		return nil, respond.Text{Body: s}.Respond(w, r)
	}
	return v, nil
}
