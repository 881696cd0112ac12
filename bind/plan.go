package bind

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"github.com/go-playground/validator/v10"

	"github.com/tideway-go/tideway/view"
)

// PathValues gives the parameter values of the matched route, in the order
// of the route's parameters. *route.Params implements it.
type PathValues interface {
	// Value returns the i'th value, unescaped.
	Value(i int) string
	// Raw returns the i'th value as sent, still escaped.
	Raw(i int) string
}

// Options describe the route a handler serves and how to bind requests for
// it. The zero value of each limit means its default.
type Options struct {
	// Route names the route in error messages, e.g. "GET /message/{id}".
	Route string
	// Params are the route's parameter names in order, "" for "{}" and
	// "*"; Glob says the last one is a glob.
	Params []string
	Glob   bool
	// States are the values that state: fields can receive, matched by
	// type: a field takes the first value assignable to it.
	States []any
	// Validator runs validate: tags; see NewValidator.
	Validator *validator.Validate
	// Query decodes query strings; see NewQueryDecoder.
	Query *QueryDecoder
	// Limits bounds what a request may send.
	Limits Limits
	// AllowUnknown accepts query keys, form keys (values and files) and
	// JSON body fields that no field binds; by default they are rejected
	// with 400.
	AllowUnknown bool
	// Direct, when set, calls the handler instead of reflect.Value.Call,
	// which costs some 3,000 instructions and two allocations a request. It
	// gets one value per parameter of the handler, in order, and nil for
	// the parameters the handler does not have: a context.Context, the
	// view.Request, the view.Response, or a pointer to the bound struct
	// (also for a by-value struct parameter, which Direct copies). It
	// returns the handler's value and error. Only handlers of at most
	// four parameters returning (value, error) can be called this way; it
	// must call exactly the func Compile is given. w and r are the
	// request's views, which Direct may use to write a value it knows how
	// to answer without boxing it in an interface (a string, say): it
	// then writes the whole response through w and returns a nil value,
	// and Call's caller sees w.Status() != 0. tideway.Typed1 and its
	// siblings make one from a handler's static type.
	Direct func(w view.Response, r view.Request, a0, a1, a2, a3 any) (any, error)
}

// MaxDirectParams is the most parameters a handler called through
// Options.Direct may have.
const MaxDirectParams = 4

// Limits bound the input one request may send. A zero field means its
// default.
type Limits struct {
	Body           int64 // bytes of body; default 1 MiB
	JSONDepth      int   // nesting of JSON arrays and objects; default 64
	QueryParams    int   // number of query parameters, and of form values; default 1000
	MaxSliceIndex  int   // largest slice index in a query or form key; default 99
	HeaderValueLen int   // reserved for header limits enforced by adapters
	// MultipartParts caps the parts of a multipart/form-data body, values
	// and files together; default 100. mime/multipart itself refuses more
	// than 1000 (GODEBUG multipartmaxparts), so higher values act as 1000.
	MultipartParts int
	// MultipartMemory caps the bytes of uploaded file data a multipart
	// body keeps in memory; default 10 MiB. The rest spills to temporary
	// files, removed when the handler returns. (mime/multipart also keeps
	// up to this plus 10 MiB of non-file values in memory; Body bounds
	// both.)
	MultipartMemory int64
}

// Defaults for Limits.
const (
	DefaultBodyLimit       = 1 << 20
	DefaultJSONDepth       = 64
	DefaultQueryParams     = 1000
	DefaultMaxSliceIndex   = 99
	DefaultMultipartParts  = 100
	DefaultMultipartMemory = 10 << 20
)

func (l Limits) withDefaults() Limits {
	if l.Body <= 0 {
		l.Body = DefaultBodyLimit
	}
	if l.JSONDepth <= 0 {
		l.JSONDepth = DefaultJSONDepth
	}
	if l.QueryParams <= 0 {
		l.QueryParams = DefaultQueryParams
	}
	if l.MaxSliceIndex <= 0 {
		l.MaxSliceIndex = DefaultMaxSliceIndex
	}
	if l.MultipartParts <= 0 {
		l.MultipartParts = DefaultMultipartParts
	}
	if l.MultipartMemory <= 0 {
		l.MultipartMemory = DefaultMultipartMemory
	}
	return l
}

