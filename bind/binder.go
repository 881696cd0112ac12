package bind

import (
	"context"
	"fmt"
	"reflect"

	"github.com/tideway-go/tideway/view"
)

// Binder binds requests into values of one struct type, outside any
// handler: for middleware, or for a plain net/http handler that wants
// Tideway's binding and error reports. It is compiled once and safe for
// concurrent use.
type Binder[T any] struct {
	plan *Plan
	arg  *arg
}

// NewBinder compiles a Binder for the struct type T with the same rules
// and checks as a handler parameter of type T. Options.Params must name
// the route parameters the PathValues passed to Bind will hold. T may not
// have file fields (*multipart.FileHeader): a Binder has no request scope
// at whose end their temporary files could be removed.
func NewBinder[T any](opts Options) (*Binder[T], error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, &PlanError{Route: opts.Route, Handler: "NewBinder", Msg: fmt.Sprintf("%s is not a struct type; use the struct itself", t)}
	}
	p, err := Compile(func(T) {}, opts)
	if err != nil {
		return nil, err
	}
	a := p.args[0]
	if a.form != nil {
		for _, f := range a.form.fields {
			if f.file != noFile {
				return nil, &PlanError{Route: opts.Route, Handler: "NewBinder", Field: f.goName,
					Msg: fmt.Sprintf("takes uploaded files, which a Binder cannot clean up after; take %s as a handler parameter instead, where they are removed when the handler returns", t)}
			}
		}
	}
	return &Binder[T]{plan: p, arg: a}, nil
}

// Bind resets *dst to its zero value and binds the request into it. It
// returns the same errors as Plan.Call. When the request is valid, has no
// body, and its query fields are flat scalars, Bind allocates nothing.
func (b *Binder[T]) Bind(ctx context.Context, r view.Request, path PathValues, dst *T) error {
	var zero T
	*dst = zero
	var c collector
	// A multipart body may hold files no field binds; they go now.
	defer c.removeForms()
	if err := b.plan.fill(ctx, b.arg, reflect.ValueOf(dst), r, path, 0, &c); err != nil {
		return err
	}
	return c.err()
}
