package bind

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/tideway-go/tideway/view"
)

// NewValidator returns the validator/v10 instance Tideway configures:
// error names are the wire names of fields (their path, query, header,
// cookie, form or json tag), so a problem body can say
// "body.items[3].name". Share one per app; register custom validations on
// it before the first route is added.
func NewValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(wireName)
	return v
}

// wireName is the name a field has on the wire, for validator namespaces.
func wireName(sf reflect.StructField) string {
	for _, k := range []string{"path", "query", "header", "cookie", "form", "json"} {
		if tag, ok := sf.Tag.Lookup(k); ok {
			name := strings.Split(tag, ",")[0]
			if name == "-" {
				return ""
			}
			if name != "" {
				return name
			}
		}
	}
	return sf.Name
}

// hasValidateTags reports whether t, or any type inside it, has a
// validate: tag.
func hasValidateTags(t reflect.Type, seen map[reflect.Type]bool) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return hasValidateTags(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return false
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if _, ok := sf.Tag.Lookup("validate"); ok || hasValidateTags(sf.Type, seen) {
				return true
			}
		}
	}
	return false
}

// compileValidation splits "required" off each bound field's validate tag
// (Tideway checks it as presence) and validates a zero value once, so an
// unknown validation tag fails at registration.
func (p *Plan) compileValidation(a *arg, fail func(string, string, ...any) error) error {
	for _, f := range a.fields {
		sf := a.typ.FieldByIndex(f.index)
		var rest []string
		for part := range strings.SplitSeq(sf.Tag.Get("validate"), ",") {
			if part == "dive" || part == "keys" {
				// Everything from here on is for the elements.
				rest = append(rest, part)
				continue
			}
			top := !slices.Contains(rest, "dive") && !slices.Contains(rest, "keys")
			if top && part == "required" {
				f.required = true
				continue
			}
			if top && part == "omitempty" {
				f.omitempty = true
				continue
			}
			if part != "" {
				rest = append(rest, part)
			}
		}
		f.rest = strings.Join(rest, ",")
	}
	if !a.check {
		return nil
	}
	var perr error
	func() {
		defer func() {
			if r := recover(); r != nil {
				perr = fail("", "parameter type %s has a bad validate tag: %v", a.typ, r)
			}
		}()
		_ = p.opts.Validator.Struct(reflect.New(a.typ).Interface())
		for _, f := range a.fields {
			if f.rest != "" && (f.required || f.omitempty) {
				_ = p.opts.Validator.Var(reflect.New(a.typ.FieldByIndex(f.index).Type).Elem().Interface(), f.rest)
			}
		}
	}()
	return perr
}

// validate checks presence for required fields and runs the validator,
// adding every failure to c as a 422 field error, in the order the fields
// are declared. Fields that already failed to bind are not reported
// twice.
func (p *Plan) validate(ctx context.Context, a *arg, ptr reflect.Value, sent uint64, c *collector) {
	errs := fieldErrs{start: len(c.fields)}
	for _, f := range a.fields {
		if f.required && sent&f.bit == 0 && !c.has(f.loc.String(), f.name) {
			errs.add(c, f, fieldError(f.loc.String(), f.name, "is required"))
		}
	}
	if a.check {
		p.checkTags(ctx, a, ptr, sent, c, &errs)
	}
	// Presence, the validator and the zero values the validator skips
	// are checked in passes of their own (and a.fields holds body fields
	// last): put the errors back in declaration order.
	if len(errs.of) > 1 {
		sortByField(c.fields[errs.start:], errs.of)
	}
}

// fieldErrs notes which field each validation error added to a
// collector is for.
type fieldErrs struct {
	start int      // the index in c.fields of the first error added
	of    []*field // of[i] is the field of c.fields[start+i], or nil
}

// add adds fe, an error of field f (or nil), to c.
func (e *fieldErrs) add(c *collector, f *field, fe view.FieldError) {
	c.fields = append(c.fields, fe)
	e.of = append(e.of, f)
}