// Plan is a handler compiled for one route: everything reflection can work
// out is worked out once, and Call walks the result per request.
type Plan struct {
	fn     reflect.Value
	direct func(w view.Response, r view.Request, a0, a1, a2, a3 any) (any, error) // Options.Direct
	name   string
	args   []*arg
	hasR   bool // the func returns a value besides an error
	hasErr bool // the func's last result is an error
	ctx    bool // the handler or its validation uses the request's context
	forms  bool // some parameter takes a form body (multipart uploads to remove)
	// plain: every parameter is a struct, by value, whose arg is plain,
	// so Call takes callPlain's short way.
	plain bool
	// zero: some pooled struct must be zeroed before it is reused (its
	// arg is not full).
	zero bool
	// structs pools *argStructs for the by-value struct parameters, one
	// set a request; nil New when there are none.
	structs sync.Pool
	opts    Options
	limits  Limits
	unknown bool
}

type argKind uint8

const (
	argStruct argKind = iota
	argContext
	argRequest
	argResponse
)

// arg is the plan for one parameter of the handler.
type arg struct {
	kind    argKind
	typ     reflect.Type      // the struct type for argStruct
	ptr     bool              // the parameter is *typ
	fields  []*field          // bound fields
	body    *bodyPlan         // non-nil when the struct is decoded from a JSON body
	form    *formPlan         // non-nil when it has form: fields (a form body)
	query   *queryPlan        // non-nil when it has query fields
	cookies []*field          // its cookie: fields
	nonBody []*field          // fields to reset after decoding the body
	check   bool              // run the validator on it
	stateNS []string          // validator namespaces of its state fields, which are skipped
	filter  func([]byte) bool // a.skipState, made once
	// full: every field is a path or state field, which every request
	// sets, so the pooled struct need not be zeroed between requests.
	full bool
	// presence: some field is required (validate:"required" means sent).
	presence bool
	// plain: every field is a path or header field with a textSetter or
	// a state field with statePtr, and nothing is validated, so fillPlain
	// binds the struct without reflection.
	plain bool
}

// Name returns the handler's name as the runtime knows it, such as
// "main.getMessage".
func (p *Plan) Name() string { return p.name }

// HasResult reports whether the handler returns a value besides an error.
func (p *Plan) HasResult() bool { return p.hasR }

// Result returns the type of the handler's value result, or nil if it
// returns none.
func (p *Plan) Result() reflect.Type {
	if !p.hasR {
		return nil
	}
	return p.fn.Type().Out(0)
}

// Direct reports whether the handler is called through Options.Direct
// rather than reflection.
func (p *Plan) Direct() bool { return p.direct != nil }

// TakesResponse reports whether the handler takes the raw view.Response,
// and so may write (and flush) the response itself.
func (p *Plan) TakesResponse() bool {
	for _, a := range p.args {
		if a.kind == argResponse {
			return true
		}
	}
	return false
}

// Compile reads the handler fn once and returns its plan, or a *PlanError
// naming the route, the handler and the field at fault.
func Compile(fn any, opts Options) (*Plan, error) {
	v := reflect.ValueOf(fn)
	name := fmt.Sprintf("(%T)", fn) // what a value that is not a handler is
	if v.Kind() == reflect.Func && !v.IsNil() {
		name = runtime.FuncForPC(v.Pointer()).Name()
	}
	p := &Plan{fn: v, name: name, opts: opts, limits: opts.Limits.withDefaults(), unknown: opts.AllowUnknown}
	fail := func(field, format string, a ...any) error {
		return &PlanError{Route: opts.Route, Handler: name, Field: field, Msg: fmt.Sprintf(format, a...)}
	}
	if v.Kind() != reflect.Func || v.IsNil() {
		what := "is not a func"
		if v.Kind() == reflect.Func {
			what = "is a nil func"
		}
		return nil, fail("", "%s; a handler is a func such as func(ctx context.Context, in Input) (Output, error)", what)
	}
	if p.opts.Validator == nil {
		p.opts.Validator = NewValidator()
	}
	if p.opts.Query == nil {
		p.opts.Query = NewQueryDecoder()
	}
	t := v.Type()
	if t.IsVariadic() {
		return nil, fail("", "variadic handlers are not supported")
	}
	if err := p.compileResults(t, fail); err != nil {
		return nil, err
	}
	pc := &pathCheck{names: opts.Params, glob: opts.Glob, bound: make([]bool, len(opts.Params))}
	var bodies *arg // the parameter that takes the body, if any
	bodyAt := 0
	for i := 0; i < t.NumIn(); i++ {
		in := t.In(i)
		a := &arg{}
		switch {
		case in == contextType:
			if i != 0 {
				return nil, fail("", "context.Context must be the first parameter, not parameter %d", i+1)
			}
			a.kind = argContext
		case in == requestType:
			a.kind = argRequest
		case in == responseType:
			a.kind = argResponse
		case in.Kind() == reflect.Struct || in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct:
			a.ptr = in.Kind() == reflect.Pointer
			a.typ = in
			if a.ptr {
				a.typ = in.Elem()
			}
			if err := p.compileStruct(a, pc, fail); err != nil {
				return nil, err
			}
			if !a.ptr {
				p.structs.New = p.newArgStructs
			}
			if a.body != nil || a.form != nil {
				if bodies != nil {
					return nil, fail("", "parameter %d (%s) is a second body struct: it takes %s, and parameter %d (%s) already takes %s; a request has one body, so put all json: or all form: fields in one struct",
						i+1, in, a.bodyKind(), bodyAt+1, t.In(bodyAt), bodies.bodyKind())
				}
				bodies, bodyAt = a, i
			}
		default:
			return nil, fail("", "parameter %d has type %s; parameters are structs (or pointers to structs) with tagged fields, context.Context, view.Request or view.Response", i+1, in)
		}
		p.args = append(p.args, a)
		p.ctx = p.ctx || a.kind == argContext || a.check
		p.forms = p.forms || a.form != nil
	}
	if err := pc.finish(fail); err != nil {
		return nil, err
	}
	if opts.Direct != nil {
		if t.NumIn() > MaxDirectParams || !p.hasR || !p.hasErr {
			return nil, fail("", "a handler called directly (Options.Direct) takes at most %d parameters and returns (value, error); this one is %s", MaxDirectParams, t)
		}
		p.direct = opts.Direct
	}
	p.plain = true
	for _, a := range p.args {
		p.plain = p.plain && a.kind == argStruct && !a.ptr && a.plain
		p.zero = p.zero || a.kind == argStruct && !a.ptr && !a.full
	}
	return p, nil
}

var (
	contextType  = reflect.TypeFor[context.Context]()
	requestType  = reflect.TypeFor[view.Request]()
	responseType = reflect.TypeFor[view.Response]()
	errorType    = reflect.TypeFor[error]()
)

func (p *Plan) compileResults(t reflect.Type, fail func(string, string, ...any) error) error {
	const shapes = "a handler returns nothing, error, a value, or (value, error)"
	switch t.NumOut() {
	case 0:
	case 1:
		if t.Out(0) == errorType {
			p.hasErr = true
		} else {
			p.hasR = true
		}
	case 2:
		if t.Out(1) != errorType {
			return fail("", "second result is %s, not error; %s", t.Out(1), shapes)
		}
		if t.Out(0) == errorType {
			return fail("", "returns (error, error); %s", shapes)
		}
		p.hasR, p.hasErr = true, true
	default:
		return fail("", "returns %d results; %s", t.NumOut(), shapes)
	}
	return nil
}