// checkTags runs the validator on *ptr, then the rest of the tags of the
// required and omitempty fields sent with their zero value.
func (p *Plan) checkTags(ctx context.Context, a *arg, ptr reflect.Value, sent uint64, c *collector, errs *fieldErrs) {
	var err error
	if len(a.stateNS) == 0 {
		err = p.opts.Validator.StructCtx(ctx, ptr.Interface())
	} else {
		err = p.opts.Validator.StructFilteredCtx(ctx, ptr.Interface(), a.filter)
	}
	verrs, _ := err.(validator.ValidationErrors)
	for _, fe := range verrs {
		f := a.topField(fe.StructNamespace())
		loc, name := "body", trimRoot(fe.Namespace())
		if f != nil {
			loc = f.loc.String()
			if len(f.index) > 1 {
				name = promotedName(f, name)
			}
		}
		if c.has(loc, name) || f != nil && c.has(loc, f.name) {
			continue
		}
		if fe.Tag() == "required" && f != nil && name == f.name {
			// Presence was checked above. A field that was sent with its
			// zero value passes "required"; the rest of its tag is
			// checked below.
			continue
		}
		errs.add(c, f, fieldError(loc, name, reasonFor(fe)))
	}
	// The validator stops at "required" and skips "omitempty" fields whose
	// value is zero. A field sent with its zero value still has the rest of
	// its tag to pass.
	for _, f := range a.fields {
		if !(f.required || f.omitempty) || f.rest == "" || sent&f.bit == 0 || c.has(f.loc.String(), f.name) {
			continue
		}
		fv := ptr.Elem().FieldByIndex(f.index)
		if !fv.IsZero() {
			continue
		}
		err := p.opts.Validator.VarCtx(ctx, fv.Interface(), f.rest)
		var inner validator.ValidationErrors
		if errors.As(err, &inner) {
			for _, ie := range inner {
				errs.add(c, f, fieldError(f.loc.String(), f.name, reasonFor(ie)))
			}
		}
	}
}

// sortByField sorts errs, whose fields are of, into the order in which
// the fields are declared (promoted fields where their embedded struct
// is), keeping the order of the errors of one field. Errors of no known
// field go last.
func sortByField(errs []view.FieldError, of []*field) {
	type fieldErr struct {
		f *field
		e view.FieldError
	}
	s := make([]fieldErr, len(errs))
	for i := range errs {
		s[i] = fieldErr{of[i], errs[i]}
	}
	slices.SortStableFunc(s, func(x, y fieldErr) int {
		if x.f == nil || y.f == nil {
			return cmpBool(x.f == nil, y.f == nil)
		}
		return slices.Compare(x.f.index, y.f.index)
	})
	for i := range s {
		errs[i] = s[i].e
	}
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// skipState is the validator filter that skips a's state fields.
func (a *arg) skipState(ns []byte) bool {
	for _, s := range a.stateNS {
		if string(ns) == s {
			return true
		}
	}
	return false
}

// topField returns the bound field a validator struct namespace such as
// "Message.Items[3].Name" starts with.
func (a *arg) topField(ns string) *field {
	_, rest, _ := strings.Cut(ns, ".")
	segs := strings.Split(rest, ".")
	for i, s := range segs {
		if j := strings.IndexByte(s, '['); j >= 0 {
			segs[i] = s[:j]
		}
	}
	// A field promoted from an embedded struct is named through it
	// ("Shipping.Street"): find the bound field whose Go path the
	// namespace starts with.
	for _, f := range a.fields {
		if len(f.index) > len(segs) {
			continue
		}
		t, ok := a.typ, true
		for i, x := range f.index {
			sf := t.Field(x)
			if sf.Name != segs[i] {
				ok = false
				break
			}
			t = sf.Type
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
		}
		if ok {
			return f
		}
	}
	return nil
}

// promotedName turns the validator's name for an error in f, a field
// promoted from an embedded struct ("Shipping.street.x" for
// Shipping.Street), into its name on the wire ("street.x"): the embedded
// structs' names are not keys.
func promotedName(f *field, name string) string {
	segs := strings.SplitN(name, ".", len(f.index)+1)
	if len(segs) < len(f.index) {
		return f.name
	}
	last := segs[len(f.index)-1]
	out := f.name
	if j := strings.IndexByte(last, '['); j >= 0 {
		out += last[j:] // an index into the field itself
	}
	if len(segs) > len(f.index) {
		out += "." + segs[len(f.index)]
	}
	return out
}

// trimRoot drops the struct type name a validator namespace starts with.
func trimRoot(ns string) string {
	_, rest, _ := strings.Cut(ns, ".")
	return rest
}

func fieldError(loc, name, reason string) view.FieldError {
	return view.FieldError{Location: loc, Field: name, Reason: reason}
}

// reasonFor says in words why a validation failed.
func reasonFor(fe validator.FieldError) string {
	param := fe.Param()
	unit := ""
	switch fe.Kind() {
	case reflect.String:
		unit = " character"
	case reflect.Slice, reflect.Array, reflect.Map:
		unit = " item"
	}
	if unit != "" && param != "1" {
		unit += "s"
	}
	switch fe.Tag() {
	case "required":
		return "is required"
	case "min", "gte":
		return "must be at least " + param + unit
	case "max", "lte":
		return "must be at most " + param + unit
	case "gt":
		return "must be more than " + param + unit
	case "lt":
		return "must be less than " + param + unit
	case "len":
		return "must be exactly " + param + unit
	case "oneof":
		return "must be one of: " + strings.Join(strings.Fields(param), ", ")
	case "email":
		return "must be an email address"
	case "url", "http_url":
		return "must be a URL"
	case "uuid", "uuid4":
		return "must be a UUID"
	}
	if param != "" {
		return fmt.Sprintf("failed the %q check (%s)", fe.Tag(), param)
	}
	return fmt.Sprintf("failed the %q check", fe.Tag())
}