// Call binds the request into the handler's parameters, calls it, and
// returns its value (nil when it has none, or when it returned a non-nil
// error) and error. A request that cannot
// be bound gives *Error, *BodyTooLargeError or *MediaTypeError and the
// handler is not called. A bodyLimit above zero replaces Limits.Body for
// this request (middleware such as mw.BodyLimit sets it). Files uploaded
// in a multipart body are valid until Call returns: their temporary files
// are removed then, whether the handler returned, failed or panicked.
//
// A context.Context parameter, and validation, get r.Context(). Call asks
// for it only when one of them needs it: on some servers making it costs
// an allocation.
func (p *Plan) Call(w view.Response, r view.Request, path PathValues, bodyLimit int64) (any, error) {
	var s Scratch
	out, err := p.CallWith(&s, w, r, path, bodyLimit)
	s.Release()
	return out, err
}

// Scratch is memory that calls made one after another by one caller, such
// as the requests of one connection or a pooled per-request state, reuse
// across plans: the structs a plan binds by-value parameters into are
// kept there after a call, for the next call of the same plan, instead of
// going back to the plan's pool and coming out again (a pool round trip
// costs about as much as binding a path parameter). The zero Scratch is
// ready to use. It holds the structs of the last plan called with it;
// they hold no data of a request once the call has returned (fields a
// later request may not set are zeroed first). A Scratch must not be
// used by two calls at once.
type Scratch struct {
	plan *Plan
	set  *argStructs
}

// Release hands the structs s holds back to their plan's pool, and leaves
// s empty. Dropping a Scratch without it is safe: its structs are then
// left to the garbage collector.
func (s *Scratch) Release() {
	if s.set != nil {
		s.plan.structs.Put(s.set)
	}
	*s = Scratch{}
}

// CallWith is Call with the structs for by-value parameters taken from s,
// and left there after the call (see Scratch).
func (p *Plan) CallWith(s *Scratch, w view.Response, r view.Request, path PathValues, bodyLimit int64) (any, error) {
	if p.plain {
		return p.callPlain(s, w, r, path)
	}
	return p.callAll(s, w, r, path, bodyLimit)
}

// acquire returns the structs for p's by-value parameters, from s when it
// holds p's, else from p's pool (s keeps another plan's until release);
// nil when p has none. Until release, s holds none of p's: if the
// handler panics, they are left to the garbage collector, possibly
// holding fields that must be zeroed.
func (p *Plan) acquire(s *Scratch) *argStructs {
	if s.plan != p {
		return p.pooled()
	}
	set := s.set
	s.plan, s.set = nil, nil
	return set
}

// pooled takes a set of structs from p's pool (nil when p has none). Not
// inlined, so that acquire's common case is.
//
//go:noinline
func (p *Plan) pooled() *argStructs {
	if p.structs.New == nil {
		return nil
	}
	return p.structs.Get().(*argStructs)
}

// callAll is Call for any plan.
func (p *Plan) callAll(s *Scratch, w view.Response, r view.Request, path PathValues, bodyLimit int64) (any, error) {
	var ctx context.Context
	if p.ctx {
		ctx = r.Context()
	}
	// One value per parameter: ctx, r, w, or a pointer to the bound
	// struct. Pointers fit in an interface without an allocation.
	var buf [8]any
	args := buf[:0]
	if len(p.args) > len(buf) {
		args = make([]any, 0, len(p.args))
	}
	var c collector
	if p.forms {
		// Deferred, so uploads spilled to disk go even if the handler
		// panics.
		defer c.removeForms()
	}
	// By-value parameters are bound into pooled structs: the handler gets
	// a copy, so they can be reused once it returns (release; if it
	// panics they are left to the garbage collector).
	set := p.acquire(s)
	for i, a := range p.args {
		switch a.kind {
		case argContext:
			args = append(args, ctx)
		case argRequest:
			args = append(args, r)
		case argResponse:
			args = append(args, w)
		default:
			var ptr any
			if a.ptr {
				ptr = reflect.New(a.typ).Interface()
			} else {
				ptr = set.ptrs[i]
			}
			args = append(args, ptr)
			if a.plain {
				fillPlain(a, dataOf(ptr), r, path, &c)
			} else if err := p.fill(ctx, a, reflect.ValueOf(ptr), r, path, bodyLimit, &c); err != nil {
				p.release(s, set)
				return nil, err
			}
		}
	}
	if err := c.err(); err != nil {
		p.release(s, set)
		return nil, err
	}
	return p.invoke(s, w, r, args, set)
}

// callPlain is Call for a plan whose parameters are all plain structs
// taken by value (see arg.plain), the common shape of a handler that
// reads path parameters and state: it binds them without the general
// loop over parameter kinds.
func (p *Plan) callPlain(s *Scratch, w view.Response, r view.Request, path PathValues) (any, error) {
	set := p.acquire(s)
	var ptrs []any
	if set != nil {
		ptrs = set.ptrs
	}
	var c collector
	for i, a := range p.args {
		fillPlain(a, dataOf(ptrs[i]), r, path, &c)
	}
	if err := c.err(); err != nil {
		p.release(s, set)
		return nil, err
	}
	return p.invoke(s, w, r, ptrs, set)
}

// invoke calls the handler with args, one value per parameter as Call
// builds them, releases set to s, and returns the handler's results as
// Call does.
func (p *Plan) invoke(s *Scratch, w view.Response, r view.Request, args []any, set *argStructs) (any, error) {
	var out any
	var err error
	if p.direct != nil {
		// At most MaxDirectParams arguments (Compile checked); the
		// missing ones are nil.
		var a0, a1, a2, a3 any
		switch len(args) {
		case 4:
			a3 = args[3]
			fallthrough
		case 3:
			a2 = args[2]
			fallthrough
		case 2:
			a1 = args[1]
			fallthrough
		case 1:
			a0 = args[0]
		}
		out, err = p.direct(w, r, a0, a1, a2, a3)
	} else {
		out, err = p.callReflect(args)
	}
	p.release(s, set)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// argStructs holds a pointer to a struct for each by-value struct
// parameter of a plan (nil for the other parameters).
type argStructs struct{ ptrs []any }

func (p *Plan) newArgStructs() any {
	set := &argStructs{ptrs: make([]any, len(p.args))}
	for i, a := range p.args {
		if a.kind == argStruct && !a.ptr {
			set.ptrs[i] = reflect.New(a.typ).Interface()
		}
	}
	return set
}

// dataOf returns the pointer an interface holding a pointer holds.
func dataOf(v any) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1]
}

// fillPlain is fill for a struct whose arg is plain: every field is set
// through its offset, with no reflection.
func fillPlain(a *arg, base unsafe.Pointer, r view.Request, path PathValues, c *collector) {
	for _, f := range a.fields {
		setDirect(f, base, r, path, c)
	}
}

// setDirect binds f, a field with a textSetter or a statePtr, in the
// struct at base, and reports whether it was sent.
func setDirect(f *field, base unsafe.Pointer, r view.Request, path PathValues, c *collector) bool {
	p := unsafe.Add(base, f.offset)
	switch f.loc {
	case locPath:
		setText(f, p, path.Value(f.param), c)
	case locHeader:
		s, ok := r.Header(f.name)
		if !ok {
			return false
		}
		setText(f, p, s, c)
	case locState:
		*(*unsafe.Pointer)(p) = f.statePtr
	}
	return true
}

// callReflect calls the handler through reflection with args as Call
// builds them.
func (p *Plan) callReflect(args []any) (any, error) {
	var buf [8]reflect.Value
	in := buf[:0]
	if len(args) > len(buf) {
		in = make([]reflect.Value, 0, len(args))
	}
	for i, a := range p.args {
		v := reflect.ValueOf(args[i])
		if a.kind == argStruct && !a.ptr {
			v = v.Elem()
		}
		in = append(in, v)
	}
	out := p.fn.Call(in)
	if p.hasErr {
		if e := out[len(out)-1]; !e.IsNil() {
			return nil, e.Interface().(error)
		}
	}
	if p.hasR {
		return out[0].Interface(), nil
	}
	return nil, nil
}

// release zeroes the structs of set (see acquire; nil when the plan has
// none) and keeps them in s; the structs of another plan that s held go
// back to that plan's pool. A struct of path and state fields only is
// left as it is: the next request sets every field again.
func (p *Plan) release(s *Scratch, set *argStructs) {
	if s.set == nil && !p.zero {
		s.plan, s.set = p, set // the common case, kept small to be inlined
		return
	}
	p.releaseAll(s, set)
}

// releaseAll is release for any case.
func (p *Plan) releaseAll(s *Scratch, set *argStructs) {
	if set == nil {
		return
	}
	if p.zero {
		p.zeroStructs(set)
	}
	if s.set != nil {
		s.plan.structs.Put(s.set) // another plan's (see acquire)
	}
	s.plan, s.set = p, set
}

// zeroStructs zeroes the structs of set that a request may leave fields
// of.
func (p *Plan) zeroStructs(set *argStructs) {
	for i, a := range p.args {
		if a.kind == argStruct && !a.ptr && !a.full {
			reflect.ValueOf(set.ptrs[i]).Elem().SetZero()
		}
	}
}

// fill binds the request into *ptr, which must hold a's struct type with
// every field zero.
func (p *Plan) fill(ctx context.Context, a *arg, ptr reflect.Value, r view.Request, path PathValues, bodyLimit int64, c *collector) error {
	v := ptr.Elem()
	var sent uint64
	if a.body != nil {
		s, err := p.bindBody(a, r, v, bodyLimit, c)
		if err != nil {
			return err
		}
		sent |= s
		for _, f := range a.nonBody {
			v.FieldByIndex(f.index).SetZero()
		}
	}
	if a.form != nil {
		// gorilla/schema sets only fields whose keys were checked to be
		// form keys, so no other field needs resetting.
		s, err := p.bindForm(a, r, v, bodyLimit, c)
		if err != nil {
			return err
		}
		sent |= s
	}
	base := ptr.UnsafePointer()
	for _, f := range a.fields {
		if f.setText != nil || f.statePtr != nil {
			if setDirect(f, base, r, path, c) {
				sent |= f.bit
			}
			continue
		}
		switch f.loc {
		case locPath:
			if f.segments {
				p.bindSegments(f, path.Raw(f.param), v, c)
			} else {
				p.bindText(f, path.Value(f.param), v, c)
			}
			sent |= f.bit
		case locHeader:
			if s, ok := r.Header(f.name); ok {
				p.bindText(f, s, v, c)
				sent |= f.bit
			}
		case locState:
			v.FieldByIndex(f.index).Set(f.state)
			sent |= f.bit
		}
	}
	if len(a.cookies) > 0 {
		sent |= p.bindCookies(a, r, v, c)
	}
	if a.query != nil {
		sent |= p.bindQuery(a, r.RawQuery(), v, c, true)
	}
	if a.check || a.presence {
		p.validate(ctx, a, ptr, sent, c)
	}
	return nil
}

// setText is bindText for a field with a textSetter, at p.
func setText(f *field, p unsafe.Pointer, s string, c *collector) {
	if err := f.setText(p, s); err != nil {
		c.bad(f.loc.String(), f.name, err.Error())
	}
}

func (p *Plan) bindText(f *field, s string, v reflect.Value, c *collector) {
	if err := f.parse(s, v.FieldByIndex(f.index)); err != nil {
		c.bad(f.loc.String(), f.name, err.Error())
	}
}

// bindSegments binds a glob into a []string, one element per segment, each
// unescaped on its own.
func (p *Plan) bindSegments(f *field, raw string, v reflect.Value, c *collector) {
	parts := strings.Split(raw, "/")
	for i, s := range parts {
		u, err := unescapePath(s)
		if err != nil {
			c.bad(f.loc.String(), f.name, "invalid percent-escape")
			return
		}
		parts[i] = u
	}
	v.FieldByIndex(f.index).Set(reflect.ValueOf(parts))
}
